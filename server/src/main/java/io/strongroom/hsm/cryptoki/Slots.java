package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.TokenInfo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Finding tokens by label: slots and CK_TOKEN_INFO. Never by slot index. */
final class Slots {
    private static final int TOKEN_INFO_SIZE = 256;
    private static final int FLAGS_OFFSET = 96;

    private Slots() {
    }

    /** A slot and what its token says about itself. */
    record Found(long slot, TokenInfo info, long flags) {
    }

    static Optional<Found> byLabel(Cryptoki library, Arena arena, String label) throws HsmException {
        for (long slot : slots(library, arena)) {
            Found found = info(library, arena, slot);
            if (found != null && found.info().label().equals(label) && (found.flags() & Ck.CKF_TOKEN_INITIALIZED) != 0) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    static Found require(Cryptoki library, Arena arena, String label, String module) throws HsmException {
        return byLabel(library, arena, label).orElseThrow(() -> new HsmException(HsmFailure.UNREACHABLE,
                "no token labelled '" + label + "' is present in " + module));
    }

    /** A slot whose token is present but not initialised (SoftHSM2 always offers one). */
    static Optional<Long> free(Cryptoki library, Arena arena) throws HsmException {
        for (long slot : slots(library, arena)) {
            Found found = info(library, arena, slot);
            if (found != null && (found.flags() & Ck.CKF_TOKEN_INITIALIZED) == 0) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    private static long[] slots(Cryptoki library, Arena arena) throws HsmException {
        MemorySegment count = arena.allocate(JAVA_LONG);
        Failures.check("C_GetSlotList", library.getSlotList(true, MemorySegment.NULL, count));
        long n = count.get(JAVA_LONG, 0);
        if (n == 0) {
            return new long[0];
        }
        MemorySegment slots = arena.allocate(JAVA_LONG, n);
        Failures.check("C_GetSlotList", library.getSlotList(true, slots, count));
        return slots.asSlice(0, count.get(JAVA_LONG, 0) * 8).toArray(JAVA_LONG);
    }

    private static Found info(Cryptoki library, Arena arena, long slot) throws HsmException {
        MemorySegment info = arena.allocate(TOKEN_INFO_SIZE, 8);
        long rv = library.getTokenInfo(slot, info);
        if (rv == Ck.CKR_TOKEN_NOT_PRESENT || rv == Ck.CKR_TOKEN_NOT_RECOGNIZED) {
            return null;
        }
        Failures.check("C_GetTokenInfo", rv);
        long flags = info.get(JAVA_LONG, FLAGS_OFFSET);
        return new Found(slot, new TokenInfo(text(info, 0, 32), text(info, 32, 32), text(info, 64, 16), text(info, 80, 16),
                (flags & Ck.CKF_USER_PIN_INITIALIZED) != 0, (flags & Ck.CKF_USER_PIN_FINAL_TRY) != 0,
                (flags & Ck.CKF_USER_PIN_LOCKED) != 0), flags);
    }

    /** CK_UTF8CHAR fields are blank-padded, not NUL-terminated. */
    private static String text(MemorySegment info, int offset, int length) {
        return new String(info.asSlice(offset, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8).strip();
    }

    /** A 32-byte blank-padded label for C_InitToken. */
    static MemorySegment paddedLabel(Arena arena, String label) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, bytes, 0, Math.min(32, text.length));
        return arena.allocateFrom(JAVA_BYTE, bytes);
    }
}
