package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Encrypt, Decrypt and GenerateDataKey with an instance's symmetric keys, under the key's initial
 * version (as the protocol fixes them): AES-GCM (the default) with a 12-byte IV and a 16-byte tag,
 * ciphertext blob = ciphertext followed by the tag; or, when asked, AES-CBC (16-byte IV) or AES-ECB
 * with PKCS#7 padding or none (see {@link AesAlgorithm}). The {@code Advance*} calls use the
 * primary (newest) version and return a {@link CiphertextEnvelope} that names its version and
 * algorithm, so AdvanceDecrypt needs only it. Data keys are always sealed with AES-GCM. A key serves
 * the modes of its {@link AesModes} only, GCM or CBC and ECB, never both: every call checks them
 * first and refuses the others as a parameter error.
 *
 * <p>AEAD guarantees (GCM): decryption returns plaintext only when key, IV, AAD, ciphertext and tag
 * all authenticate. CBC and ECB authenticate nothing. A failed decryption, a GCM tag or a bad
 * padding, says nothing about why. Every IV this server makes is random.
 */
public final class Encryption {
    public static final int MAX_PLAINTEXT = 6 * 1024;
    public static final int MAX_DATA_KEY = 1024;
    public static final int DEFAULT_DATA_KEY = 32;
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

    /**
     * What Encrypt and AdvanceEncrypt answer: not secret. {@code iv} is empty for RSA and ECB, and
     * {@code paddingMode} for RSA and GCM. AdvanceEncrypt's blob is a {@link CiphertextEnvelope}.
     */
    public record Sealed(String keyId, String keyVersionId, String algorithm, String paddingMode, byte[] iv, byte[] ciphertextBlob) {
    }

    /** What the calls' parameters name: {@code algorithm} and {@code paddingMode} are empty when absent. */
    public record Parameters(String algorithm, String paddingMode, byte[] iv, byte[] aad) {
        public Parameters {
            requireNonNull(algorithm, "algorithm");
            requireNonNull(paddingMode, "paddingMode");
            requireNonNull(iv, "iv");
            requireNonNull(aad, "aad");
        }
    }

    /** AES under the initial version of a symmetric key, or RSA-OAEP (see {@link RsaEncryption}) with an RSA key. */
    public Sealed encrypt(String instanceId, String keyRef, Parameters request, byte[] plaintext) {
        Key key = keys.usableKey(instanceId, keyRef, Key.ENCRYPT_DECRYPT, "Encrypt");
        if (key.keySpec().keyPair().isPresent()) {
            return rsa.encrypt(key, request, plaintext);
        }
        AesAlgorithm aes = AesAlgorithm.of(request.algorithm(), request.paddingMode());
        AesModes.require(key, aes.mode(), "Encrypt");
        return seal(instanceId, key, keys.initialVersion(key), aes, request, plaintext);
    }

    public Opened decrypt(String instanceId, String keyRef, Parameters request, byte[] ciphertextBlob) {
        Key key = keys.usableKey(instanceId, keyRef, Key.ENCRYPT_DECRYPT, "Decrypt");
        if (key.keySpec().keyPair().isPresent()) {
            return rsa.decrypt(connection(instanceId), key, request, ciphertextBlob);
        }
        AesAlgorithm aes = AesAlgorithm.of(request.algorithm(), request.paddingMode());
        AesModes.require(key, aes.mode(), "Decrypt");
        aes.requireNoAadUnlessGcm(request.aad());
        aes.requireIvToDecrypt(request.iv());
        if (!aes.fitsCiphertext(ciphertextBlob.length)) {
            throw decryptionFailed();
        }
        return open(instanceId, key, keys.initialVersion(key), aes, request.iv(), request.aad(), ciphertextBlob);
    }

    /** What Decrypt and AdvanceDecrypt answer: the plaintext goes to the caller only. */
    public record Opened(String keyId, String keyVersionId, String algorithm, String paddingMode, byte[] plaintext) {
        @Override
        public String toString() {
            return "Opened[" + keyVersionId + ", plaintext redacted]";
        }
    }

    /** Encrypts under the key's primary version; the blob names the version and algorithm (see {@link CiphertextEnvelope}). */
    public Sealed advanceEncrypt(String instanceId, String keyRef, Parameters request, byte[] plaintext) {
        AesAlgorithm aes = AesAlgorithm.of(request.algorithm(), request.paddingMode());
        aes.requirePlaintext(plaintext);
        Key key = aesKey(instanceId, keyRef, "AdvanceEncrypt");
        AesModes.require(key, aes.mode(), "AdvanceEncrypt");
        KeyVersion version = keys.primaryVersion(key);
        Sealed sealed = seal(instanceId, key, version, aes, request, plaintext);
        return new Sealed(sealed.keyId(), sealed.keyVersionId(), sealed.algorithm(), sealed.paddingMode(), sealed.iv(),
                new CiphertextEnvelope(version.keyVersionId(), aes, sealed.iv(), sealed.ciphertextBlob()).encode());
    }

    /**
     * Decrypts an AdvanceEncrypt or AdvanceGenerateDataKey blob with the version and algorithm it
     * names, whichever version is primary now. {@code keyRef}, and the request's algorithm and
     * padding, when given, must be the blob's; its IV is the blob's own.
     */
    public Opened advanceDecrypt(String instanceId, String keyRef, Parameters request, byte[] blob) {
        CiphertextEnvelope envelope = CiphertextEnvelope.decode(blob, DECRYPTION_FAILED);
        AesAlgorithm sealedWith = envelope.algorithm();
        String algorithm = request.algorithm().isEmpty() ? sealedWith.algorithmName() : request.algorithm();
        boolean sameAlgorithm = algorithm.equals(sealedWith.algorithmName());
        String padding = request.paddingMode().isEmpty() && sameAlgorithm ? sealedWith.paddingMode() : request.paddingMode();
        if (!AesAlgorithm.of(algorithm, padding).equals(sealedWith)) {
            throw decryptionFailed();
        }
        sealedWith.requireNoAadUnlessGcm(request.aad());
        KeyVersion version = keys.findVersion(envelope.keyVersionId())
                .orElseThrow(() -> new StrongroomException(ErrorCode.KEY_NOT_FOUND, "The specified Key is not found."));
        Key key = aesKey(instanceId, version.keyId(), "AdvanceDecrypt");
        if (keyRef != null && !keyRef.isEmpty() && !keys.resolveKeyId(keyRef).equals(key.keyId())) {
            throw decryptionFailed();
        }
        AesModes.require(key, sealedWith.mode(), "AdvanceDecrypt");
        return open(instanceId, key, version, sealedWith, envelope.iv(), request.aad(), envelope.sealed());
    }

    /** Checks the call's plaintext, IV and AAD against {@code aes} and encrypts under {@code version}. */
    private Sealed seal(String instanceId, Key key, KeyVersion version, AesAlgorithm aes, Parameters request, byte[] plaintext) {
        aes.requirePlaintext(plaintext);
        aes.requireNoAadUnlessGcm(request.aad());
        byte[] iv = aes.ivToEncrypt(request.iv());
        try {
            return new Sealed(key.keyId(), version.keyVersionId(), aes.algorithmName(), aes.paddingMode(), iv,
                    keys.material.encrypt(connection(instanceId), key, version, aes, iv, request.aad(), plaintext));
        } catch (HsmException e) {
            throw unavailable(e);
        }
    }

    private Opened open(String instanceId, Key key, KeyVersion version, AesAlgorithm aes, byte[] iv, byte[] aad, byte[] sealed) {
        try {
            return new Opened(key.keyId(), version.keyVersionId(), aes.algorithmName(), aes.paddingMode(),
                    keys.material.decrypt(connection(instanceId), key, version, aes, iv, aad, sealed));
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.DECRYPTION_FAILED) {
                throw decryptionFailed();
            }
            throw unavailable(e);
        }
    }

    /** The one answer to every ciphertext that does not decrypt, whatever the reason. */
    static StrongroomException decryptionFailed() {
        return new StrongroomException(ErrorCode.INVALID_PARAMETER, DECRYPTION_FAILED);
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
        Key key = sealingKey(instanceId, keyRef, advance ? "AdvanceGenerateDataKey" : "GenerateDataKey");
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
            byte[] iv = AesAlgorithm.GCM.ivToEncrypt(new byte[0]);
            byte[] sealed = keys.material.encrypt(connection(instanceId), key, version, AesAlgorithm.GCM, iv, aad, plaintext);
            byte[] blob = advance ? new CiphertextEnvelope(version.keyVersionId(), AesAlgorithm.GCM, iv, sealed).encode() : sealed;
            return new DataKey(key.keyId(), version.keyVersionId(), iv, blob, plaintext);
        } catch (HsmException e) {
            throw unavailable(e);
        }
    }

    /** A usable symmetric key: the AES-only calls refuse RSA keys, saying which keys they need. */
    private Key aesKey(String instanceId, String keyRef, String action) {
        Key key = keys.usableKey(instanceId, keyRef, Key.ENCRYPT_DECRYPT, action);
        if (!key.keySpec().isAes()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The key " + key.keyId() + " is a " + key.keySpec() + " key: "
                    + action + " needs a symmetric key (Aliyun_AES_256, Aliyun_AES_128 or Aliyun_AES_192).");
        }
        return key;
    }

    /** A usable AES key that data keys and data key pairs may be sealed under: one with AesModes GCM. */
    Key sealingKey(String instanceId, String keyRef, String action) {
        Key key = aesKey(instanceId, keyRef, action);
        AesModes.require(key, AesAlgorithm.Mode.AES_GCM, action);
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

    private static void requireGcm(String algorithm) {
        if (!algorithm.isEmpty() && !algorithm.equals("AES_GCM")) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Algorithm " + algorithm
                    + " is not supported: data keys are sealed with AES_GCM.");
        }
    }
}
