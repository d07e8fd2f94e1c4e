package io.strongroom.hsm;

/** Why a call to an HSM token failed, in the terms the instance state machine needs. */
public enum HsmFailure {
    /** The PIN (or user name) was refused. Never retried automatically: retries can lock the user out. */
    INVALID_CREDENTIALS,
    /** The token reports its user PIN locked. */
    USER_LOCKED_OUT,
    /** The module cannot be loaded, or the token with the configured label is not present. */
    UNREACHABLE,
    /** The call did not return within the configured timeout; the node is treated as unreachable. */
    TIMEOUT,
    /** A key object that should be on the token is not there. */
    KEY_NOT_FOUND,
    /** The token does not support a mechanism Strongroom needs. */
    MECHANISM_UNSUPPORTED,
    /**
     * An authenticated decryption failed: wrong key, IV or AAD, or a tampered ciphertext or tag.
     * Deliberately says nothing about which.
     */
    DECRYPTION_FAILED,
    /** Anything else the token reported. */
    INTERNAL
}
