package io.strongroom.hsm;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * A private key held in process memory, for the SOFTWARE protection level: it signs a SHA-256
 * digest and decrypts RSA-OAEP with the JDK's providers. The material never leaves this class and
 * {@code toString} shows none. {@link #destroy} drops the JDK key object (the JDK's RSA and EC key
 * classes cannot be zeroed in place); after that every operation fails as a disconnected HSM would.
 *
 * <p>Thread safe. Signatures are encoded as {@link SignatureAlgorithm} says.
 */
public final class SoftwarePrivateKey implements ProcessMemoryKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PSS_SALT_BYTES = 32;
    private final KeyPairSpec spec;
    private PrivateKey key;

    /** Parses a PKCS#8 encoding unwrapped inside a token; the caller zeroes its own array. */
    public static SoftwarePrivateKey of(KeyPairSpec spec, byte[] pkcs8) throws HsmException {
        if (spec == KeyPairSpec.EC_P256K) {
            throw new HsmException(HsmFailure.MECHANISM_UNSUPPORTED, "the JDK has no secp256k1: EC_P256K keys need HSM protection");
        }
        byte[] exact = Arrays.copyOf(pkcs8, derLength(pkcs8));
        try {
            return new SoftwarePrivateKey(spec, KeyFactory.getInstance(spec.isRsa() ? "RSA" : "EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(exact)));
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "the unwrapped private key is not a " + spec + " key");
        } finally {
            Arrays.fill(exact, (byte) 0);
        }
    }

    /**
     * The length of the DER SEQUENCE at the start of {@code der}. A token that unwraps an RFC 5649
     * blob as a generic secret may keep the padding (SoftHSM2 2.6 does), so the PKCS#8 encoding is
     * cut to its own length.
     */
    private static int derLength(byte[] der) throws HsmException {
        if (der.length >= 2 && der[0] == 0x30) {
            int first = der[1] & 0xff;
            if (first < 0x80 && 2 + first <= der.length) {
                return 2 + first;
            }
            int count = first - 0x80;
            if (count >= 1 && count <= 2 && der.length >= 2 + count) {
                int length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[2 + i] & 0xff);
                }
                if (2 + count + length <= der.length) {
                    return 2 + count + length;
                }
            }
        }
        throw new HsmException(HsmFailure.INTERNAL, "the unwrapped private key is not a PKCS#8 encoding");
    }

    private SoftwarePrivateKey(KeyPairSpec spec, PrivateKey key) {
        this.spec = spec;
        this.key = key;
    }

    public synchronized byte[] sign(SignatureAlgorithm algorithm, byte[] digest) throws HsmException {
        PrivateKey live = live();
        if (digest.length != SignatureAlgorithm.DIGEST_BYTES) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        try {
            return switch (algorithm) {
                case ECDSA_SHA_256 -> run(Signature.getInstance("NONEwithECDSA"), live, digest);
                case RSA_PKCS1_SHA_256 -> run(Signature.getInstance("NONEwithRSA"), live, SignatureAlgorithm.sha256DigestInfo(digest));
                case RSA_PSS_SHA_256 -> rawRsa(live, pssEncode(digest, ((RSAPrivateKey) live).getModulus().bitLength() - 1));
            };
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new HsmException(HsmFailure.INTERNAL, algorithm + " failed with a " + spec + " key");
        }
    }

    /** RSA-OAEP with MGF1 over the same hash; fails with {@link HsmFailure#DECRYPTION_FAILED}, saying nothing about why. */
    public synchronized byte[] decryptOaep(String hash, byte[] ciphertext) throws HsmException {
        PrivateKey live = live();
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            MGF1ParameterSpec mgf = hash.equals("SHA-256") ? MGF1ParameterSpec.SHA256 : MGF1ParameterSpec.SHA1;
            cipher.init(Cipher.DECRYPT_MODE, live, new OAEPParameterSpec(hash, "MGF1", mgf, PSource.PSpecified.DEFAULT));
            return cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted");
        }
    }

    private static byte[] run(Signature signature, PrivateKey key, byte[] input) throws GeneralSecurityException {
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }

    /** EMSA-PSS-ENCODE (RFC 8017, 9.1.1) of a SHA-256 digest with MGF1-SHA-256 and a 32-byte salt. */
    private static byte[] pssEncode(byte[] digest, int emBits) throws GeneralSecurityException {
        int emLength = (emBits + 7) / 8;
        byte[] salt = new byte[PSS_SALT_BYTES];
        RANDOM.nextBytes(salt);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[8]);
        sha256.update(digest);
        byte[] h = sha256.digest(salt);
        byte[] db = new byte[emLength - h.length - 1];
        db[db.length - salt.length - 1] = 1;
        System.arraycopy(salt, 0, db, db.length - salt.length, salt.length);
        Mgf1.maskSha256(h, db);
        db[0] &= (byte) (0xff >>> (8 * emLength - emBits));
        byte[] em = Arrays.copyOf(db, emLength);
        System.arraycopy(h, 0, em, db.length, h.length);
        em[emLength - 1] = (byte) 0xbc;
        return em;
    }

    private static byte[] rawRsa(PrivateKey key, byte[] encoded) throws GeneralSecurityException {
        int size = (((RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
        byte[] block = new byte[size];
        System.arraycopy(encoded, 0, block, size - encoded.length, encoded.length);
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, key);
        return raw.doFinal(block);
    }

    private PrivateKey live() throws HsmException {
        if (key == null) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the key is no longer loaded: the instance was disconnected");
        }
        return key;
    }

    @Override
    public synchronized void destroy() {
        key = null;
    }

    @Override
    public String toString() {
        return "SoftwarePrivateKey[" + spec + ", material redacted]";
    }
}
