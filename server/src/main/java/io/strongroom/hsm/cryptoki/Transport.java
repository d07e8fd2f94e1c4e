package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.TransportKey;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Moving a domain key between tokens in the key ceremony: an RSA-3072 transport key pair made
 * in the receiving token (session objects; the private half may only unwrap), and RSA-OAEP
 * wrapping in the sending token.
 *
 * <p>Wire format of a transport blob: one byte naming the OAEP hash (1 = SHA-1 with MGF1-SHA-1,
 * 2 = SHA-256 with MGF1-SHA-256, empty label), then the OAEP ciphertext. SHA-256 is tried
 * first; SoftHSM2 2.6 refuses it for C_WrapKey/C_UnwrapKey (CKR_ARGUMENTS_BAD) and gets
 * SHA-1. OAEP with SHA-1 is still sound for key transport: its security does not rest on
 * SHA-1's collision resistance.
 */
final class Transport {
    private static final int BITS = 3072;
    private static final byte OAEP_SHA1 = 1;
    private static final byte OAEP_SHA256 = 2;

    private Transport() {
    }

    static TransportKey createKeyPair(Cryptoki library, Arena arena, long session) throws HsmException {
        Template publicTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).ulong(Ck.CKA_MODULUS_BITS, BITS)
                .bytes(Ck.CKA_PUBLIC_EXPONENT, new byte[]{1, 0, 1}).bool(Ck.CKA_WRAP, true)
                .bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_VERIFY, false);
        Template privateTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true)
                .bool(Ck.CKA_SENSITIVE, true).bool(Ck.CKA_EXTRACTABLE, false).bool(Ck.CKA_UNWRAP, true)
                .bool(Ck.CKA_DECRYPT, false).bool(Ck.CKA_SIGN, false).bool(Ck.CKA_DERIVE, false);
        MemorySegment publicKey = arena.allocate(JAVA_LONG);
        MemorySegment privateKey = arena.allocate(JAVA_LONG);
        Failures.check("C_GenerateKeyPair", library.generateKeyPair(session, Mechanisms.of(arena, Ck.CKM_RSA_PKCS_KEY_PAIR_GEN),
                publicTemplate.segment(), publicTemplate.count(), privateTemplate.segment(), privateTemplate.count(),
                publicKey, privateKey));
        long publicHandle = publicKey.get(JAVA_LONG, 0);
        try {
            BigInteger modulus = new BigInteger(1, Operations.attribute(library, arena, session, publicHandle, Ck.CKA_MODULUS));
            BigInteger exponent = new BigInteger(1, Operations.attribute(library, arena, session, publicHandle, Ck.CKA_PUBLIC_EXPONENT));
            PublicKey java = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
            return new TransportKey(new KeyHandle(privateKey.get(JAVA_LONG, 0), "transport"), java);
        } catch (GeneralSecurityException e) {
            library.destroyObject(session, privateKey.get(JAVA_LONG, 0));
            throw new HsmException(HsmFailure.INTERNAL, "the token returned an unusable RSA public key");
        } finally {
            library.destroyObject(session, publicHandle);
        }
    }

    /** Wraps {@code key} to the recipient's public key, imported as a session object for the call. */
    static byte[] wrap(Cryptoki library, Arena arena, long session, long key, RSAPublicKey recipient) throws HsmException {
        Template template = new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_RSA)
                .bool(Ck.CKA_TOKEN, false).bytes(Ck.CKA_MODULUS, KeyPairs.unsigned(recipient.getModulus()))
                .bytes(Ck.CKA_PUBLIC_EXPONENT, KeyPairs.unsigned(recipient.getPublicExponent())).bool(Ck.CKA_WRAP, true);
        MemorySegment object = arena.allocate(JAVA_LONG);
        Failures.check("C_CreateObject", library.createObject(session, template.segment(), template.count(), object));
        long wrappingKey = object.get(JAVA_LONG, 0);
        try {
            try {
                return tagged(OAEP_SHA256, Operations.wrap(library, arena, session, oaep(arena, OAEP_SHA256), wrappingKey, key));
            } catch (HsmException sha256Refused) {
                if (!sha256Refused.detail().equals("CKR_ARGUMENTS_BAD") && !sha256Refused.detail().equals("CKR_MECHANISM_PARAM_INVALID")) {
                    throw sha256Refused;
                }
                return tagged(OAEP_SHA1, Operations.wrap(library, arena, session, oaep(arena, OAEP_SHA1), wrappingKey, key));
            }
        } finally {
            library.destroyObject(session, wrappingKey);
        }
    }

    /** Unwraps a blob made by {@link #wrap} into a new object with the given template; returns its handle. */
    static long unwrap(Cryptoki library, Arena arena, long session, long unwrappingKey, byte[] blob, Template template) throws HsmException {
        if (blob.length < 2 || (blob[0] != OAEP_SHA1 && blob[0] != OAEP_SHA256)) {
            throw new HsmException(HsmFailure.INTERNAL, "not a transport blob");
        }
        MemorySegment wrapped = arena.allocateFrom(JAVA_BYTE, Arrays.copyOfRange(blob, 1, blob.length));
        MemorySegment key = arena.allocate(JAVA_LONG);
        Failures.check("C_UnwrapKey", library.unwrapKey(session, oaep(arena, blob[0]), unwrappingKey,
                wrapped, wrapped.byteSize(), template.segment(), template.count(), key));
        return key.get(JAVA_LONG, 0);
    }

    private static MemorySegment oaep(Arena arena, byte tag) {
        return tag == OAEP_SHA256 ? Mechanisms.oaep(arena, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256)
                : Mechanisms.oaep(arena, Ck.CKM_SHA_1, Ck.CKG_MGF1_SHA1);
    }

    private static byte[] tagged(byte tag, byte[] wrapped) {
        byte[] out = new byte[wrapped.length + 1];
        out[0] = tag;
        System.arraycopy(wrapped, 0, out, 1, wrapped.length);
        return out;
    }
}
