package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Operations on one session for use inside a {@link CryptokiModule.Call}: single-part
 * cryptographic operations (C_xxxInit, then one C_xxx), key wrapping and attribute reads. Outputs are sized with the standard length query
 * (a first call with a NULL buffer), which leaves the operation active.
 *
 * <p>A failed C_xxx call ends the operation in the token (PKCS#11 §5.2), so no session is
 * left with an operation half done.
 */
final class Operations {
    private Operations() {
    }

    @FunctionalInterface
    private interface Init {
        long run(long session, MemorySegment mechanism, long key);
    }

    @FunctionalInterface
    private interface Part {
        long run(long session, MemorySegment in, long inLength, MemorySegment out, MemorySegment outLength);
    }

    static byte[] encrypt(Cryptoki library, Arena arena, long session, MemorySegment mechanism, long key, byte[] data) throws HsmException {
        return run("C_Encrypt", library::encryptInit, library::encrypt, arena, session, mechanism, key, data);
    }

    static byte[] decrypt(Cryptoki library, Arena arena, long session, MemorySegment mechanism, long key, byte[] data) throws HsmException {
        return run("C_Decrypt", library::decryptInit, library::decrypt, arena, session, mechanism, key, data);
    }

    static byte[] sign(Cryptoki library, Arena arena, long session, MemorySegment mechanism, long key, byte[] data) throws HsmException {
        return run("C_Sign", library::signInit, library::sign, arena, session, mechanism, key, data);
    }

    /** True if the signature verifies; false for CKR_SIGNATURE_INVALID or CKR_SIGNATURE_LEN_RANGE; any other error throws. */
    static boolean verify(Cryptoki library, Arena arena, long session, MemorySegment mechanism, long key, byte[] data,
                          byte[] signature) throws HsmException {
        Failures.check("C_VerifyInit", library.verifyInit(session, mechanism, key));
        MemorySegment in = input(arena, data);
        MemorySegment sig = input(arena, signature);
        long rv = library.verify(session, in, data.length, sig, signature.length);
        if (rv == Ck.CKR_SIGNATURE_INVALID || rv == Ck.CKR_SIGNATURE_LEN_RANGE) {
            return false;
        }
        Failures.check("C_Verify", rv);
        return true;
    }

    /** C_WrapKey: {@code key} wrapped by {@code wrappingKey}. */
    static byte[] wrap(Cryptoki library, Arena arena, long session, MemorySegment mechanism, long wrappingKey, long key) throws HsmException {
        MemorySegment length = arena.allocate(JAVA_LONG);
        Failures.check("C_WrapKey", library.wrapKey(session, mechanism, wrappingKey, key, MemorySegment.NULL, length));
        MemorySegment out = arena.allocate(Math.max(1, length.get(JAVA_LONG, 0)));
        Failures.check("C_WrapKey", library.wrapKey(session, mechanism, wrappingKey, key, out, length));
        return out.asSlice(0, length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    }

    /** One attribute's value (C_GetAttributeValue with the length query first). */
    static byte[] attribute(Cryptoki library, Arena arena, long session, long object, long type) throws HsmException {
        MemorySegment size = Template.query(arena, type, 0);
        Failures.check("C_GetAttributeValue", library.getAttributeValue(session, object, size, 1));
        MemorySegment value = Template.query(arena, type, size.get(JAVA_LONG, 16));
        Failures.check("C_GetAttributeValue", library.getAttributeValue(session, object, value, 1));
        return Template.valueOf(value);
    }

    /** The mechanisms a slot's token supports. */
    static long[] mechanisms(Cryptoki library, Arena arena, long slot) throws HsmException {
        MemorySegment count = arena.allocate(JAVA_LONG);
        Failures.check("C_GetMechanismList", library.getMechanismList(slot, MemorySegment.NULL, count));
        long n = count.get(JAVA_LONG, 0);
        if (n == 0) {
            return new long[0];
        }
        MemorySegment list = arena.allocate(JAVA_LONG, n);
        Failures.check("C_GetMechanismList", library.getMechanismList(slot, list, count));
        return list.asSlice(0, count.get(JAVA_LONG, 0) * 8).toArray(JAVA_LONG);
    }

    private static byte[] run(String name, Init init, Part part, Arena arena, long session, MemorySegment mechanism,
                              long key, byte[] data) throws HsmException {
        Failures.check(name + "Init", init.run(session, mechanism, key));
        MemorySegment in = input(arena, data);
        MemorySegment length = arena.allocate(JAVA_LONG);
        Failures.check(name, part.run(session, in, data.length, MemorySegment.NULL, length));
        MemorySegment out = arena.allocate(Math.max(1, length.get(JAVA_LONG, 0)));
        Failures.check(name, part.run(session, in, data.length, out, length));
        return out.asSlice(0, length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    }

    private static MemorySegment input(Arena arena, byte[] data) {
        return data.length == 0 ? arena.allocate(1) : arena.allocateFrom(JAVA_BYTE, data);
    }
}
