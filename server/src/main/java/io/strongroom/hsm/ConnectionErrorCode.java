package io.strongroom.hsm;

/** Why the last connect attempt ended in {@code Disabled}, as the API reports it in {@code ErrorCode}. */
public enum ConnectionErrorCode {
    INVALID_CREDENTIALS,
    HSM_UNREACHABLE,
    INSUFFICIENT_HSMS,
    DOMAIN_KEY_MISMATCH,
    USER_LOCKED_OUT,
    INTERNAL_ERROR
}
