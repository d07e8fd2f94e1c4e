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
    private final RsaEncryption rsa;
    private final Signing signing;
    private final DataKeyPairs dataKeyPairs;

    public Encryption(KeyService keys, InstanceService instances) {
        this.keys = requireNonNull(keys, "keys");
        this.instances = requireNonNull(instances, "instances");
        this.rsa = new RsaEncryption(keys);
        this.signing = new Signing(keys, instances);
        this.dataKeyPairs = new DataKeyPairs(this);
    }

    /** Sign, Verify, GetPublicKey and Hmac with the same keys (the endpoint reaches every key operation from here). */
    public Signing signing() {
        return signing;
    }

    /** The GenerateDataKeyPair calls, sealed under the same keys. */
    public DataKeyPairs dataKeyPairs() {
        return dataKeyPairs;
    }

    /** What Encrypt answers: not secret. {@code iv} is empty for RSA. */
    public record Sealed(String keyId, String algorithm, byte[] iv, byte[] ciphertextBlob) {
    }

    /** AES-GCM under the initial version of a symmetric key, or RSA-OAEP (see {@link RsaEncryption}) with an RSA key. */
    public Sealed encrypt(String instanceId, String keyRef, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
        Key key = keys.usableKey(instanceId, keyRef, Key.ENCRYPT_DECRYPT, "Encrypt");
        if (key.keySpec().keyPair().isPresent()) {
            return rsa.encrypt(key, algorithm, plaintext);
        }
        requireGcm(algorithm);
        requirePlaintext(plaintext);
        byte[] nonce = iv.length == 0 ? randomIv() : requireIv(iv);
        ClusterConnection connection = connection(instanceId);
        try {
            return new Sealed(key.keyId(), "AES_GCM", nonce,
                    keys.material.encrypt(connection, key, keys.initialVersion(key), nonce, aad, plaintext));
        } catch (HsmException e) {
            throw unavailable(e);
        }
    }

    public Opened decrypt(String instanceId, String keyRef, String algorithm, byte[] ciphertextBlob, byte[] iv, byte[] aad) {
        Key key = keys.usableKey(instanceId, keyRef, Key.ENCRYPT_DECRYPT, "Decrypt");
        if (key.keySpec().keyPair().isPresent()) {
            return rsa.decrypt(connection(instanceId), key, algorithm, ciphertextBlob);
        }
        requireGcm(algorithm);
        if (iv.length == 0) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Parameter Iv does not exist in http header or body.");
        }
        requireIv(iv);
        if (ciphertextBlob.length < 16 || ciphertextBlob.length > MAX_PLAINTEXT + 16) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
        }
        ClusterConnection connection = connection(instanceId);
        try {
            KeyVersion version = keys.initialVersion(key);
            return new Opened(key.keyId(), version.keyVersionId(), "AES_GCM",
                    keys.material.decrypt(connection, key, version, iv, aad, ciphertextBlob));
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

    /** What Decrypt and AdvanceDecrypt answer: the plaintext goes to the caller only. */
    public record Opened(String keyId, String keyVersionId, String algorithm, byte[] plaintext) {
        @Override
        public String toString() {
            return "Opened[" + keyVersionId + ", plaintext redacted]";
        }
    }

    /** Encrypts under the key's primary version; the blob names the version (see {@link CiphertextEnvelope}). */
    public AdvanceSealed advanceEncrypt(String instanceId, String keyRef, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
        requireGcm(algorithm);
        requirePlaintext(plaintext);
        Key key = aesKey(instanceId, keyRef, "AdvanceEncrypt");
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
        Key key = aesKey(instanceId, version.keyId(), "AdvanceDecrypt");
        if (keyRef != null && !keyRef.isEmpty() && !keys.resolveKeyId(keyRef).equals(key.keyId())) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
        }
        try {
            return new Opened(key.keyId(), version.keyVersionId(), "AES_GCM",
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
        Key key = aesKey(instanceId, keyRef, advance ? "AdvanceGenerateDataKey" : "GenerateDataKey");
        byte[] plaintext = null;
        try {
            plaintext = keys.material.random(connection(instanceId), length);
            return seal(instanceId, key, plaintext, aad, advance);
        } catch (HsmException e) {
            throw unavailable(e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /**
     * {@code plaintext} sealed with AES-GCM under the key's initial version (blob = ciphertext and
     * tag), or under its primary version in a {@link CiphertextEnvelope} when {@code advance}.
     */
    DataKey seal(String instanceId, Key key, byte[] plaintext, byte[] aad, boolean advance) {
        KeyVersion version = advance ? keys.primaryVersion(key) : keys.initialVersion(key);
        try {
            byte[] iv = randomIv();
            byte[] sealed = keys.material.encrypt(connection(instanceId), key, version, iv, aad, plaintext);
            byte[] blob = advance ? new CiphertextEnvelope(version.keyVersionId(), iv, sealed).encode() : sealed;
            return new DataKey(key.keyId(), version.keyVersionId(), iv, blob, plaintext);
        } catch (HsmException e) {
            throw unavailable(e);
        }
    }

    /** A usable symmetric key: the AES-GCM calls refuse RSA keys, saying which keys they need. */
    Key aesKey(String instanceId, String keyRef, String action) {
        Key key = keys.usableKey(instanceId, keyRef, Key.ENCRYPT_DECRYPT, action);
        if (!key.keySpec().isAes()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The key " + key.keyId() + " is a " + key.keySpec() + " key: "
                    + action + " needs a symmetric key (Aliyun_AES_256, Aliyun_AES_128 or Aliyun_AES_192).");
        }
        return key;
    }

    private ClusterConnection connection(String instanceId) {
        return connection(instances, instanceId);
    }

    static ClusterConnection connection(InstanceService instances, String instanceId) {
        return instances.connection(instanceId).orElseThrow(() -> new StrongroomException(ErrorCode.HSM_UNAVAILABLE,
                "The instance is reconnecting to its HSM cluster; retry shortly."));
    }

    static StrongroomException unavailable(HsmException e) {
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
