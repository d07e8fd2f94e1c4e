package io.strongroom.key;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A generated data key: its plaintext, which goes to the caller once, and its ciphertext under
 * a key. Not a record: the plaintext is secret, so {@code toString} never shows it.
 */
public final class DataKey {
    private final String keyId;
    private final String keyVersionId;
    private final byte[] iv;
    private final byte[] ciphertextBlob;
    private final byte[] plaintext;

    DataKey(String keyId, String keyVersionId, byte[] iv, byte[] ciphertextBlob, byte[] plaintext) {
        this.keyId = requireNonNull(keyId, "keyId");
        this.keyVersionId = requireNonNull(keyVersionId, "keyVersionId");
        this.iv = iv.clone();
        this.ciphertextBlob = ciphertextBlob.clone();
        this.plaintext = plaintext.clone();
    }

    public String keyId() {
        return keyId;
    }

    /** The key version that sealed the data key. */
    public String keyVersionId() {
        return keyVersionId;
    }

    public byte[] iv() {
        return iv.clone();
    }

    public byte[] ciphertextBlob() {
        return ciphertextBlob.clone();
    }

    /** The data key in clear: for the response to the caller only. */
    public byte[] plaintext() {
        return plaintext.clone();
    }

    /** Zeroes the plaintext once it has been sent. */
    public void destroy() {
        Arrays.fill(plaintext, (byte) 0);
    }

    @Override
    public String toString() {
        return "DataKey[" + keyId + ", " + plaintext.length + " bytes, plaintext redacted]";
    }
}
