package io.strongroom.hsm;

/**
 * AES over whole 16-byte blocks with no authentication: what {@link HsmSession#encryptBlocks} and
 * {@link SoftwareKey#encryptBlocks} do for the protocol's AES_CBC and AES_ECB. Padding is the
 * caller's (see {@link Pkcs7Padding}), so a token and process memory give the same bytes.
 */
public enum AesBlockMode {
    /** Cipher block chaining with a 16-byte IV. */
    CBC(16),
    /** Electronic codebook: no IV; equal plaintext blocks give equal ciphertext blocks. */
    ECB(0);

    public static final int BLOCK_BYTES = 16;
    private final int ivBytes;

    AesBlockMode(int ivBytes) {
        this.ivBytes = ivBytes;
    }

    public int ivBytes() {
        return ivBytes;
    }

    /** Refuses (as a programming error) an IV of the wrong length or input that is not whole blocks. */
    public void requireInput(byte[] iv, byte[] blocks) {
        if (iv.length != ivBytes) {
            throw new IllegalArgumentException("AES-" + name() + " takes a " + ivBytes + "-byte IV");
        }
        if (blocks.length == 0 || blocks.length % BLOCK_BYTES != 0) {
            throw new IllegalArgumentException("AES-" + name() + " takes whole 16-byte blocks");
        }
    }
}
