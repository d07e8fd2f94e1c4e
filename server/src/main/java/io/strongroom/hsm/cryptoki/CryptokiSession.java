package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.AesBlockMode;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.KeyPairSpec;
import io.strongroom.hsm.SignatureAlgorithm;
import io.strongroom.hsm.HmacAlgorithm;
import io.strongroom.hsm.SoftwareHmacKey;
import io.strongroom.hsm.SoftwarePrivateKey;
import io.strongroom.hsm.WrappedKeyPair;
import io.strongroom.hsm.SoftwareKey;
import io.strongroom.hsm.TransportKey;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A logged-in PKCS#11 session. Refuses to run once its module has been reloaded: handles from
 * before a C_Finalize may name another application's new session. A call that fails while the
 * token has gone away fails with {@link HsmFailure#UNREACHABLE}, whatever code the module gave.
 */
final class CryptokiSession implements HsmSession {
    private final CryptokiModule module;
    private final long generation;
    private final Logins logins;
    private final long slot;
    private final long session;
    private final String tokenLabel;
    private boolean closed;

    CryptokiSession(CryptokiModule module, long generation, Logins logins, long slot, long session, String tokenLabel) {
        this.module = module;
        this.generation = generation;
        this.logins = logins;
        this.slot = slot;
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
            try {
                return call.run(library, arena);
            } catch (HsmException e) {
                if (e.failure() == HsmFailure.INTERNAL || e.failure() == HsmFailure.KEY_NOT_FOUND) {
                    requirePresent(library, arena);
                }
                throw e;
            }
        });
    }

    /**
     * Turns "the token went away" into UNREACHABLE. SoftHSM2 does not fail a session whose token
     * folder was removed: finds come back empty and key handles turn invalid (e.g.
     * CKR_WRAPPING_KEY_HANDLE_INVALID), while C_GetTokenInfo on its slot fails at once.
     */
    private void requirePresent(Cryptoki library, Arena arena) throws HsmException {
        long rv = library.getTokenInfo(slot, arena.allocate(Slots.TOKEN_INFO_SIZE, 8));
        if (rv != Ck.CKR_OK) {
            throw new HsmException(HsmFailure.UNREACHABLE, "token '" + tokenLabel + "' is no longer present (C_GetTokenInfo: "
                    + Ck.name(rv) + "); reload the module once it is back", Ck.name(rv));
        }
    }

    @Override
    public Optional<KeyHandle> findSecretKey(String label) throws HsmException {
        return call("finding key '" + label + "'", (library, arena) -> {
            Optional<Long> found = find(library, arena, new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).text(Ck.CKA_LABEL, label));
            if (found.isEmpty()) {
                requirePresent(library, arena); // a vanished token also finds nothing
            }
            return found.map(handle -> new KeyHandle(handle, label));
        });
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
            Failures.check("C_GenerateKey", library.generateKey(session, Mechanisms.of(arena, Ck.CKM_AES_KEY_GEN),
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

    /**
     * Sets CKA_EXTRACTABLE to false (PKCS#11 allows true to false, never back; SoftHSM2 2.6 accepts
     * it on a token object) and reads it back, so a token that ignores the change is caught here.
     */
    @Override
    public void sealAgainstExtraction(KeyHandle key) throws HsmException {
        call("sealing key '" + key.label() + "'", (library, arena) -> {
            Template template = new Template(arena).bool(Ck.CKA_EXTRACTABLE, false);
            Failures.check("C_SetAttributeValue(CKA_EXTRACTABLE=false)",
                    library.setAttributeValue(session, key.objectHandle(), template.segment(), template.count()));
            byte[] extractable = Operations.attribute(library, arena, session, key.objectHandle(), Ck.CKA_EXTRACTABLE);
            if (extractable.length != 1 || extractable[0] != 0) {
                throw new HsmException(HsmFailure.INTERNAL, "token '" + tokenLabel + "' still reports key '" + key.label()
                        + "' extractable after it was sealed");
            }
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
                return Operations.wrap(library, arena, session, Mechanisms.of(arena, Ck.CKM_AES_KEY_WRAP_PAD), key.objectHandle(), zeroKey);
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

    @Override
    public TransportKey createTransportKey() throws HsmException {
        return call("creating a transport key", (library, arena) -> Transport.createKeyPair(library, arena, session));
    }

    @Override
    public byte[] wrapForTransport(KeyHandle key, PublicKey recipient) throws HsmException {
        if (!(recipient instanceof RSAPublicKey rsa)) {
            throw new HsmException(HsmFailure.INTERNAL, "transport keys are RSA");
        }
        return call("wrapping '" + key.label() + "' for transport",
                (library, arena) -> Transport.wrap(library, arena, session, key.objectHandle(), rsa));
    }

    @Override
    public KeyHandle unwrapDomainKey(String label, byte[] wrapped, TransportKey transportKey) throws HsmException {
        return call("unwrapping domain key '" + label + "'", (library, arena) -> new KeyHandle(Transport.unwrap(library, arena,
                session, transportKey.privateKey().objectHandle(), wrapped, domainKeyTemplate(arena, label, false)), label));
    }

    @Override
    public void destroy(KeyHandle key) throws HsmException {
        call("destroying '" + key.label() + "'", (library, arena) -> {
            Failures.check("C_DestroyObject", library.destroyObject(session, key.objectHandle()));
            return null;
        });
    }

    @Override
    public byte[] generateWrappedKey(KeyHandle domainKey, int bits) throws HsmException {
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException("AES keys are 128, 192 or 256 bits");
        }
        return call("generating a wrapped AES-" + bits + " key",
                (library, arena) -> generateWrapped(library, arena, domainKey, Ck.CKK_AES, Ck.CKM_AES_KEY_GEN, bits / 8));
    }

    private byte[] generateWrapped(Cryptoki library, Arena arena, KeyHandle domainKey, long keyType, long mechanism, int bytes)
            throws HsmException {
        // A session object that can leave the token only wrapped (sensitive, so never in clear).
        Template template = new Template(arena)
                .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, keyType).ulong(Ck.CKA_VALUE_LEN, bytes)
                .bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, true)
                .bool(Ck.CKA_EXTRACTABLE, true).bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_DECRYPT, false)
                .bool(Ck.CKA_WRAP, false).bool(Ck.CKA_UNWRAP, false).bool(Ck.CKA_SIGN, false)
                .bool(Ck.CKA_VERIFY, false).bool(Ck.CKA_DERIVE, false);
        MemorySegment key = arena.allocate(JAVA_LONG);
        Failures.check("C_GenerateKey", library.generateKey(session, Mechanisms.of(arena, mechanism),
                template.segment(), template.count(), key));
        long generated = key.get(JAVA_LONG, 0);
        try {
            return Operations.wrap(library, arena, session, Mechanisms.of(arena, Ck.CKM_AES_KEY_WRAP_PAD),
                    domainKey.objectHandle(), generated);
        } finally {
            library.destroyObject(session, generated);
        }
    }

    @Override
    public KeyHandle unwrapSessionKey(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        return call("unwrapping a key", (library, arena) -> new KeyHandle(unwrap(library, arena, domainKey, wrapped,
                new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_AES)
                        .bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, true)
                        .bool(Ck.CKA_EXTRACTABLE, false).bool(Ck.CKA_ENCRYPT, true).bool(Ck.CKA_DECRYPT, true)
                        .bool(Ck.CKA_WRAP, false).bool(Ck.CKA_UNWRAP, false).bool(Ck.CKA_SIGN, false)
                        .bool(Ck.CKA_VERIFY, false).bool(Ck.CKA_DERIVE, false)), "session-key"));
    }

    /**
     * The SOFTWARE protection level: the blob is unwrapped inside the token into a short-lived,
     * readable session object, whose value is copied once and which is destroyed at once. The
     * native buffer that held the value is zeroed before the call returns.
     */
    @Override
    public SoftwareKey unwrapIntoProcessMemory(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        return call("unwrapping a key into process memory", (library, arena) -> {
            byte[] material = unwrapValue(library, arena, domainKey, wrapped, Ck.CKK_AES);
            try {
                return SoftwareKey.copyOf(material);
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        });
    }

    /**
     * Unwraps a blob as a readable generic secret, returns its value (for a wrapped private key:
     * its PKCS#8 encoding) and destroys the object; the caller zeroes the returned array.
     */
    private byte[] unwrapValue(Cryptoki library, Arena arena, KeyHandle domainKey, byte[] wrapped, long keyType) throws HsmException {
        long key = unwrap(library, arena, domainKey, wrapped, new Template(arena)
                .ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, keyType)
                .bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, false)
                .bool(Ck.CKA_EXTRACTABLE, true).bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_DECRYPT, false)
                .bool(Ck.CKA_WRAP, false).bool(Ck.CKA_UNWRAP, false));
        MemorySegment value = arena.allocate(Math.max(64, wrapped.length));
        try {
            MemorySegment query = Template.query(arena, Ck.CKA_VALUE, 0);
            query.set(java.lang.foreign.ValueLayout.ADDRESS, 8, value);
            query.set(JAVA_LONG, 16, value.byteSize());
            Failures.check("C_GetAttributeValue(CKA_VALUE)", library.getAttributeValue(session, key, query, 1));
            return value.asSlice(0, query.get(JAVA_LONG, 16)).toArray(JAVA_BYTE);
        } finally {
            value.fill((byte) 0);
            library.destroyObject(session, key);
        }
    }

    @Override
    public WrappedKeyPair generateWrappedKeyPair(KeyHandle domainKey, KeyPairSpec spec) throws HsmException {
        return call("generating a wrapped " + spec + " key pair",
                (library, arena) -> KeyPairs.generate(library, arena, session, domainKey.objectHandle(), spec));
    }

    @Override
    public KeyHandle unwrapPrivateKey(KeyHandle domainKey, KeyPairSpec spec, byte[] wrapped, boolean signing) throws HsmException {
        return call("unwrapping a private key", (library, arena) -> new KeyHandle(
                KeyPairs.unwrapPrivate(library, arena, session, domainKey.objectHandle(), spec, wrapped, signing), "private-key"));
    }

    @Override
    public SoftwarePrivateKey unwrapPrivateKeyIntoProcessMemory(KeyHandle domainKey, KeyPairSpec spec, byte[] wrapped)
            throws HsmException {
        return call("unwrapping a private key into process memory", (library, arena) -> {
            byte[] pkcs8 = unwrapValue(library, arena, domainKey, wrapped, Ck.CKK_GENERIC_SECRET);
            try {
                return SoftwarePrivateKey.of(spec, pkcs8);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        });
    }

    @Override
    public KeyHandle importPublicKey(KeyPairSpec spec, byte[] publicKey) throws HsmException {
        return call("importing a public key", (library, arena) -> new KeyHandle(
                KeyPairs.importPublic(library, arena, session, spec, publicKey), "public-key"));
    }

    @Override
    public byte[] sign(KeyHandle privateKey, SignatureAlgorithm algorithm, byte[] digest) throws HsmException {
        return call("signing", (library, arena) -> KeyPairs.sign(library, arena, session, privateKey.objectHandle(), algorithm, digest));
    }

    @Override
    public boolean verify(KeyHandle publicKey, SignatureAlgorithm algorithm, byte[] digest, byte[] signature) throws HsmException {
        return call("verifying", (library, arena) -> KeyPairs.verify(library, arena, session, publicKey.objectHandle(), algorithm,
                digest, signature));
    }

    @Override
    public byte[] decryptOaepSha1(KeyHandle privateKey, byte[] ciphertext) throws HsmException {
        return decrypting((library, arena) -> Operations.decrypt(library, arena, session,
                Mechanisms.oaep(arena, Ck.CKM_SHA_1, Ck.CKG_MGF1_SHA1), privateKey.objectHandle(), ciphertext));
    }

    /** CKM_RSA_X_509 in the token on the non-extractable private key, then {@link OaepDecoding} here. */
    @Override
    public byte[] decryptOaepSha256(KeyHandle privateKey, byte[] ciphertext) throws HsmException {
        byte[] encoded = decrypting((library, arena) -> KeyPairs.rawRsaDecrypt(library, arena, session, privateKey.objectHandle(),
                ciphertext));
        try {
            return OaepDecoding.sha256(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Runs a decryption: any failure of the token other than its absence is a decryption failure, saying nothing about why. */
    private byte[] decrypting(CryptokiModule.Call<byte[]> decryption) throws HsmException {
        try {
            return call("decrypting", decryption);
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.INTERNAL) {
                throw new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted", e.detail());
            }
            throw e;
        }
    }

    @Override
    public byte[] generateWrappedHmacKey(KeyHandle domainKey, int bytes) throws HsmException {
        return call("generating a wrapped HMAC key", (library, arena) -> generateWrapped(library, arena, domainKey,
                Ck.CKK_GENERIC_SECRET, Ck.CKM_GENERIC_SECRET_KEY_GEN, bytes));
    }

    @Override
    public KeyHandle unwrapHmacKey(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        return call("unwrapping an HMAC key", (library, arena) -> new KeyHandle(unwrap(library, arena, domainKey, wrapped,
                new Template(arena).ulong(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY).ulong(Ck.CKA_KEY_TYPE, Ck.CKK_GENERIC_SECRET)
                        .bool(Ck.CKA_TOKEN, false).bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, true)
                        .bool(Ck.CKA_EXTRACTABLE, false).bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_DECRYPT, false)
                        .bool(Ck.CKA_WRAP, false).bool(Ck.CKA_UNWRAP, false).bool(Ck.CKA_SIGN, true)
                        .bool(Ck.CKA_VERIFY, true).bool(Ck.CKA_DERIVE, false)), "hmac-key"));
    }

    @Override
    public SoftwareHmacKey unwrapHmacKeyIntoProcessMemory(KeyHandle domainKey, byte[] wrapped) throws HsmException {
        return call("unwrapping an HMAC key into process memory", (library, arena) -> {
            byte[] material = unwrapValue(library, arena, domainKey, wrapped, Ck.CKK_GENERIC_SECRET);
            try {
                return SoftwareHmacKey.copyOf(material);
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        });
    }

    @Override
    public byte[] hmac(KeyHandle key, HmacAlgorithm algorithm, byte[] message) throws HsmException {
        return call("computing an HMAC", (library, arena) -> Operations.sign(library, arena, session,
                Mechanisms.hmac(arena, algorithm), key.objectHandle(), message));
    }

    private long unwrap(Cryptoki library, Arena arena, KeyHandle domainKey, byte[] wrapped, Template template) throws HsmException {
        return KeyPairs.unwrap(library, arena, session, domainKey.objectHandle(), wrapped, template);
    }

    @Override
    public byte[] encryptGcm(KeyHandle key, byte[] iv, byte[] aad, byte[] plaintext) throws HsmException {
        requireIv(iv);
        return call("encrypting", (library, arena) -> Operations.encrypt(library, arena, session,
                Mechanisms.gcm(arena, iv, aad, 128), key.objectHandle(), plaintext));
    }

    @Override
    public byte[] decryptGcm(KeyHandle key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws HsmException {
        requireIv(iv);
        if (ciphertextAndTag.length < 16) {
            throw new HsmException(HsmFailure.DECRYPTION_FAILED, "the ciphertext could not be decrypted");
        }
        return decrypting((library, arena) -> Operations.decrypt(library, arena, session,
                Mechanisms.gcm(arena, iv, aad, 128), key.objectHandle(), ciphertextAndTag));
    }

    @Override
    public byte[] encryptBlocks(KeyHandle key, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        mode.requireInput(iv, blocks);
        return call("encrypting", (library, arena) -> Operations.encrypt(library, arena, session,
                Mechanisms.aes(arena, mode, iv), key.objectHandle(), blocks));
    }

    @Override
    public byte[] decryptBlocks(KeyHandle key, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException {
        mode.requireInput(iv, blocks);
        return call("decrypting", (library, arena) -> Operations.decrypt(library, arena, session,
                Mechanisms.aes(arena, mode, iv), key.objectHandle(), blocks));
    }

    private static void requireIv(byte[] iv) {
        if (iv.length != 12) {
            throw new IllegalArgumentException("the IV must be 12 bytes");
        }
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
                    logins.close(library, slot, session);
                }
                return null;
            });
        } catch (HsmException ignored) {
            // a gone or hung token: the session dies with it
        }
    }
}
