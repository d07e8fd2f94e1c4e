package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.Set;

/**
 * The AES modes a symmetric key serves, fixed when the key is created: {@code GCM} (the default:
 * AES_GCM only) or {@code CBC_ECB} (AES_CBC and AES_ECB only). RSA, EC and HMAC keys have none.
 *
 * <p>Why a key never serves both: AES_CBC with a caller-chosen IV, and AES_ECB, compute the raw
 * block cipher AES_k on any block the caller picks. With that, anyone allowed to Encrypt could
 * decrypt the same key's GCM ciphertexts without their AAD (GCM is a counter-mode keystream) and
 * forge their tags (the hash key is AES_k(0)), data keys and Advance blobs included.
 */
public enum AesModes {
    GCM(Set.of(AesAlgorithm.Mode.AES_GCM)),
    CBC_ECB(Set.of(AesAlgorithm.Mode.AES_CBC, AesAlgorithm.Mode.AES_ECB));

    private final Set<AesAlgorithm.Mode> modes;

    AesModes(Set<AesAlgorithm.Mode> modes) {
        this.modes = modes;
    }

    boolean allows(AesAlgorithm.Mode mode) {
        return modes.contains(mode);
    }

    /**
     * The modes {@code value} asks for a new key of {@code spec}: {@link #GCM} when absent for an AES
     * key, null (none) when absent for any other; refused when given for a key that is not AES.
     */
    static AesModes parse(String value, KeySpec spec) {
        boolean absent = value == null || value.isBlank();
        if (!spec.isAes()) {
            if (!absent) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "AesModes is for AES keys (Aliyun_AES_256, Aliyun_AES_128,"
                        + " Aliyun_AES_192), not " + spec + " keys: leave it out");
            }
            return null;
        }
        if (absent) {
            return GCM;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "AesModes must be GCM (the default: AES_GCM only) or CBC_ECB"
                    + " (AES_CBC and AES_ECB only), not '" + value + "'");
        }
    }

    /**
     * Refuses {@code action} with {@code mode} on {@code key} unless its AES modes allow it: a
     * parameter error saying which key the call needs, never a decryption failure.
     */
    static void require(Key key, AesAlgorithm.Mode mode, String action) {
        AesModes modes = key.aesModes();
        if (modes == null) {
            throw new IllegalStateException("key " + key.keyId() + " is not an AES key");
        }
        if (modes.allows(mode)) {
            return;
        }
        if (modes == GCM) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The key " + key.keyId() + " allows AES_GCM only, not " + mode
                    + ": AES_CBC and AES_ECB need a key created with AesModes CBC_ECB (strongroom key create --aes-modes CBC_ECB),"
                    + " because they give raw AES block access that would break AES_GCM on the same key.");
        }
        boolean dataKey = action.contains("DataKey");
        throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The key " + key.keyId() + " is for AES_CBC and AES_ECB only"
                + " (AesModes CBC_ECB), and " + action + " uses AES_GCM: " + (dataKey
                ? "data keys and data key pairs are sealed with AES_GCM, so use a key with AesModes GCM (the default)."
                : "name Algorithm AES_CBC or AES_ECB, or use a key with AesModes GCM (the default)."));
    }
}
