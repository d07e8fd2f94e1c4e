package io.strongroom.hsm;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC5649WrapEngine;
import org.bouncycastle.crypto.params.KeyParameter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key check value of {@link HsmSession#checkValue}, computed by an independent
 * implementation (BouncyCastle's RFC 5649 engine), and one known answer. Check values are
 * stored in the metadata store: the known answer pins the definition, so a change to it
 * cannot slip through.
 */
public final class CheckValueReference {
    /** The AES-256 key 00 01 02 ... 1f. */
    public static final byte[] KEY = counting(32);
    /** SHA-256(RFC 5649 wrap of 32 zero bytes under {@link #KEY}), first 8 bytes. */
    public static final String KEY_CHECK_VALUE = "fcddeb4317cd6e06";

    private CheckValueReference() {
    }

    public static String of(byte[] key) {
        RFC5649WrapEngine engine = new RFC5649WrapEngine(AESEngine.newInstance());
        engine.init(true, new KeyParameter(key));
        byte[] wrapped = engine.wrap(new byte[32], 0, 32);
        try {
            return HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(wrapped), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
