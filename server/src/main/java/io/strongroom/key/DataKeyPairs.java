package io.strongroom.key;

import io.strongroom.platform.Certificates;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * GenerateDataKeyPair and its WithoutPlaintext and Advance forms: a fresh key pair for the caller
 * to use locally, its private key (PKCS#8, as PEM or DER) sealed with AES-GCM under a symmetric
 * key exactly as GenerateDataKey seals a data key (initial version; Advance: primary version in a
 * {@link CiphertextEnvelope}), so Decrypt / AdvanceDecrypt with the same Aad returns it.
 *
 * <p>Data key pairs are made in server memory with the JDK (they are handed out in clear anyway);
 * the JDK has no secp256k1, so EC_P256K data key pairs are refused.
 */
public final class DataKeyPairs {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Encryption encryption;

    DataKeyPairs(Encryption encryption) {
        this.encryption = requireNonNull(encryption, "encryption");
    }

    /** A data key pair: the sealed private key (with its plaintext, for the caller only) and the public key. */
    public record DataKeyPair(String keyPairSpec, DataKey privateKey, byte[] publicKey) {
        public DataKeyPair {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public String toString() {
            return "DataKeyPair[" + keyPairSpec + ", private key redacted]";
        }
    }

    public DataKeyPair generate(String instanceId, String keyRef, String algorithm, String keyPairSpec, String keyFormat, byte[] aad,
                                boolean advance) {
        if (algorithm != null && !algorithm.isEmpty() && !algorithm.equals("AES_GCM")) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Algorithm " + algorithm
                    + " is not supported: data key pairs are sealed with AES_GCM.");
        }
        boolean pem = format(keyFormat);
        KeyPair pair = newPair(keyPairSpec);
        String action = advance ? "AdvanceGenerateDataKeyPair" : "GenerateDataKeyPair";
        Key key = encryption.sealingKey(instanceId, keyRef, action);
        byte[] encoded = pair.getPrivate().getEncoded();
        byte[] privateKey = pem ? Certificates.pem("PRIVATE KEY", encoded).getBytes(StandardCharsets.US_ASCII) : encoded;
        try {
            byte[] publicKey = pair.getPublic().getEncoded();
            return new DataKeyPair(keyPairSpec, encryption.seal(instanceId, key, privateKey, aad, advance),
                    pem ? Certificates.pem("PUBLIC KEY", publicKey).getBytes(StandardCharsets.US_ASCII) : publicKey);
        } finally {
            Arrays.fill(encoded, (byte) 0);
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    private static boolean format(String keyFormat) {
        if (keyFormat == null || keyFormat.isEmpty() || keyFormat.equals("PEM")) {
            return true;
        }
        if (keyFormat.equals("DER")) {
            return false;
        }
        throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param KeyFormat " + keyFormat + " is invalid: use PEM or DER.");
    }

    private static KeyPair newPair(String keyPairSpec) {
        try {
            return switch (keyPairSpec == null ? "" : keyPairSpec) {
                case "RSA_2048", "RSA_3072", "RSA_4096" -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                    rsa.initialize(Integer.parseInt(keyPairSpec.substring(4)), RANDOM);
                    yield rsa.generateKeyPair();
                }
                case "EC_P256" -> {
                    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                    ec.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield ec.generateKeyPair();
                }
                case "" -> throw new StrongroomException(ErrorCode.MISSING_PARAMETER,
                        "Parameter KeyPairSpec does not exist in http header or body.");
                case "EC_P256K", "EC_SM2" -> throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param KeyPairSpec "
                        + keyPairSpec + " is not available for data key pairs: use RSA_2048, RSA_3072, RSA_4096 or EC_P256.");
                default -> throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param KeyPairSpec " + keyPairSpec
                        + " is invalid: use RSA_2048, RSA_3072, RSA_4096 or EC_P256.");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
