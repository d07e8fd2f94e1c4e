package io.strongroom.platform;

import static java.util.Objects.requireNonNull;

/**
 * The one error type of the service layer: a code and a message safe to show to the caller
 * (it says what is wrong and what to do; never a secret, never a stack trace).
 */
public final class StrongroomException extends RuntimeException {
    private final ErrorCode code;

    public StrongroomException(ErrorCode code, String message) {
        super(requireNonNull(message, "message"));
        this.code = requireNonNull(code, "code");
    }

    public StrongroomException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.code = requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
