package io.strongroom.hsm;

/**
 * HMAC over a SHA-2 hash, as key specs name them. A key of each is as long as its MAC (224, 256,
 * 384 or 512 bits), the sizes AWS KMS uses for its HMAC key specs: HMAC's security is bounded by
 * the hash's output, and PKCS#11 tokens such as SoftHSM2 refuse keys shorter than it.
 */
public enum HmacAlgorithm {
    HMAC_SHA224("HmacSHA224", 28),
    HMAC_SHA256("HmacSHA256", 32),
    HMAC_SHA384("HmacSHA384", 48),
    HMAC_SHA512("HmacSHA512", 64);

    private final String jdkName;
    private final int macBytes;

    HmacAlgorithm(String jdkName, int macBytes) {
        this.jdkName = jdkName;
        this.macBytes = macBytes;
    }

    /** The JDK's {@code Mac} algorithm name. */
    public String jdkName() {
        return jdkName;
    }

    /** The length of a MAC, which is also the length of a key this server generates. */
    public int macBytes() {
        return macBytes;
    }
}
