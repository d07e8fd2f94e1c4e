package io.strongroom.hsm;

import java.util.Arrays;

/**
 * PKCS#7 padding to whole 16-byte AES blocks (the protocol's {@code PKCS7_PADDING}): 1 to 16 bytes,
 * each holding the count, so a plaintext that already fills its blocks gains a whole block.
 *
 * <p>{@link #unpad} examines every byte of the last block whatever it holds and fails in one way
 * for every bad padding, with no early exit that would time which byte was wrong. Whether a
 * decryption succeeds at all is still visible to whoever asked for it: unauthenticated CBC with
 * padding is malleable by design, which is why AES-GCM is the default.
 */
public final class Pkcs7Padding {
    private static final int BLOCK = AesBlockMode.BLOCK_BYTES;

    private Pkcs7Padding() {
    }

    public static byte[] pad(byte[] data) {
        int count = BLOCK - data.length % BLOCK;
        byte[] padded = Arrays.copyOf(data, data.length + count);
        Arrays.fill(padded, data.length, padded.length, (byte) count);
        return padded;
    }

    /**
     * The data without its padding; fails with {@link HsmFailure#DECRYPTION_FAILED}, saying nothing
     * about why, when {@code padded} is not whole blocks ending in a valid padding. The caller zeroes
     * {@code padded}.
     */
    public static byte[] unpad(byte[] padded) throws HsmException {
        if (padded.length == 0 || padded.length % BLOCK != 0) {
            throw failed(); // the length is public: it is the ciphertext's
        }
        int count = padded[padded.length - 1] & 0xff;
        int bad = ((count - 1) >>> 31) | ((BLOCK - count) >>> 31); // count is 0, or more than a block
        for (int i = 0; i < BLOCK; i++) {
            int differs = (padded[padded.length - 1 - i] & 0xff) ^ count;
            int inPadding = (i - count) >>> 31;
            bad |= inPadding & ((differs | -differs) >>> 31);
        }
        if (bad != 0) {
            throw failed();
        }
        return Arrays.copyOf(padded, padded.length - count);
    }

    private static HsmException failed() {
        return new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted");
    }
}
