package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.SignatureAlgorithm;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Sign, Verify and GetPublicKey with an instance's RSA and EC keys of usage SIGN/VERIFY, and Hmac
 * with its HMAC keys. Sign and GetPublicKey use the key's primary (newest) version; Verify accepts
 * a signature made by any version of the key, so signatures stay verifiable across rotations.
 * Hmac uses the key's only version (HMAC keys do not rotate), so a MAC never changes.
 *
 * <p>A signature that does not verify, including a malformed one, is {@code false}, never an error.
 */
public final class Signing {
    public static final int MAX_MESSAGE = 6 * 1024;
    private final KeyService keys;
    private final InstanceService instances;

    public Signing(KeyService keys, InstanceService instances) {
        this.keys = requireNonNull(keys, "keys");
        this.instances = requireNonNull(instances, "instances");
    }

    /** What Sign answers: not secret. */
    public record Signed(String keyId, SignatureAlgorithm algorithm, byte[] signature) {
    }

    /**
     * Signs {@code message} (hashed here with SHA-256 when {@code messageType} is RAW, the default)
     * or the 32-byte SHA-256 digest in {@code message} (DIGEST) or in the legacy {@code digest}.
     */
    public Signed sign(String instanceId, String keyRef, String algorithm, byte[] message, String messageType, byte[] digest) {
        Key key = keys.usableKey(instanceId, keyRef, Key.SIGN_VERIFY, "Sign");
        SignatureAlgorithm scheme = algorithmFor(key, algorithm);
        byte[] hash = digestOf(message, messageType, digest);
        try {
            return new Signed(key.keyId(), scheme, keys.material.sign(connection(instanceId), key, keys.primaryVersion(key), scheme, hash));
        } catch (HsmException e) {
            throw Encryption.unavailable(e);
        }
    }

    /** Whether {@code signature} was made by any version of the key over the message or digest, as {@link #sign} reads them. */
    public boolean verify(String instanceId, String keyRef, String algorithm, byte[] message, String messageType, byte[] digest,
                          byte[] signature) {
        Key key = keys.usableKey(instanceId, keyRef, Key.SIGN_VERIFY, "Verify");
        SignatureAlgorithm scheme = algorithmFor(key, algorithm);
        byte[] hash = digestOf(message, messageType, digest);
        ClusterConnection connection = connection(instanceId);
        try {
            for (KeyVersion version : keys.listKeyVersions(key.keyId()).reversed()) {
                if (keys.material.verify(connection, key, version, scheme, hash, signature)) {
                    KeyVersionUse.note(version);
                    return true;
                }
            }
            return false;
        } catch (HsmException e) {
            throw Encryption.unavailable(e);
        }
    }

    /** The PEM ("PUBLIC KEY", X.509 SubjectPublicKeyInfo) of the key's primary version. */
    public String publicKeyPem(String instanceId, String keyRef) {
        return KeyService.publicKeyPem(keys.publicKeyVersion(keys.usableKey(instanceId, keyRef)));
    }

    /** The HMAC of {@code message} with an HMAC key, over the hash its key spec names (HMAC_SHA224 to HMAC_SHA512). */
    public byte[] hmac(String instanceId, String keyRef, byte[] message) {
        Key key = keys.usableKey(instanceId, keyRef, Key.GENERATE_VERIFY_MAC, "Hmac");
        if (message.length > MAX_MESSAGE) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Message must be at most " + MAX_MESSAGE + " bytes.");
        }
        try {
            return keys.material.hmac(connection(instanceId), key, keys.initialVersion(key), message);
        } catch (HsmException e) {
            throw Encryption.unavailable(e);
        }
    }

    private static SignatureAlgorithm algorithmFor(Key key, String algorithm) {
        boolean rsa = key.keySpec().keyPair().orElseThrow().isRsa();
        List<SignatureAlgorithm> allowed = rsa ? List.of(SignatureAlgorithm.RSA_PSS_SHA_256, SignatureAlgorithm.RSA_PKCS1_SHA_256)
                : List.of(SignatureAlgorithm.ECDSA_SHA_256);
        if ((algorithm == null || algorithm.isEmpty()) && !rsa) {
            return SignatureAlgorithm.ECDSA_SHA_256;
        }
        for (SignatureAlgorithm candidate : allowed) {
            if (candidate.name().equals(algorithm)) {
                return candidate;
            }
        }
        String names = String.join(" or ", allowed.stream().map(Enum::name).toList());
        if (algorithm == null || algorithm.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Parameter Algorithm is required for an RSA key: use " + names + ".");
        }
        throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Algorithm " + algorithm + " is not for a "
                + key.keySpec() + " key: use " + names + ".");
    }

    private static byte[] digestOf(byte[] message, String messageType, byte[] legacyDigest) {
        if (legacyDigest.length > 0) {
            return requireDigest(legacyDigest, "Digest");
        }
        String type = messageType == null || messageType.isEmpty() ? "RAW" : messageType;
        switch (type) {
            case "DIGEST" -> {
                return requireDigest(message, "Message");
            }
            case "RAW" -> {
                if (message.length > MAX_MESSAGE) {
                    throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Message must be at most " + MAX_MESSAGE
                            + " bytes; sign larger data as a SHA-256 digest (MessageType DIGEST).");
                }
                return sha256(message);
            }
            default -> throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param MessageType " + messageType
                    + " is invalid: use RAW (the server hashes Message with SHA-256) or DIGEST (Message is a SHA-256 digest).");
        }
    }

    /** SHA-256 of {@code message}: what RAW messages are signed over. */
    static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] requireDigest(byte[] digest, String field) {
        if (digest.length != SignatureAlgorithm.DIGEST_BYTES) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param " + field + " must be a 32-byte SHA-256 digest.");
        }
        return digest;
    }

    private ClusterConnection connection(String instanceId) {
        return Encryption.connection(instances, instanceId);
    }
}
