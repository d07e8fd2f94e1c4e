package io.strongroom.hsm;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * ECDSA signatures on 256-bit curves between the protocol's DER form (SEQUENCE { INTEGER r,
 * INTEGER s }) and PKCS#11's fixed-size r || s. Parsing is strict DER: anything else (BER
 * lengths, padded or negative integers, trailing bytes) is not a signature.
 */
public final class EcdsaSignature {
    private static final int SIZE = 32;

    private EcdsaSignature() {
    }

    public static byte[] toDer(byte[] raw) {
        if (raw.length != 2 * SIZE) {
            throw new IllegalArgumentException("an ECDSA P-256 signature is 64 bytes r || s");
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, SIZE)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, SIZE, raw.length)).toByteArray();
        byte[] out = new byte[2 + 2 + r.length + 2 + s.length];
        out[0] = 0x30;
        out[1] = (byte) (out.length - 2);
        out[2] = 0x02;
        out[3] = (byte) r.length;
        System.arraycopy(r, 0, out, 4, r.length);
        out[4 + r.length] = 0x02;
        out[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + r.length, s.length);
        return out;
    }

    /** r || s of a strict DER signature; empty when {@code der} is not one. */
    public static Optional<byte[]> toRaw(byte[] der) {
        // 2 * (2 + 33) + 2 = 72 bytes at most: every length is short-form.
        if (der.length < 8 || der.length > 72 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
            return Optional.empty();
        }
        byte[] raw = new byte[2 * SIZE];
        int at = 2;
        for (int i = 0; i < 2; i++) {
            if (at + 2 > der.length || der[at] != 0x02) {
                return Optional.empty();
            }
            int length = der[at + 1] & 0xff;
            int start = at + 2;
            if (length == 0 || length > SIZE + 1 || start + length > der.length) {
                return Optional.empty();
            }
            boolean negative = (der[start] & 0x80) != 0;
            boolean padded = length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0;
            if (negative || padded || (length == SIZE + 1 && der[start] != 0)) {
                return Optional.empty();
            }
            int skip = length == SIZE + 1 ? 1 : 0;
            System.arraycopy(der, start + skip, raw, i * SIZE + SIZE - (length - skip), length - skip);
            at = start + length;
        }
        return at == der.length ? Optional.of(raw) : Optional.empty();
    }
}
