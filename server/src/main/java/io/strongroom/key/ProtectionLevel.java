package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

/**
 * Where a key is used. Both levels generate the key in the HSM and store it only wrapped by the
 * domain key. {@code HSM}: every operation runs inside the HSM. {@code SOFTWARE}: the key is
 * unwrapped in the HSM and used in process memory (zeroised on disconnect and shutdown).
 */
public enum ProtectionLevel {
    HSM, SOFTWARE;

    public static ProtectionLevel parse(String value) {
        if (value == null || value.isBlank()) {
            return HSM;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "ProtectionLevel must be HSM or SOFTWARE, not '" + value + "'");
        }
    }
}
