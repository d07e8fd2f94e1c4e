package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;

import java.util.Set;

/** CK_RV values to {@link HsmException}s: what the instance state machine needs to know. */
final class Failures {
    /**
     * The token or module is gone or unusable: fail over to another node. Not CKR_GENERAL_ERROR:
     * SoftHSM2 also answers it for an AES-GCM tag mismatch, so it must not take a node out of
     * service; sessions check that their token is still there when a call fails (see
     * CryptokiSession), and a slot whose token fails C_GetTokenInfo does not count as present.
     */
    private static final Set<Long> UNREACHABLE = Set.of(Ck.CKR_SLOT_ID_INVALID, Ck.CKR_DEVICE_ERROR,
            Ck.CKR_DEVICE_REMOVED, Ck.CKR_SESSION_CLOSED, Ck.CKR_SESSION_HANDLE_INVALID, Ck.CKR_TOKEN_NOT_PRESENT,
            Ck.CKR_TOKEN_NOT_RECOGNIZED, Ck.CKR_CRYPTOKI_NOT_INITIALIZED);
    private static final Set<Long> MECHANISM_UNSUPPORTED = Set.of(Ck.CKR_MECHANISM_INVALID, Ck.CKR_MECHANISM_PARAM_INVALID);
    private static final Set<Long> KEY_NOT_FOUND = Set.of(Ck.CKR_KEY_HANDLE_INVALID, Ck.CKR_OBJECT_HANDLE_INVALID,
            Ck.CKR_WRAPPING_KEY_HANDLE_INVALID, Ck.CKR_UNWRAPPING_KEY_HANDLE_INVALID);

    private Failures() {
    }

    static HsmException of(String what, long rv) {
        String name = Ck.name(rv);
        return new HsmException(kind(rv), what + " failed with " + name, name);
    }

    static HsmFailure kind(long rv) {
        if (rv == Ck.CKR_PIN_INCORRECT) {
            return HsmFailure.INVALID_CREDENTIALS;
        }
        if (rv == Ck.CKR_PIN_LOCKED) {
            return HsmFailure.USER_LOCKED_OUT;
        }
        if (UNREACHABLE.contains(rv)) {
            return HsmFailure.UNREACHABLE;
        }
        if (MECHANISM_UNSUPPORTED.contains(rv)) {
            return HsmFailure.MECHANISM_UNSUPPORTED;
        }
        return KEY_NOT_FOUND.contains(rv) ? HsmFailure.KEY_NOT_FOUND : HsmFailure.INTERNAL;
    }

    static void check(String what, long rv) throws HsmException {
        if (rv != Ck.CKR_OK) {
            throw of(what, rv);
        }
    }
}
