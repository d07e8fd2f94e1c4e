package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.AesBlockMode;
import io.strongroom.hsm.HmacAlgorithm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * CK_MECHANISM structures and their parameter structs, laid out as on Linux x86_64/aarch64
 * (CK_ULONG and pointers 8 bytes, natural alignment, no packing). Everything is allocated in
 * the caller's arena, so it lives exactly as long as the call that uses it.
 */
final class Mechanisms {
    private Mechanisms() {
    }

    /** CK_MECHANISM {mechanism, pParameter, ulParameterLen}. */
    static MemorySegment of(Arena arena, long type, MemorySegment parameter) {
        MemorySegment mechanism = arena.allocate(24, 8);
        mechanism.set(JAVA_LONG, 0, type);
        mechanism.set(ADDRESS, 8, parameter);
        mechanism.set(JAVA_LONG, 16, parameter.equals(MemorySegment.NULL) ? 0 : parameter.byteSize());
        return mechanism;
    }

    static MemorySegment of(Arena arena, long type) {
        return of(arena, type, MemorySegment.NULL);
    }

    /**
     * CKM_AES_GCM with CK_GCM_PARAMS {pIv, ulIvLen, ulIvBits, pAAD, ulAADLen, ulTagBits} in the
     * v2.40 layout (48 bytes, with ulIvBits), which SoftHSM2 2.6 and current HSMs use.
     */
    static MemorySegment gcm(Arena arena, byte[] iv, byte[] aad, int tagBits) {
        MemorySegment parameters = arena.allocate(48, 8);
        parameters.set(ADDRESS, 0, bytes(arena, iv));
        parameters.set(JAVA_LONG, 8, iv.length);
        parameters.set(JAVA_LONG, 16, iv.length * 8L);
        parameters.set(ADDRESS, 24, aad.length == 0 ? MemorySegment.NULL : bytes(arena, aad));
        parameters.set(JAVA_LONG, 32, aad.length);
        parameters.set(JAVA_LONG, 40, tagBits);
        return of(arena, Ck.CKM_AES_GCM, parameters);
    }

    /** CKM_AES_CBC (the parameter is the 16-byte IV) or CKM_AES_ECB (no parameter), both without padding. */
    static MemorySegment aes(Arena arena, AesBlockMode mode, byte[] iv) {
        return switch (mode) {
            case CBC -> of(arena, Ck.CKM_AES_CBC, bytes(arena, iv));
            case ECB -> of(arena, Ck.CKM_AES_ECB);
        };
    }

    /** CKM_SHA224_HMAC, CKM_SHA256_HMAC, CKM_SHA384_HMAC or CKM_SHA512_HMAC (no parameter: the full-length MAC). */
    static MemorySegment hmac(Arena arena, HmacAlgorithm algorithm) {
        return of(arena, switch (algorithm) {
            case HMAC_SHA224 -> Ck.CKM_SHA224_HMAC;
            case HMAC_SHA256 -> Ck.CKM_SHA256_HMAC;
            case HMAC_SHA384 -> Ck.CKM_SHA384_HMAC;
            case HMAC_SHA512 -> Ck.CKM_SHA512_HMAC;
        });
    }

    /** CKM_RSA_PKCS_OAEP with CK_RSA_PKCS_OAEP_PARAMS {hashAlg, mgf, source, pSourceData, ulSourceDataLen}, empty label. */
    static MemorySegment oaep(Arena arena, long hash, long mgf) {
        MemorySegment parameters = arena.allocate(40, 8);
        parameters.set(JAVA_LONG, 0, hash);
        parameters.set(JAVA_LONG, 8, mgf);
        parameters.set(JAVA_LONG, 16, Ck.CKZ_DATA_SPECIFIED);
        parameters.set(ADDRESS, 24, MemorySegment.NULL);
        parameters.set(JAVA_LONG, 32, 0L);
        return of(arena, Ck.CKM_RSA_PKCS_OAEP, parameters);
    }

    /**
     * An RSA-PSS mechanism ({@code CKM_RSA_PKCS_PSS} over a digest, or {@code CKM_SHA256_RSA_PKCS_PSS}
     * and friends over the message) with CK_RSA_PKCS_PSS_PARAMS {hashAlg, mgf, sLen}.
     */
    static MemorySegment pss(Arena arena, long type, long hash, long mgf, long saltLength) {
        MemorySegment parameters = arena.allocate(24, 8);
        parameters.set(JAVA_LONG, 0, hash);
        parameters.set(JAVA_LONG, 8, mgf);
        parameters.set(JAVA_LONG, 16, saltLength);
        return of(arena, type, parameters);
    }

    private static MemorySegment bytes(Arena arena, byte[] value) {
        return value.length == 0 ? arena.allocate(1) : arena.allocateFrom(JAVA_BYTE, value);
    }
}
