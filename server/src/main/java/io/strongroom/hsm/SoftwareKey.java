package io.strongroom.hsm;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES key material held in process memory, for the SOFTWARE protection level. The bytes never
 * leave this class: it offers AES-GCM and unauthenticated AES-CBC/ECB over whole blocks (as a
 * token does), has a redacted {@code toString}, and
 * {@link #destroy} zeroes them (on disconnect, eviction and shutdown). After that every
 * operation fails as a disconnected HSM would.
 *
 * <p>Thread safe. AEAD guarantee (GCM): decryption fails, with no plaintext, unless key, IV, AAD,
 * ciphertext and tag all authenticate. CBC and ECB guarantee nothing of the kind.
 */
public final class SoftwareKey implements ProcessMemoryKey {
    static final int TAG_BITS = 128;
    static final int IV_BYTES = 12;
    private final byte[] material;
    private boolean destroyed;

    /** Takes a copy of AES material unwrapped inside a token; the caller zeroes its own array. */
    public static SoftwareKey copyOf(byte[] material) {
        return new SoftwareKey(material);
    }

    private SoftwareKey(byte[] material) {
        if (material.length != 16 && material.length != 24 && material.length != 32) {
            throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes");
        }
        this.material = material.clone();
    }

    /** AES-GCM, 12-byte IV, 16-byte tag: ciphertext followed by the tag. */
    public byte[] encryptGcm(byte[] iv, byte[] aad, byte[] plaintext) throws HsmException {
        return run(Cipher.ENCRYPT_MODE, iv, aad, plaintext);
    }

    /** Fails with {@link HsmFailure#DECRYPTION_FAILED} when anything does not authenticate. */
    public byte[] decryptGcm(byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws HsmException {
        return run(Cipher.DECRYPT_MODE, iv, aad, ciphertextAndTag);
    }

    /** AES-CBC or AES-ECB over whole blocks, no padding, byte for byte as {@link HsmSession#encryptBlocks} does it in a token. */
    public byte[] encryptBlocks(AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        return runBlocks(Cipher.ENCRYPT_MODE, mode, iv, blocks);
    }

    /** The inverse of {@link #encryptBlocks}; any whole blocks decrypt to something. */
    public byte[] decryptBlocks(AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        return runBlocks(Cipher.DECRYPT_MODE, mode, iv, blocks);
    }

    private synchronized byte[] runBlocks(int direction, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        requireLive();
        mode.requireInput(iv, blocks);
        try {
            Cipher cipher = Cipher.getInstance("AES/" + mode.name() + "/NoPadding");
            if (mode == AesBlockMode.CBC) {
                cipher.init(direction, new SecretKeySpec(material, "AES"), new IvParameterSpec(iv));
            } else {
                cipher.init(direction, new SecretKeySpec(material, "AES"));
            }
            return cipher.doFinal(blocks);
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "AES-" + mode + " failed");
        }
    }

    private void requireLive() throws HsmException {
        if (destroyed) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the key is no longer loaded: the instance was disconnected");
        }
    }

    private synchronized byte[] run(int mode, byte[] iv, byte[] aad, byte[] input) throws HsmException {
        requireLive();
        if (iv.length != IV_BYTES) {
            throw new IllegalArgumentException("the IV must be 12 bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(material, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted");
        } catch (GeneralSecurityException e) {
            throw new HsmException(mode == Cipher.DECRYPT_MODE ? HsmFailure.DECRYPTION_FAILED : HsmFailure.INTERNAL,
                    mode == Cipher.DECRYPT_MODE ? "the ciphertext could not be decrypted" : "AES-GCM failed");
        }
    }

    /** Zeroes the material. Idempotent. */
    @Override
    public synchronized void destroy() {
        Arrays.fill(material, (byte) 0);
        destroyed = true;
    }

    public synchronized boolean destroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SoftwareKey[AES-" + material.length * 8 + ", material redacted]";
    }
}
