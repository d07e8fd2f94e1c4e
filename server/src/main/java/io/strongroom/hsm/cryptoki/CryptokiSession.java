package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.TransportKey;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A logged-in PKCS#11 session. Refuses to run once its module has been reloaded: handles from
 * before a C_Finalize may name another application's new session.
 */
final class CryptokiSession implements HsmSession {
    private static final int TRANSPORT_BITS = 3072;
    /** First byte of a transport blob: which OAEP hash wrapped it. */
    private static final byte OAEP_SHA256 = 2;
    private static final byte OAEP_SHA1 = 1;

    private final CryptokiModule module;
    private final long generation;
    private final long session;
    private final String tokenLabel;
    private boolean closed;

    CryptokiSession(CryptokiModule module, long generation, long session, String tokenLabel) {
        this.module = module;
        this.generation = generation;
        this.session = session;
        this.tokenLabel = tokenLabel;
    }

    private <T> T call(String what, CryptokiModule.Call<T> call) throws HsmException {
        if (closed) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the session on token '" + tokenLabel + "' is closed");
        }
        return module.call(what + " on token '" + tokenLabel + "'", (library, arena) -> {
            if (module.generation() != generation) {
                throw new HsmException(HsmFailure.UNREACHABLE, "the session on token '" + tokenLabel
                        + "' ended when its module was reloaded; log in again");
            }
            return call.run(library, arena);
        });
    }

    @Override
    public Optional<KeyHandle> findSecretKey(String label) throws HsmException {
        return call("finding key '" + label + "'", (library, arena) -> find(library, arena,
                new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).text(Ck.CKA_LABEL, label))
                .map(handle -> new KeyHandle(handle, label)));
    }

    private Optional<Long> find(Cryptoki library, Arena arena, Template template) throws HsmException {
        Failures.check("C_FindObjectsInit", library.findObjectsInit(session, template.segment(), template.count()));
        try {
            MemorySegment found = arena.allocate(JAVA_LONG);
            MemorySegment count = arena.allocate(JAVA_LONG);
            Failures.check("C_FindObjects", library.findObjects(session, found, 1, count));
            return count.get(JAVA_LONG, 0) == 0 ? Optional.empty() : Optional.of(found.get(JAVA_LONG, 0));
        } finally {
            library.findObjectsFinal(session);
        }
    }

    @Override
    public KeyHandle generateDomainKey(String label, boolean extractableForCeremony) throws HsmException {
        return call("generating domain key '" + label + "'", (library, arena) -> {
            Template template = domainKeyTemplate(arena, label, extractableForCeremony)
                    .ulong(Ck.CKA_VALUE_LEN, 32);
            MemorySegment key = arena.allocate(JAVA_LONG);
            Failures.check("C_GenerateKey", library.generateKey(session, Template.mechanism(arena, Ck.CKM_AES_KEY_GEN),
                    template.segment(), template.count(), key));
            return new KeyHandle(key.get(JAVA_LONG, 0), label);
        });
    }

    private static Template domainKeyTemplate(Arena arena, String label, boolean extractable) {
        return new Template(arena)
                .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES).text(Ck.CKA_LABEL, label)
                .bool(Ck.CKA_TOKEN, true).bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, true)
                .bool(Ck.CKA_EXTRACTABLE, extractable).bool(Ck.CKA_WRAP, true).bool(Ck.CKA_UNWRAP, true)
                .bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_DECRYPT, false).bool(Ck.CKA_SIGN, false)
                .bool(Ck.CKA_VERIFY, false).bool(Ck.CKA_DERIVE, false);
    }

    @Override
    public void sealAgainstExtraction(KeyHandle key) throws HsmException {
        call("sealing key '" + key.label() + "'", (library, arena) -> {
            Template template = new Template(arena).bool(Ck.CKA_EXTRACTABLE, false);
            Failures.check("C_SetAttributeValue(CKA_EXTRACTABLE=false)",
                    library.setAttributeValue(session, key.objectHandle(), template.segment(), template.count()));
            return null;
        });
    }

    @Override
    public String checkValue(KeyHandle key) throws HsmException {
        byte[] wrapped = call("computing the check value of '" + key.label() + "'", (library, arena) -> {
            Template zero = new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
                    .bytes(Ck.CKA_VALUE, new byte[32]).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_SENSITIVE, false)
                    .bool(Ck.CKA_EXTRACTABLE, true);
            MemorySegment object = arena.allocate(JAVA_LONG);
            Failures.check("C_CreateObject", library.createObject(session, zero.segment(), zero.count(), object));
            long zeroKey = object.get(JAVA_LONG, 0);
            try {
                return wrap(library, arena, Template.mechanism(arena, Ck.CKM_AES_KEY_WRAP_PAD), key.objectHandle(), zeroKey);
            } finally {
                library.destroyObject(session, zeroKey);
            }
        });
        try {
            return HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(wrapped), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(Cryptoki library, Arena arena, MemorySegment mechanism, long wrappingKey, long key) throws HsmException {
        MemorySegment length = arena.allocate(JAVA_LONG);
        Failures.check("C_WrapKey", library.wrapKey(session, mechanism, wrappingKey, key, MemorySegment.NULL, length));
        MemorySegment out = arena.allocate(Math.max(1, length.get(JAVA_LONG, 0)));
        Failures.check("C_WrapKey", library.wrapKey(session, mechanism, wrappingKey, key, out, length));
        return out.asSlice(0, length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    }

    @Override
    public TransportKey createTransportKey() throws HsmException {
        return call("creating a transport key", (library, arena) -> {
            Template publicTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).ulong(Ck.CKA_MODULUS_BITS, TRANSPORT_BITS)
                    .bytes(Ck.CKA_PUBLIC_EXPONENT, new byte[]{1, 0, 1}).bool(Ck.CKA_WRAP, true)
                    .bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_VERIFY, false);
            Template privateTemplate = new Template(arena).bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true)
                    .bool(Ck.CKA_SENSITIVE, true).bool(Ck.CKA_EXTRACTABLE, false).bool(Ck.CKA_UNWRAP, true)
                    .bool(Ck.CKA_DECRYPT, false).bool(Ck.CKA_SIGN, false);
            MemorySegment publicKey = arena.allocate(JAVA_LONG);
            MemorySegment privateKey = arena.allocate(JAVA_LONG);
            Failures.check("C_GenerateKeyPair", library.generateKeyPair(session, Template.mechanism(arena, Ck.CKM_RSA_PKCS_KEY_PAIR_GEN),
                    publicTemplate.segment(), publicTemplate.count(), privateTemplate.segment(), privateTemplate.count(),
                    publicKey, privateKey));
            long publicHandle = publicKey.get(JAVA_LONG, 0);
            try {
                BigInteger modulus = new BigInteger(1, attribute(library, arena, publicHandle, Ck.CKA_MODULUS));
                BigInteger exponent = new BigInteger(1, attribute(library, arena, publicHandle, Ck.CKA_PUBLIC_EXPONENT));
                PublicKey java = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
                return new TransportKey(new KeyHandle(privateKey.get(JAVA_LONG, 0), "transport"), java);
            } catch (GeneralSecurityException e) {
                throw new HsmException(HsmFailure.INTERNAL, "the token returned an unusable RSA public key");
            } finally {
                library.destroyObject(session, publicHandle);
            }
        });
    }

    private byte[] attribute(Cryptoki library, Arena arena, long object, long type) throws HsmException {
        MemorySegment size = Template.query(arena, type, 0);
        Failures.check("C_GetAttributeValue", library.getAttributeValue(session, object, size, 1));
        MemorySegment value = Template.query(arena, type, size.get(JAVA_LONG, 16));
        Failures.check("C_GetAttributeValue", library.getAttributeValue(session, object, value, 1));
        return Template.valueOf(value);
    }

    @Override
    public byte[] wrapForTransport(KeyHandle key, PublicKey recipient) throws HsmException {
        if (!(recipient instanceof RSAPublicKey rsa)) {
            throw new HsmException(HsmFailure.INTERNAL, "transport keys are RSA");
        }
        return call("wrapping '" + key.label() + "' for transport", (library, arena) -> {
            Template template = new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_RSA)
                    .bool(Ck.CKA_TOKEN, false).bytes(Ck.CKA_MODULUS, unsigned(rsa.getModulus()))
                    .bytes(Ck.CKA_PUBLIC_EXPONENT, unsigned(rsa.getPublicExponent())).bool(Ck.CKA_WRAP, true);
            MemorySegment object = arena.allocate(JAVA_LONG);
            Failures.check("C_CreateObject", library.createObject(session, template.segment(), template.count(), object));
            long wrappingKey = object.get(JAVA_LONG, 0);
            try {
                try {
                    return tagged(OAEP_SHA256, wrap(library, arena, Template.oaep(arena, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256),
                            wrappingKey, key.objectHandle()));
                } catch (HsmException sha256Refused) {
                    // SoftHSM2 wraps with OAEP only over SHA-1 (CKR_ARGUMENTS_BAD otherwise); OAEP-SHA-1 is still sound for key transport.
                    return tagged(OAEP_SHA1, wrap(library, arena, Template.oaep(arena, Ck.CKM_SHA_1, Ck.CKG_MGF1_SHA1),
                            wrappingKey, key.objectHandle()));
                }
            } finally {
                library.destroyObject(session, wrappingKey);
            }
        });
    }

    private static byte[] tagged(byte tag, byte[] wrapped) {
        byte[] out = new byte[wrapped.length + 1];
        out[0] = tag;
        System.arraycopy(wrapped, 0, out, 1, wrapped.length);
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Override
    public KeyHandle unwrapDomainKey(String label, byte[] wrapped, TransportKey transportKey) throws HsmException {
        if (wrapped.length < 2 || (wrapped[0] != OAEP_SHA1 && wrapped[0] != OAEP_SHA256)) {
            throw new HsmException(HsmFailure.INTERNAL, "not a transport blob");
        }
        return call("unwrapping domain key '" + label + "'", (library, arena) -> {
            MemorySegment mechanism = wrapped[0] == OAEP_SHA256 ? Template.oaep(arena, Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256)
                    : Template.oaep(arena, Ck.CKM_SHA_1, Ck.CKG_MGF1_SHA1);
            MemorySegment blob = arena.allocateFrom(JAVA_BYTE, Arrays.copyOfRange(wrapped, 1, wrapped.length));
            Template template = domainKeyTemplate(arena, label, false);
            MemorySegment key = arena.allocate(JAVA_LONG);
            Failures.check("C_UnwrapKey", library.unwrapKey(session, mechanism, transportKey.privateKey().objectHandle(),
                    blob, blob.byteSize(), template.segment(), template.count(), key));
            return new KeyHandle(key.get(JAVA_LONG, 0), label);
        });
    }

    @Override
    public void destroy(KeyHandle key) throws HsmException {
        call("destroying '" + key.label() + "'", (library, arena) -> {
            Failures.check("C_DestroyObject", library.destroyObject(session, key.objectHandle()));
            return null;
        });
    }

    @Override
    public byte[] generateRandom(int length) throws HsmException {
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive");
        }
        return call("generating random bytes", (library, arena) -> {
            MemorySegment buffer = arena.allocate(length);
            Failures.check("C_GenerateRandom", library.generateRandom(session, buffer, length));
            return buffer.toArray(JAVA_BYTE);
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            module.call("closing the session on '" + tokenLabel + "'", (library, arena) -> {
                if (module.generation() == generation) {
                    library.logout(session);
                    library.closeSession(session);
                }
                return null;
            });
        } catch (HsmException ignored) {
            // a gone or hung token: the session dies with it
        }
    }
}
