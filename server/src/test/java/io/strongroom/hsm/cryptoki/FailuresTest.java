package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** CK_RV codes to the failures the instance state machine acts on. */
class FailuresTest {
    private static final Map<Long, HsmFailure> EXPECTED = Map.ofEntries(
            entry(0xA0L, HsmFailure.INVALID_CREDENTIALS),     // CKR_PIN_INCORRECT
            entry(0xA4L, HsmFailure.USER_LOCKED_OUT),         // CKR_PIN_LOCKED
            entry(0xE0L, HsmFailure.UNREACHABLE),             // CKR_TOKEN_NOT_PRESENT
            entry(0x32L, HsmFailure.UNREACHABLE),             // CKR_DEVICE_REMOVED
            entry(0x30L, HsmFailure.UNREACHABLE),             // CKR_DEVICE_ERROR
            entry(0xB3L, HsmFailure.UNREACHABLE),             // CKR_SESSION_HANDLE_INVALID
            entry(0xB0L, HsmFailure.UNREACHABLE),             // CKR_SESSION_CLOSED
            entry(0x05L, HsmFailure.INTERNAL),                // CKR_GENERAL_ERROR (SoftHSM2: also a GCM tag mismatch)
            entry(0x190L, HsmFailure.UNREACHABLE),            // CKR_CRYPTOKI_NOT_INITIALIZED
            entry(0x70L, HsmFailure.MECHANISM_UNSUPPORTED),   // CKR_MECHANISM_INVALID
            entry(0x71L, HsmFailure.MECHANISM_UNSUPPORTED),   // CKR_MECHANISM_PARAM_INVALID
            entry(0x82L, HsmFailure.KEY_NOT_FOUND),           // CKR_OBJECT_HANDLE_INVALID
            entry(0x60L, HsmFailure.KEY_NOT_FOUND),           // CKR_KEY_HANDLE_INVALID
            entry(0x113L, HsmFailure.KEY_NOT_FOUND),          // CKR_WRAPPING_KEY_HANDLE_INVALID
            entry(0x6AL, HsmFailure.INTERNAL),                // CKR_KEY_UNEXTRACTABLE
            entry(0x101L, HsmFailure.INTERNAL),               // CKR_USER_NOT_LOGGED_IN
            entry(0x7L, HsmFailure.INTERNAL));                // CKR_ARGUMENTS_BAD

    @Test
    void kind_eachCode_expectedFailure() {
        List<String> wrong = new ArrayList<>();
        EXPECTED.forEach((rv, failure) -> {
            if (Failures.kind(rv) != failure) {
                wrong.add(Ck.name(rv) + " -> " + Failures.kind(rv) + ", expected " + failure);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void of_knownAndUnknownCodes_messageAndDetailNameTheCode() {
        HsmException pin = Failures.of("C_Login to token 't'", 0xA0L);
        assertThat(pin.getMessage()).isEqualTo("C_Login to token 't' failed with CKR_PIN_INCORRECT");
        assertThat(pin.detail()).isEqualTo("CKR_PIN_INCORRECT");
        assertThat(Failures.of("C_Foo", 0x80000123L).detail()).isEqualTo("CKR_0x80000123");
    }
}
