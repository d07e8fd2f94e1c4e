package io.strongroom.hsm;

import static java.util.Objects.requireNonNull;

/** A connect attempt that failed, with the code the instance reports and a message that says what to do. */
public final class ConnectException extends Exception {
    private final ConnectionErrorCode code;

    public ConnectException(ConnectionErrorCode code, String message) {
        super(requireNonNull(message, "message"));
        this.code = requireNonNull(code, "code");
    }

    public ConnectionErrorCode code() {
        return code;
    }
}
