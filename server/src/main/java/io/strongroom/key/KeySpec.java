package io.strongroom.key;

import io.strongroom.hsm.HmacAlgorithm;
import io.strongroom.hsm.KeyPairSpec;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The key specs this release creates, all generated in the HSM: AES keys, RSA and EC key pairs,
 * and HMAC keys over SHA-224, SHA-256, SHA-384 or SHA-512 (each key as long as its MAC, see
 * {@link HmacAlgorithm}). Each spec allows some key usages; the first is its default.
 */
public enum KeySpec {
    Aliyun_AES_256(256, null, Key.ENCRYPT_DECRYPT),
    Aliyun_AES_128(128, null, Key.ENCRYPT_DECRYPT),
    Aliyun_AES_192(192, null, Key.ENCRYPT_DECRYPT),
    RSA_2048(0, KeyPairSpec.RSA_2048, Key.ENCRYPT_DECRYPT, Key.SIGN_VERIFY),
    RSA_3072(0, KeyPairSpec.RSA_3072, Key.ENCRYPT_DECRYPT, Key.SIGN_VERIFY),
    RSA_4096(0, KeyPairSpec.RSA_4096, Key.ENCRYPT_DECRYPT, Key.SIGN_VERIFY),
    EC_P256(0, KeyPairSpec.EC_P256, Key.SIGN_VERIFY),
    EC_P256K(0, KeyPairSpec.EC_P256K, Key.SIGN_VERIFY),
    HMAC_SHA224(HmacAlgorithm.HMAC_SHA224),
    HMAC_SHA256(HmacAlgorithm.HMAC_SHA256),
    HMAC_SHA384(HmacAlgorithm.HMAC_SHA384),
    HMAC_SHA512(HmacAlgorithm.HMAC_SHA512);

    /** Specs clients know that this server refuses, with a message saying why rather than as typos. */
    private static final Set<String> SM = Set.of("EC_SM2", "Aliyun_SM4", "HMAC_SM3");

    private final int bits;
    private final KeyPairSpec keyPair;
    private final HmacAlgorithm hmac;
    private final List<String> usages;

    KeySpec(int bits, KeyPairSpec keyPair, String... usages) {
        this.bits = bits;
        this.keyPair = keyPair;
        this.hmac = null;
        this.usages = List.of(usages);
    }

    /** An HMAC spec: its key is as long as its MAC. */
    KeySpec(HmacAlgorithm hmac) {
        this.bits = hmac.macBytes() * 8;
        this.keyPair = null;
        this.hmac = hmac;
        this.usages = List.of(Key.GENERATE_VERIFY_MAC);
    }

    /** The size of a secret key (AES, HMAC) in bits; 0 for a key pair. */
    public int bits() {
        return bits;
    }

    /** The key pair of an RSA or EC spec. */
    public Optional<KeyPairSpec> keyPair() {
        return Optional.ofNullable(keyPair);
    }

    public boolean isAes() {
        return name().startsWith("Aliyun_AES");
    }

    /** The MAC algorithm of an HMAC spec. */
    public Optional<HmacAlgorithm> hmac() {
        return Optional.ofNullable(hmac);
    }

    public boolean isHmac() {
        return hmac != null;
    }

    /** The usage {@code value} asks for, or this spec's default when absent; refused when the spec does not allow it. */
    public String usage(String value) {
        if (value == null || value.isBlank()) {
            return usages.getFirst();
        }
        if (!usages.contains(value)) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeyUsage " + value + " is not allowed for a " + name()
                    + " key; use " + String.join(" or ", usages));
        }
        return value;
    }

    /** The spec named {@code value}; {@link #Aliyun_AES_256} when it is absent. */
    public static KeySpec parse(String value) {
        if (value == null || value.isBlank()) {
            return Aliyun_AES_256;
        }
        for (KeySpec spec : values()) {
            if (spec.name().equals(value)) {
                return spec;
            }
        }
        String supported = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        if (SM.contains(value)) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeySpec " + value + " is not available: the"
                    + " instance's HSMs (PKCS#11, SoftHSM2) have no SM2/SM3/SM4 algorithms; use one of " + supported);
        }
        throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeySpec '" + value + "' is not a key spec; use one of " + supported);
    }
}
