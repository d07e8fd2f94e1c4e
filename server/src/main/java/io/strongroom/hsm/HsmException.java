package io.strongroom.hsm;

import static java.util.Objects.requireNonNull;

/**
 * A failed HSM call. The message is safe to show to operators: it never holds a PIN or key
 * material. {@link #detail()} carries the token's own code (for PKCS#11, the {@code CKR_*}
 * name) when there is one.
 */
public final class HsmException extends Exception {
    private final HsmFailure failure;
    private final String detail;

    public HsmException(HsmFailure failure, String message, String detail) {
        super(requireNonNull(message, "message"));
        this.failure = requireNonNull(failure, "failure");
        this.detail = detail == null ? "" : detail;
    }

    public HsmException(HsmFailure failure, String message) {
        this(failure, message, "");
    }

    public HsmFailure failure() {
        return failure;
    }

    /** The token's own error name (e.g. {@code CKR_PIN_INCORRECT}), or empty. */
    public String detail() {
        return detail;
    }
}
