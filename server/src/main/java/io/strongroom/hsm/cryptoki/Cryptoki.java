package io.strongroom.hsm.cryptoki;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One load of a PKCS#11 library through the Foreign Function & Memory API: the C_* entry
 * points as method handles. The library is loaded into its own arena; {@link #close} unloads
 * it (dlclose), so loading it again gives a fresh module state. Linux/x86_64 and aarch64:
 * CK_ULONG and every handle are 64-bit, CK_BBOOL is one byte.
 *
 * <p>Every method returns the CK_RV; callers turn non-zero values into exceptions.
 */
final class Cryptoki implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private final Arena arena;
    private final MethodHandle initialize;
    private final MethodHandle finalizeModule;
    private final MethodHandle getSlotList;
    private final MethodHandle getSlotInfo;
    private final MethodHandle getTokenInfo;
    private final MethodHandle initToken;
    private final MethodHandle initPin;
    private final MethodHandle openSession;
    private final MethodHandle closeSession;
    private final MethodHandle login;
    private final MethodHandle logout;
    private final MethodHandle findObjectsInit;
    private final MethodHandle findObjects;
    private final MethodHandle findObjectsFinal;
    private final MethodHandle generateKey;
    private final MethodHandle generateKeyPair;
    private final MethodHandle createObject;
    private final MethodHandle copyObject;
    private final MethodHandle destroyObject;
    private final MethodHandle getAttributeValue;
    private final MethodHandle setAttributeValue;
    private final MethodHandle wrapKey;
    private final MethodHandle unwrapKey;
    private final MethodHandle generateRandom;
    private final MethodHandle getMechanismList;
    private final MethodHandle encryptInit;
    private final MethodHandle encrypt;
    private final MethodHandle decryptInit;
    private final MethodHandle decrypt;
    private final MethodHandle signInit;
    private final MethodHandle sign;
    private final MethodHandle verifyInit;
    private final MethodHandle verify;

    private Cryptoki(Arena arena, SymbolLookup lookup) {
        this.arena = arena;
        initialize = handle(lookup, "C_Initialize", ADDRESS);
        finalizeModule = handle(lookup, "C_Finalize", ADDRESS);
        getSlotList = handle(lookup, "C_GetSlotList", JAVA_BYTE, ADDRESS, ADDRESS);
        getSlotInfo = handle(lookup, "C_GetSlotInfo", JAVA_LONG, ADDRESS);
        getTokenInfo = handle(lookup, "C_GetTokenInfo", JAVA_LONG, ADDRESS);
        initToken = handle(lookup, "C_InitToken", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        initPin = handle(lookup, "C_InitPIN", JAVA_LONG, ADDRESS, JAVA_LONG);
        openSession = handle(lookup, "C_OpenSession", JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS);
        closeSession = handle(lookup, "C_CloseSession", JAVA_LONG);
        login = handle(lookup, "C_Login", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
        logout = handle(lookup, "C_Logout", JAVA_LONG);
        findObjectsInit = handle(lookup, "C_FindObjectsInit", JAVA_LONG, ADDRESS, JAVA_LONG);
        findObjects = handle(lookup, "C_FindObjects", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        findObjectsFinal = handle(lookup, "C_FindObjectsFinal", JAVA_LONG);
        generateKey = handle(lookup, "C_GenerateKey", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
        generateKeyPair = handle(lookup, "C_GenerateKeyPair", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
        createObject = handle(lookup, "C_CreateObject", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        copyObject = handle(lookup, "C_CopyObject", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        destroyObject = handle(lookup, "C_DestroyObject", JAVA_LONG, JAVA_LONG);
        getAttributeValue = handle(lookup, "C_GetAttributeValue", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
        setAttributeValue = handle(lookup, "C_SetAttributeValue", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
        wrapKey = handle(lookup, "C_WrapKey", JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS);
        unwrapKey = handle(lookup, "C_UnwrapKey", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        generateRandom = handle(lookup, "C_GenerateRandom", JAVA_LONG, ADDRESS, JAVA_LONG);
        getMechanismList = handle(lookup, "C_GetMechanismList", JAVA_LONG, ADDRESS, ADDRESS);
        encryptInit = handle(lookup, "C_EncryptInit", JAVA_LONG, ADDRESS, JAVA_LONG);
        encrypt = handle(lookup, "C_Encrypt", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
        decryptInit = handle(lookup, "C_DecryptInit", JAVA_LONG, ADDRESS, JAVA_LONG);
        decrypt = handle(lookup, "C_Decrypt", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
        signInit = handle(lookup, "C_SignInit", JAVA_LONG, ADDRESS, JAVA_LONG);
        sign = handle(lookup, "C_Sign", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
        verifyInit = handle(lookup, "C_VerifyInit", JAVA_LONG, ADDRESS, JAVA_LONG);
        verify = handle(lookup, "C_Verify", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
    }

    /** Loads the library; fails with IllegalArgumentException when it cannot be loaded or lacks an entry point. */
    static Cryptoki load(Path library) {
        Arena arena = Arena.ofShared();
        try {
            return new Cryptoki(arena, SymbolLookup.libraryLookup(library, arena));
        } catch (RuntimeException e) {
            arena.close();
            throw new IllegalArgumentException("cannot load the PKCS#11 library " + library + ": " + e.getMessage(), e);
        }
    }

    private static MethodHandle handle(SymbolLookup lookup, String name, MemoryLayout... arguments) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalArgumentException("the library has no " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_LONG, arguments));
    }

    private static long invoke(MethodHandle handle, Object... arguments) {
        try {
            return (long) handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    long initialize(MemorySegment args) { return invoke(initialize, args); }
    long finalizeModule() { return invoke(finalizeModule, MemorySegment.NULL); }
    long getSlotList(boolean tokenPresent, MemorySegment slots, MemorySegment count) {
        return invoke(getSlotList, (byte) (tokenPresent ? 1 : 0), slots, count);
    }
    long getSlotInfo(long slot, MemorySegment info) { return invoke(getSlotInfo, slot, info); }
    long getTokenInfo(long slot, MemorySegment info) { return invoke(getTokenInfo, slot, info); }
    long initToken(long slot, MemorySegment pin, long pinLength, MemorySegment label) { return invoke(initToken, slot, pin, pinLength, label); }
    long initPin(long session, MemorySegment pin, long pinLength) { return invoke(initPin, session, pin, pinLength); }
    long openSession(long slot, long flags, MemorySegment session) {
        return invoke(openSession, slot, flags, MemorySegment.NULL, MemorySegment.NULL, session);
    }
    long closeSession(long session) { return invoke(closeSession, session); }
    long login(long session, long userType, MemorySegment pin, long pinLength) { return invoke(login, session, userType, pin, pinLength); }
    long logout(long session) { return invoke(logout, session); }
    long findObjectsInit(long session, MemorySegment template, long count) { return invoke(findObjectsInit, session, template, count); }
    long findObjects(long session, MemorySegment objects, long max, MemorySegment count) { return invoke(findObjects, session, objects, max, count); }
    long findObjectsFinal(long session) { return invoke(findObjectsFinal, session); }
    long generateKey(long session, MemorySegment mechanism, MemorySegment template, long count, MemorySegment key) {
        return invoke(generateKey, session, mechanism, template, count, key);
    }
    long generateKeyPair(long session, MemorySegment mechanism, MemorySegment publicTemplate, long publicCount,
                         MemorySegment privateTemplate, long privateCount, MemorySegment publicKey, MemorySegment privateKey) {
        return invoke(generateKeyPair, session, mechanism, publicTemplate, publicCount, privateTemplate, privateCount, publicKey, privateKey);
    }
    long createObject(long session, MemorySegment template, long count, MemorySegment object) {
        return invoke(createObject, session, template, count, object);
    }
    long copyObject(long session, long object, MemorySegment template, long count, MemorySegment copy) {
        return invoke(copyObject, session, object, template, count, copy);
    }
    long destroyObject(long session, long object) { return invoke(destroyObject, session, object); }
    long getAttributeValue(long session, long object, MemorySegment template, long count) {
        return invoke(getAttributeValue, session, object, template, count);
    }
    long setAttributeValue(long session, long object, MemorySegment template, long count) {
        return invoke(setAttributeValue, session, object, template, count);
    }
    long wrapKey(long session, MemorySegment mechanism, long wrappingKey, long key, MemorySegment wrapped, MemorySegment wrappedLength) {
        return invoke(wrapKey, session, mechanism, wrappingKey, key, wrapped, wrappedLength);
    }
    long unwrapKey(long session, MemorySegment mechanism, long unwrappingKey, MemorySegment wrapped, long wrappedLength,
                   MemorySegment template, long count, MemorySegment key) {
        return invoke(unwrapKey, session, mechanism, unwrappingKey, wrapped, wrappedLength, template, count, key);
    }
    long generateRandom(long session, MemorySegment buffer, long length) { return invoke(generateRandom, session, buffer, length); }
    long getMechanismList(long slot, MemorySegment mechanisms, MemorySegment count) { return invoke(getMechanismList, slot, mechanisms, count); }

    // Single-part operations: C_xxxInit then one C_xxx call (with the usual length query when out is NULL).
    long encryptInit(long session, MemorySegment mechanism, long key) { return invoke(encryptInit, session, mechanism, key); }
    long encrypt(long session, MemorySegment data, long length, MemorySegment out, MemorySegment outLength) {
        return invoke(encrypt, session, data, length, out, outLength);
    }
    long decryptInit(long session, MemorySegment mechanism, long key) { return invoke(decryptInit, session, mechanism, key); }
    long decrypt(long session, MemorySegment data, long length, MemorySegment out, MemorySegment outLength) {
        return invoke(decrypt, session, data, length, out, outLength);
    }
    long signInit(long session, MemorySegment mechanism, long key) { return invoke(signInit, session, mechanism, key); }
    long sign(long session, MemorySegment data, long length, MemorySegment signature, MemorySegment signatureLength) {
        return invoke(sign, session, data, length, signature, signatureLength);
    }
    long verifyInit(long session, MemorySegment mechanism, long key) { return invoke(verifyInit, session, mechanism, key); }
    long verify(long session, MemorySegment data, long length, MemorySegment signature, long signatureLength) {
        return invoke(verify, session, data, length, signature, signatureLength);
    }

    @Override
    public void close() {
        arena.close();
    }
}
