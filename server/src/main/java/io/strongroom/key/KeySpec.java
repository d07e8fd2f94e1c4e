package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The key specs this release creates: AES keys, generated in the HSM. */
public enum KeySpec {
    Aliyun_AES_256(256),
    Aliyun_AES_128(128),
    Aliyun_AES_192(192);

    /** Specs clients know that later releases will add: refused with a message saying so, not as typos. */
    private static final Set<String> LATER = Set.of("RSA_2048", "RSA_3072", "RSA_4096", "EC_P256", "EC_P256K", "EC_SM2",
            "Aliyun_SM4", "HMAC_SHA224", "HMAC_SHA256", "HMAC_SHA384", "HMAC_SHA512", "HMAC_SM3");

    private final int bits;

    KeySpec(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
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
        if (LATER.contains(value)) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeySpec " + value
                    + " is not in this release: only symmetric keys can be created (" + supported + ")");
        }
        throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeySpec '" + value + "' is not a key spec; use one of " + supported);
    }
}
