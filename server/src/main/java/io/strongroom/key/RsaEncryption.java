package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;

/**
 * Encrypt and Decrypt with RSA keys of usage ENCRYPT/DECRYPT: RSAES-OAEP with MGF1 over the same
 * hash and an empty label. Encryption needs only the public key, so it runs in the JDK with the
 * primary version's public key; decryption runs where the private key is (HSM or memory) and tries
 * the key's versions newest first, so ciphertexts stay decryptable across rotations.
 *
 * <p>Both hashes work at both protection levels. SoftHSM2 2.6 implements OAEP with SHA-1 alone, so
 * for HSM keys RSAES_OAEP_SHA_256 (the protocol's default) runs the raw RSA private-key operation in
 * the HSM and decodes OAEP outside it in constant time (see {@code HsmSession#decryptOaepSha256}).
 */
final class RsaEncryption {
    static final String OAEP_SHA_256 = "RSAES_OAEP_SHA_256";
    static final String OAEP_SHA_1 = "RSAES_OAEP_SHA_1";

    private final KeyService keys;

    RsaEncryption(KeyService keys) {
        this.keys = keys;
    }

    Encryption.Sealed encrypt(Key key, Encryption.Parameters parameters, byte[] plaintext) {
        String name = algorithm(key, parameters);
        KeyVersion version = keys.primaryVersion(key);
        byte[] publicKey = version.publicKey();
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey)), oaep(name));
            int limit = key.keySpec().keyPair().orElseThrow().rsaBits() / 8 - 2 * (name.equals(OAEP_SHA_1) ? 20 : 32) - 2;
            if (plaintext.length == 0 || plaintext.length > limit) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Plaintext must be from 1 to " + limit
                        + " bytes for a " + key.keySpec() + " key with " + name + "; encrypt larger data with a data key.");
            }
            return new Encryption.Sealed(key.keyId(), version.keyVersionId(), name, "", new byte[0], cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new StrongroomException(ErrorCode.INTERNAL_FAILURE, "RSA encryption failed with the key's public key");
        }
    }

    Encryption.Opened decrypt(ClusterConnection connection, Key key, Encryption.Parameters parameters, byte[] ciphertext) {
        String name = algorithm(key, parameters);
        String hash = name.equals(OAEP_SHA_1) ? "SHA-1" : "SHA-256";
        List<KeyVersion> versions = keys.listKeyVersions(key.keyId()).reversed();
        try {
            for (KeyVersion version : versions) {
                try {
                    byte[] plaintext = keys.material.decryptRsa(connection, key, version, hash, ciphertext);
                    KeyVersionUse.note(version);
                    return new Encryption.Opened(key.keyId(), version.keyVersionId(), name, "", plaintext);
                } catch (HsmException e) {
                    if (e.failure() != HsmFailure.DECRYPTION_FAILED) {
                        throw e;
                    }
                }
            }
        } catch (HsmException e) {
            throw Encryption.unavailable(e);
        }
        throw Encryption.decryptionFailed();
    }

    /** The OAEP the call names (SHA-256 by default); RSA-OAEP has its own padding, so PaddingMode is refused. */
    private static String algorithm(Key key, Encryption.Parameters parameters) {
        String algorithm = parameters.algorithm();
        String name = algorithm.isEmpty() ? OAEP_SHA_256 : algorithm;
        if (!name.equals(OAEP_SHA_256) && !name.equals(OAEP_SHA_1)) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param Algorithm " + algorithm + " is not for a "
                    + key.keySpec() + " key: use " + OAEP_SHA_256 + " or " + OAEP_SHA_1 + ".");
        }
        if (!parameters.paddingMode().isEmpty()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The Param PaddingMode is for AES_CBC and AES_ECB only: "
                    + name + " has its own padding.");
        }
        return name;
    }

    private static OAEPParameterSpec oaep(String name) {
        return name.equals(OAEP_SHA_1)
                ? new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)
                : new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }
}
