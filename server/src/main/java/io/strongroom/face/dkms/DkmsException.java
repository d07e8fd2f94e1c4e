package io.strongroom.face.dkms;

import static java.util.Objects.requireNonNull;

/**
 * A refused or failed dkms-gcs-0.2 call: the HTTP status, the protocol's {@code ErrorCode} and a
 * message safe to send. Existing clients read the status; they retry 429 and 503 only.
 */
final class DkmsException extends RuntimeException {
    private final int status;
    private final String code;

    DkmsException(int status, String code, String message) {
        super(requireNonNull(message, "message"));
        this.status = status;
        this.code = requireNonNull(code, "code");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static DkmsException invalidParam(String name) {
        return new DkmsException(400, "InvalidParam", "The Param " + name + " is invalid.");
    }

    static DkmsException missing(String name) {
        return new DkmsException(400, "MissingParameter", "Parameter " + name + " does not exist in http header or body.");
    }

    static DkmsException unauthorized(String why) {
        return new DkmsException(401, "Unauthorized", why);
    }

    static DkmsException noPermission(String why) {
        return new DkmsException(403, "Forbidden.NoPermission", why);
    }
}
