package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.security.SecureRandom;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Encrypt, Decrypt and GenerateDataKey with an instance's symmetric keys: AES-GCM with a 12-byte
 * IV and a 16-byte tag, ciphertext blob = ciphertext followed by the tag, under the key's initial
 * version (as the protocol fixes them). The {@code Advance*} calls use the primary (newest) version
 * and return a {@link CiphertextEnvelope} that names its version, so AdvanceDecrypt needs only it.
 *
 * <p>AEAD guarantees: decryption returns plaintext only when key, IV, AAD, ciphertext and tag all
 * authenticate, and a failure says nothing about why. Every IV this server makes is random.
 */
public final class Encryption {
    public static final int MAX_PLAINTEXT = 6 * 1024;
    public static final int MAX_DATA_KEY = 1024;
    public static final int DEFAULT_DATA_KEY = 32;
    static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DECRYPTION_FAILED = "The ciphertext could not be decrypted.";

    private final KeyService keys;
    private final InstanceService instances;

    public Encryption(KeyService keys, InstanceService instances) {
        this.keys = requireNonNull(keys, "keys");
        this.instances = requireNonNull(instances, "instances");
    }

    /** What Encrypt and GenerateDataKey answer: not secret. */
    public record Sealed(String keyId, byte[] iv, byte[] ciphertextBlob) {
    }

    public Sealed encrypt(String instanceId, String keyRef, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
        requireGcm(algorithm);
        requirePlaintext(plaintext);
        Key key = keys.usableKey(instanceId, keyRef);
        byte[] nonce = iv.length == 0 ? randomIv() : requireIv(iv);
        ClusterConnection connection = connection(instanceId);
        try {
            return new Sealed(key.keyId(), nonce, keys.material.encrypt(connection, key, keys.initialVersion(key), nonce, aad, plaintext));
        } catch (HsmException e) {
            throw unavailable(e);
        }
    }

    public byte[] decrypt(String instanceId, String keyRef, String algorithm, byte[] ciphertextBlob, byte[] iv, byte[] aad) {
        requireGcm(algorithm);
        if (iv.length == 0) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Parameter Iv does not exist in http header or body.");
        }
        Key key = keys.usableKey(instanceId, keyRef);
        requireIv(iv);
        if (ciphertextBlob.length < 16 || ciphertextBlob.length > MAX_PLAINTEXT + 16) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
        }
        ClusterConnection connection = connection(instanceId);
        try {
            return keys.material.decrypt(connection, key, keys.initialVersion(key), iv, aad, ciphertextBlob);
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.DECRYPTION_FAILED) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
            }
            throw unavailable(e);
        }
    }

    /** What AdvanceEncrypt answers: not secret. The blob is a {@link CiphertextEnvelope}. */
    public record AdvanceSealed(String keyId, String keyVersionId, byte[] iv, byte[] ciphertextBlob) {
    }

    /** What AdvanceDecrypt answers: the plaintext goes to the caller only. */
    public record Opened(String keyId, String keyVersionId, byte[] plaintext) {
        @Override
        public String toString() {
            return "Opened[" + keyVersionId + ", plaintext redacted]";
        }
    }

    /** Encrypts under the key's primary version; the blob names the version (see {@link CiphertextEnvelope}). */
    public AdvanceSealed advanceEncrypt(String instanceId, String keyRef, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
        requireGcm(algorithm);
        requirePlaintext(plaintext);
        Key key = keys.usableKey(instanceId, keyRef);
        KeyVersion version = keys.primaryVersion(key);
        byte[] nonce = iv.length == 0 ? randomIv() : requireIv(iv);
        try {
            byte[] sealed = keys.material.encrypt(connection(instanceId), key, version, nonce, aad, plaintext);
            return new AdvanceSealed(key.keyId(), version.keyVersionId(), nonce,
                    new CiphertextEnvelope(version.keyVersionId(), nonce, sealed).encode());
        } catch (HsmException e) {
            throw unavailable(e);
        }
    }

    /**
     * Decrypts an AdvanceEncrypt or AdvanceGenerateDataKey blob with the version it names, whichever
     * version is primary now. {@code keyRef}, when given, must name the same key.
     */
    public Opened advanceDecrypt(String instanceId, String keyRef, String algorithm, byte[] blob, byte[] aad) {
        requireGcm(algorithm);
        CiphertextEnvelope envelope = CiphertextEnvelope.decode(blob, DECRYPTION_FAILED);
        KeyVersion version = keys.findVersion(envelope.keyVersionId())
                .orElseThrow(() -> new StrongroomException(ErrorCode.KEY_NOT_FOUND, "The specified Key is not found."));
        Key key = keys.usableKey(instanceId, version.keyId());
        if (keyRef != null && !keyRef.isEmpty() && !keys.resolveKeyId(keyRef).equals(key.keyId())) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
        }
        try {
            return new Opened(key.keyId(), version.keyVersionId(),
                    keys.material.decrypt(connection(instanceId), key, version, envelope.iv(), aad, envelope.sealed()));
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.DECRYPTION_FAILED) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
            }
            throw unavailable(e);
        }
    }

    /** The key id an Advance blob was made with, for policies; empty when the blob names no known version. */
    public java.util.Optional<String> keyIdOfBlob(byte[] blob) {
        try {
            return keys.findVersion(CiphertextEnvelope.decode(blob, DECRYPTION_FAILED).keyVersionId()).map(KeyVersion::keyId);
        } catch (StrongroomException e) {
            return java.util.Optional.empty();
        }
    }

    /** The key id {@code keyRef} (a key id or an alias) names, for policies. */
    public String resolveKeyId(String keyRef) {
        return keys.resolveKeyId(keyRef);
    }

    /**
     * A data key of {@code numberOfBytes} (1..1024, 0 for the default 32) from the HSM's random
     * generator, returned in clear to the caller and sealed under the key's initial version.
     */
    public DataKey generateDataKey(String instanceId, String keyRef, String algorithm, int numberOfBytes, byte[] aad) {
        requireGcm(algorithm);
        return dataKey(instanceId, keyRef, numberOfBytes, aad, false);
    }

    /** As {@link #generateDataKey}, sealed under the primary version in a {@link CiphertextEnvelope}. */
    public DataKey advanceGenerateDataKey(String instanceId, String keyRef, int numberOfBytes, byte[] aad) {
        return dataKey(instanceId, keyRef, numberOfBytes, aad, true);
    }

    private DataKey dataKey(String instanceId, String keyRef, int numberOfBytes, byte[] aad, boolean advance) {
        int length = numberOfBytes == 0 ? DEFAULT_DATA_KEY : numberOfBytes;
        if (length < 1 || length > MAX_DATA_KEY) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param NumberOfBytes must be from 1 to " + MAX_DATA_KEY + ".");
        }
        Key key = keys.usableKey(instanceId, keyRef);
        KeyVersion version = advance ? keys.primaryVersion(key) : keys.initialVersion(key);
        ClusterConnection connection = connection(instanceId);
        byte[] plaintext = null;
        try {
            plaintext = keys.material.random(connection, length);
            byte[] iv = randomIv();
            byte[] sealed = keys.material.encrypt(connection, key, version, iv, aad, plaintext);
            byte[] blob = advance ? new CiphertextEnvelope(version.keyVersionId(), iv, sealed).encode() : sealed;
            return new DataKey(key.keyId(), version.keyVersionId(), iv, blob, plaintext);
        } catch (HsmException e) {
            throw unavailable(e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private ClusterConnection connection(String instanceId) {
        return instances.connection(instanceId).orElseThrow(() -> new StrongroomException(ErrorCode.HSM_UNAVAILABLE,
                "The instance is reconnecting to its HSM cluster; retry shortly."));
    }

    private static StrongroomException unavailable(HsmException e) {
        return new StrongroomException(ErrorCode.HSM_UNAVAILABLE, "No HSM of the instance's cluster answered; retry shortly.");
    }

    private static void requirePlaintext(byte[] plaintext) {
        if (plaintext.length == 0 || plaintext.length > MAX_PLAINTEXT) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Plaintext must be from 1 to " + MAX_PLAINTEXT
                    + " bytes (6 KiB); encrypt larger data locally with a data key (GenerateDataKey).");
        }
    }

    private static void requireGcm(String algorithm) {
        if (algorithm != null && !algorithm.isEmpty() && !algorithm.equals("AES_GCM")) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Algorithm " + algorithm
                    + " is not supported for this key: use AES_GCM (AES_CBC and AES_ECB are not in this release).");
        }
    }

    private static byte[] requireIv(byte[] iv) {
        if (iv.length != IV_BYTES) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Iv must be " + IV_BYTES + " bytes for AES_GCM.");
        }
        return iv;
    }

    private static byte[] randomIv() {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return iv;
    }
}
