package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.TokenInfo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Finding tokens by label: slots and CK_TOKEN_INFO. Never by slot index. */
final class Slots {
    /** sizeof(CK_TOKEN_INFO) on LP64 is 208; allocate more in case a module writes past it. */
    static final int TOKEN_INFO_SIZE = 256;
    private static final int FLAGS_OFFSET = 96;

    private Slots() {
    }

    /** A slot and what its token says about itself. */
    record Found(long slot, TokenInfo info, long flags) {
    }

    /** What the module's slots hold: the tokens that answered, and the codes of the slots whose token did not. */
    private record Scan(List<Found> tokens, List<String> failures) {
    }

    /**
     * Reads every slot's token. A slot whose token fails to answer (SoftHSM2 answers
     * CKR_GENERAL_ERROR for a token whose folder was removed) is skipped, not fatal: another
     * token of the same module must stay reachable.
     */
    private static Scan scan(Cryptoki library, Arena arena) throws HsmException {
        List<Found> tokens = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (long slot : slots(library, arena)) {
            MemorySegment info = arena.allocate(TOKEN_INFO_SIZE, 8);
            long rv = library.getTokenInfo(slot, info);
            if (rv == Ck.CKR_OK) {
                tokens.add(found(slot, info));
            } else if (rv != Ck.CKR_TOKEN_NOT_PRESENT && rv != Ck.CKR_TOKEN_NOT_RECOGNIZED) {
                failures.add("slot " + slot + ": " + Ck.name(rv));
            }
        }
        return new Scan(tokens, failures);
    }

    static Optional<Found> byLabel(Cryptoki library, Arena arena, String label) throws HsmException {
        return byLabel(scan(library, arena), label);
    }

    private static Optional<Found> byLabel(Scan scan, String label) {
        return scan.tokens().stream()
                .filter(found -> found.info().label().equals(label) && (found.flags() & Ck.CKF_TOKEN_INITIALIZED) != 0)
                .findFirst();
    }

    static Found require(Cryptoki library, Arena arena, String label, String module) throws HsmException {
        Scan scan = scan(library, arena);
        return byLabel(scan, label).orElseThrow(() -> new HsmException(HsmFailure.UNREACHABLE,
                "no token labelled '" + label + "' is present in " + module
                        + (scan.failures().isEmpty() ? "" : " (tokens that did not answer: " + String.join(", ", scan.failures()) + ")")));
    }

    /** A slot whose token is present but not initialised (SoftHSM2 always offers one). */
    static Optional<Long> free(Cryptoki library, Arena arena) throws HsmException {
        return scan(library, arena).tokens().stream()
                .filter(found -> (found.flags() & Ck.CKF_TOKEN_INITIALIZED) == 0)
                .map(Found::slot)
                .findFirst();
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

    private static Found found(long slot, MemorySegment info) {
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
