package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.Mgf1;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * EME-OAEP decoding (RFC 8017, 7.1.2 step 3) with SHA-256, MGF1-SHA-256 and an empty label, for
 * tokens whose OAEP offers SHA-1 only: the token does the raw RSA private-key operation and this
 * decodes its output.
 *
 * <p>Manger's attack needs to tell "the first byte was not zero" from other failures, and
 * Bleichenbacher-style attacks any difference between bad paddings. So every check runs over every
 * byte whatever came before, the results are OR-ed together without branching on them, and one
 * failure ends it all: the same exception, after the same work, for any bad encoding.
 */
final class OaepDecoding {
    private static final int HASH_BYTES = 32;
    private static final byte[] EMPTY_LABEL_HASH = emptyLabelHash();

    private OaepDecoding() {
    }

    /**
     * The message inside {@code encoded}, the k-byte output of the raw RSA operation (k the
     * modulus length). Fails with {@link HsmFailure#DECRYPTION_FAILED}, saying nothing about why.
     */
    static byte[] sha256(byte[] encoded) throws HsmException {
        int k = encoded.length;
        if (k < 2 * HASH_BYTES + 2) {
            throw failed(); // the modulus length is public
        }
        byte[] seed = Arrays.copyOfRange(encoded, 1, 1 + HASH_BYTES);
        byte[] block = Arrays.copyOfRange(encoded, 1 + HASH_BYTES, k);
        try {
            Mgf1.maskSha256(block, seed);
            Mgf1.maskSha256(seed, block);
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, "SHA-256 is not available");
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        try {
            int bad = encoded[0] & 0xff;
            for (int i = 0; i < HASH_BYTES; i++) {
                bad |= (block[i] ^ EMPTY_LABEL_HASH[i]) & 0xff;
            }
            // After the label hash: zero bytes, then 0x01, then the message. Find the first 0x01.
            int found = 0;
            int separator = 0;
            for (int i = HASH_BYTES; i < block.length; i++) {
                int value = block[i] & 0xff;
                int isOne = equal(value, 1);
                int before = found ^ 1;
                separator |= -(before & isOne) & i;
                bad |= before & (equal(value, 0) ^ 1) & (isOne ^ 1);
                found |= isOne;
            }
            bad |= found ^ 1;
            if (bad != 0) {
                throw failed();
            }
            return Arrays.copyOfRange(block, separator + 1, block.length);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /** 1 when {@code a == b}, else 0, without a branch. */
    private static int equal(int a, int b) {
        int differs = a ^ b;
        return ((differs | -differs) >>> 31) ^ 1;
    }

    private static HsmException failed() {
        return new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted");
    }

    private static byte[] emptyLabelHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
