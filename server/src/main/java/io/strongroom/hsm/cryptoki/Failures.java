package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;

/** CK_RV values to {@link HsmException}s: what the instance state machine needs to know. */
final class Failures {
    private Failures() {
    }

    static HsmException of(String what, long rv) {
        String name = Ck.name(rv);
        return new HsmException(kind(rv), what + " failed with " + name, name);
    }

    static HsmFailure kind(long rv) {
        return switch ((int) rv) {
            case 0xA0 -> HsmFailure.INVALID_CREDENTIALS;                     // CKR_PIN_INCORRECT
            case 0xA4 -> HsmFailure.USER_LOCKED_OUT;                         // CKR_PIN_LOCKED
            case 0x3, 0x5, 0x30, 0x32, 0xB0, 0xB3, 0xE0, 0xE1, 0x190 -> HsmFailure.UNREACHABLE;
            case 0x70, 0x71 -> HsmFailure.MECHANISM_UNSUPPORTED;
            case 0x60, 0x82 -> HsmFailure.KEY_NOT_FOUND;
            default -> HsmFailure.INTERNAL;
        };
    }

    static void check(String what, long rv) throws HsmException {
        if (rv != Ck.CKR_OK) {
            throw of(what, rv);
        }
    }
}
