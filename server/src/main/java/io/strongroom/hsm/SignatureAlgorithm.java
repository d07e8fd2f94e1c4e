package io.strongroom.hsm;

import java.util.HexFormat;

/**
 * Signature schemes over a SHA-256 digest, as the protocol names them. Encodings: ECDSA signatures
 * are DER (SEQUENCE of r, s); RSA-PSS uses MGF1 with SHA-256 and a 32-byte salt.
 */
public enum SignatureAlgorithm {
    RSA_PSS_SHA_256,
    RSA_PKCS1_SHA_256,
    ECDSA_SHA_256;

    public static final int DIGEST_BYTES = 32;

    /** The DER DigestInfo prefix of a SHA-256 digest (RFC 8017, section 9.2, note 1). */
    public static byte[] sha256DigestInfo(byte[] digest) {
        byte[] prefix = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
        byte[] out = new byte[prefix.length + digest.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(digest, 0, out, prefix.length, digest.length);
        return out;
    }

    public boolean isRsa() {
        return this != ECDSA_SHA_256;
    }
}
