package io.strongroom.hsm;

import java.util.HexFormat;

/**
 * The key pairs a token generates: RSA with public exponent 65537, or EC on a named curve.
 * Parameters only, never key material. Public keys travel as X.509 SubjectPublicKeyInfo (DER).
 */
public enum KeyPairSpec {
    RSA_2048(2048, null, null),
    RSA_3072(3072, null, null),
    RSA_4096(4096, null, null),
    /** NIST P-256 (secp256r1). */
    EC_P256(0, "06082a8648ce3d030107", "3059301306072a8648ce3d020106082a8648ce3d030107034200"),
    /** secp256k1. The JDK has no implementation of it, so it is usable in a token only. */
    EC_P256K(0, "06052b8104000a", "3056301006072a8648ce3d020106052b8104000a034200");

    /** Bytes of an uncompressed EC point on a 256-bit curve: 0x04, x, y. */
    public static final int EC_POINT_BYTES = 65;

    private final int rsaBits;
    private final String curveOid;
    private final String publicKeyPrefix;

    KeyPairSpec(int rsaBits, String curveOid, String publicKeyPrefix) {
        this.rsaBits = rsaBits;
        this.curveOid = curveOid;
        this.publicKeyPrefix = publicKeyPrefix;
    }

    public boolean isRsa() {
        return rsaBits > 0;
    }

    public int rsaBits() {
        return rsaBits;
    }

    /** The curve's OID, DER-encoded (PKCS#11 CKA_EC_PARAMS). */
    public byte[] curve() {
        return HexFormat.of().parseHex(curveOid);
    }

    /** The SubjectPublicKeyInfo of an uncompressed point on this curve. */
    public byte[] ecPublicKey(byte[] uncompressedPoint) {
        if (uncompressedPoint.length != EC_POINT_BYTES || uncompressedPoint[0] != 4) {
            throw new IllegalArgumentException("an uncompressed point on a 256-bit curve is 65 bytes starting with 04");
        }
        byte[] prefix = HexFormat.of().parseHex(publicKeyPrefix);
        byte[] out = new byte[prefix.length + uncompressedPoint.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(uncompressedPoint, 0, out, prefix.length, uncompressedPoint.length);
        return out;
    }

    /** The uncompressed point of an EC SubjectPublicKeyInfo of this curve. */
    public byte[] ecPoint(byte[] publicKey) {
        byte[] prefix = HexFormat.of().parseHex(publicKeyPrefix);
        if (publicKey.length != prefix.length + EC_POINT_BYTES
                || !java.util.Arrays.equals(publicKey, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not a " + name() + " public key");
        }
        return java.util.Arrays.copyOfRange(publicKey, prefix.length, publicKey.length);
    }
}
