package io.strongroom.hsm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** MGF1 with SHA-256 (RFC 8017, B.2.1): the mask generation of RSA-PSS and RSA-OAEP as this server uses them. */
public final class Mgf1 {
    private Mgf1() {
    }

    /** XORs {@code target} in place with MGF1-SHA-256({@code seed}) of the same length. */
    public static void maskSha256(byte[] seed, byte[] target) throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] counter = new byte[4];
        for (int at = 0, n = 0; at < target.length; n++, at += 32) {
            counter[0] = (byte) (n >>> 24);
            counter[1] = (byte) (n >>> 16);
            counter[2] = (byte) (n >>> 8);
            counter[3] = (byte) n;
            sha256.update(seed);
            byte[] block = sha256.digest(counter);
            for (int i = 0; i < block.length && at + i < target.length; i++) {
                target[at + i] ^= block[i];
            }
        }
    }
}
