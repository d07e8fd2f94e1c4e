package io.strongroom.key;

import io.strongroom.hsm.AesBlockMode;
import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HmacAlgorithm;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.KeyPairSpec;
import io.strongroom.hsm.Pkcs7Padding;
import io.strongroom.hsm.SignatureAlgorithm;
import io.strongroom.hsm.SoftwareHmacKey;
import io.strongroom.hsm.SoftwareKey;
import io.strongroom.hsm.SoftwarePrivateKey;
import io.strongroom.hsm.WrappedKeyPair;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Key material through an instance's cluster connection: generation in the HSM, and AES (GCM, CBC,
 * ECB), signatures, RSA-OAEP and HMAC with a key version at its protection level. Unwrapped keys are cached per connection and destroyed
 * when the connection closes (disconnect, lost credential, shutdown).
 */
final class KeyMaterial {
    private final ConcurrentMap<ClusterConnection, LoadedKeys> loaded = new ConcurrentHashMap<>();

    /** The connection's cache; registered outside the map's lock, as a closed connection runs its listener at once. */
    private LoadedKeys loadedKeys(ClusterConnection connection) {
        LoadedKeys existing = loaded.get(connection);
        if (existing != null) {
            return existing;
        }
        LoadedKeys fresh = new LoadedKeys();
        LoadedKeys raced = loaded.putIfAbsent(connection, fresh);
        if (raced != null) {
            return raced;
        }
        connection.onClose(() -> {
            fresh.destroy();
            loaded.remove(connection, fresh);
        });
        return fresh;
    }

    /** What a new key version holds: its wrapped material (or private key) and, for a key pair, its public key. */
    record Generated(byte[] wrapped, byte[] publicKey) {
    }

    /** A new key of {@code spec} generated in the HSM; returns it wrapped by the domain key. */
    Generated generate(ClusterConnection connection, KeySpec spec) throws HsmException {
        LoadedKeys keys = loadedKeys(connection);
        String label = connection.cluster().domainKeyLabel();
        return connection.execute(session -> {
            KeyHandle domainKey = keys.domainKey(session, label);
            if (spec.keyPair().isPresent()) {
                WrappedKeyPair pair = session.generateWrappedKeyPair(domainKey, spec.keyPair().get());
                return new Generated(pair.wrappedPrivateKey(), pair.publicKey());
            }
            byte[] wrapped = spec.isHmac() ? session.generateWrappedHmacKey(domainKey, spec.bits() / 8)
                    : session.generateWrappedKey(domainKey, spec.bits());
            return new Generated(wrapped, new byte[0]);
        });
    }

    /** Signs a SHA-256 digest with the version's private key, in the HSM or in memory as the key's protection level says. */
    byte[] sign(ClusterConnection connection, Key key, KeyVersion version, SignatureAlgorithm algorithm, byte[] digest)
            throws HsmException {
        if (key.protectionLevel() == ProtectionLevel.SOFTWARE) {
            return softwarePrivateKey(connection, key, version).sign(algorithm, digest);
        }
        return signInHsm(connection, version.keyVersionId(), key.keySpec().keyPair().orElseThrow(), version.wrappedMaterial(),
                algorithm, digest);
    }

    /** Signs a SHA-256 digest inside the HSM with a wrapped private key, unwrapped once per connection under {@code cacheId}. */
    byte[] signInHsm(ClusterConnection connection, String cacheId, KeyPairSpec spec, byte[] wrappedPrivateKey,
                     SignatureAlgorithm algorithm, byte[] digest) throws HsmException {
        LoadedKeys keys = loadedKeys(connection);
        String label = connection.cluster().domainKeyLabel();
        return connection.execute(session -> session.sign(keys.sessionKey(session, cacheId, () -> session.unwrapPrivateKey(
                keys.domainKey(session, label), spec, wrappedPrivateKey, true)), algorithm, digest));
    }

    /** Verifies with the version's public key, imported into an HSM session (public keys need no protection level). */
    boolean verify(ClusterConnection connection, Key key, KeyVersion version, SignatureAlgorithm algorithm, byte[] digest,
                   byte[] signature) throws HsmException {
        KeyPairSpec spec = key.keySpec().keyPair().orElseThrow();
        LoadedKeys keys = loadedKeys(connection);
        return connection.execute(session -> session.verify(keys.sessionKey(session, version.keyVersionId() + "#public",
                () -> session.importPublicKey(spec, version.publicKey())), algorithm, digest, signature));
    }

    /** RSA-OAEP decryption with SHA-1 or SHA-256 (MGF1 over the same hash, empty label), in the HSM or in memory. */
    byte[] decryptRsa(ClusterConnection connection, Key key, KeyVersion version, String hash, byte[] ciphertext) throws HsmException {
        if (key.protectionLevel() == ProtectionLevel.SOFTWARE) {
            return softwarePrivateKey(connection, key, version).decryptOaep(hash, ciphertext);
        }
        LoadedKeys keys = loadedKeys(connection);
        return connection.execute(session -> {
            KeyHandle privateKey = sessionPrivateKey(keys, connection, session, key, version, false);
            return hash.equals("SHA-1") ? session.decryptOaepSha1(privateKey, ciphertext) : session.decryptOaepSha256(privateKey, ciphertext);
        });
    }

    private SoftwarePrivateKey softwarePrivateKey(ClusterConnection connection, Key key, KeyVersion version) throws HsmException {
        LoadedKeys keys = loadedKeys(connection);
        String label = connection.cluster().domainKeyLabel();
        KeyPairSpec spec = key.keySpec().keyPair().orElseThrow();
        return keys.softwareKey(version.keyVersionId(), () -> connection.execute(session ->
                session.unwrapPrivateKeyIntoProcessMemory(keys.domainKey(session, label), spec, version.wrappedMaterial())));
    }

    /** A key's usage is fixed, so a version's private key is unwrapped for signing or for decryption, never both. */
    private static KeyHandle sessionPrivateKey(LoadedKeys keys, ClusterConnection connection, HsmSession session, Key key,
                                               KeyVersion version, boolean signing) throws HsmException {
        String label = connection.cluster().domainKeyLabel();
        return keys.sessionKey(session, version.keyVersionId(), () -> session.unwrapPrivateKey(keys.domainKey(session, label),
                key.keySpec().keyPair().orElseThrow(), version.wrappedMaterial(), signing));
    }

    /** The HMAC of {@code message} over the hash the key's spec names, in the HSM or in memory as its protection level says. */
    byte[] hmac(ClusterConnection connection, Key key, KeyVersion version, byte[] message) throws HsmException {
        LoadedKeys keys = loadedKeys(connection);
        String label = connection.cluster().domainKeyLabel();
        HmacAlgorithm algorithm = key.keySpec().hmac().orElseThrow();
        if (key.protectionLevel() == ProtectionLevel.SOFTWARE) {
            SoftwareHmacKey hmacKey = keys.softwareKey(version.keyVersionId(), () -> connection.execute(session ->
                    session.unwrapHmacKeyIntoProcessMemory(keys.domainKey(session, label), version.wrappedMaterial())));
            return hmacKey.hmac(algorithm, message);
        }
        return connection.execute(session -> session.hmac(keys.sessionKey(session, version.keyVersionId(), () ->
                session.unwrapHmacKey(keys.domainKey(session, label), version.wrappedMaterial())), algorithm, message));
    }

    /**
     * Encrypts with {@code aes} under the version, in the HSM or in memory as the key's protection
     * level says. PKCS#7 padding is added here for both, so an HSM key and a SOFTWARE key with the
     * same material give the same bytes.
     */
    byte[] encrypt(ClusterConnection connection, Key key, KeyVersion version, AesAlgorithm aes, byte[] iv, byte[] aad,
                   byte[] plaintext) throws HsmException {
        requireModes(key, aes);
        if (aes.blockMode().isEmpty()) {
            return withAesKey(connection, key, version, memory -> memory.encryptGcm(iv, aad, plaintext),
                    (session, handle) -> session.encryptGcm(handle, iv, aad, plaintext));
        }
        AesBlockMode mode = aes.blockMode().get();
        byte[] blocks = aes.pads() ? Pkcs7Padding.pad(plaintext) : plaintext;
        try {
            return withAesKey(connection, key, version, memory -> memory.encryptBlocks(mode, iv, blocks),
                    (session, handle) -> session.encryptBlocks(handle, mode, iv, blocks));
        } finally {
            if (blocks != plaintext) {
                Arrays.fill(blocks, (byte) 0);
            }
        }
    }

    /**
     * The inverse of {@link #encrypt}. Fails with {@link HsmFailure#DECRYPTION_FAILED} when a GCM
     * ciphertext does not authenticate or a padding is wrong, the same way for both.
     */
    byte[] decrypt(ClusterConnection connection, Key key, KeyVersion version, AesAlgorithm aes, byte[] iv, byte[] aad,
                   byte[] sealed) throws HsmException {
        requireModes(key, aes);
        if (aes.blockMode().isEmpty()) {
            return withAesKey(connection, key, version, memory -> memory.decryptGcm(iv, aad, sealed),
                    (session, handle) -> session.decryptGcm(handle, iv, aad, sealed));
        }
        AesBlockMode mode = aes.blockMode().get();
        byte[] blocks = withAesKey(connection, key, version, memory -> memory.decryptBlocks(mode, iv, sealed),
                (session, handle) -> session.decryptBlocks(handle, mode, iv, sealed));
        if (!aes.pads()) {
            return blocks;
        }
        try {
            return Pkcs7Padding.unpad(blocks);
        } finally {
            Arrays.fill(blocks, (byte) 0);
        }
    }

    /**
     * The last line against one key serving GCM and a raw block mode (see {@link AesModes}): the
     * calls refuse first, saying why, so reaching this is a bug.
     */
    private static void requireModes(Key key, AesAlgorithm aes) {
        if (key.modes().filter(modes -> modes.allows(aes.mode())).isEmpty()) {
            throw new IllegalStateException("key " + key.keyId() + " (AesModes " + key.aesModes() + ") cannot use " + aes.mode());
        }
    }

    @FunctionalInterface
    private interface InMemory {
        byte[] run(SoftwareKey key) throws HsmException;
    }

    @FunctionalInterface
    private interface InSession {
        byte[] run(HsmSession session, KeyHandle key) throws HsmException;
    }

    /** Runs an AES operation with the version's key where the key's protection level says: in memory, or in an HSM session. */
    private byte[] withAesKey(ClusterConnection connection, Key key, KeyVersion version, InMemory inMemory, InSession inSession)
            throws HsmException {
        if (key.protectionLevel() == ProtectionLevel.SOFTWARE) {
            return inMemory.run(softwareKey(connection, version));
        }
        LoadedKeys keys = loadedKeys(connection);
        return connection.execute(session -> inSession.run(session, sessionKey(keys, connection, session, version)));
    }

    byte[] random(ClusterConnection connection, int length) throws HsmException {
        return connection.execute(session -> session.generateRandom(length));
    }

    private static KeyHandle sessionKey(LoadedKeys keys, ClusterConnection connection, HsmSession session, KeyVersion version)
            throws HsmException {
        String label = connection.cluster().domainKeyLabel();
        return keys.sessionKey(session, version.keyVersionId(),
                () -> session.unwrapSessionKey(keys.domainKey(session, label), version.wrappedMaterial()));
    }

    private SoftwareKey softwareKey(ClusterConnection connection, KeyVersion version) throws HsmException {
        LoadedKeys keys = loadedKeys(connection);
        String label = connection.cluster().domainKeyLabel();
        return keys.softwareKey(version.keyVersionId(), () -> connection.execute(
                session -> session.unwrapIntoProcessMemory(keys.domainKey(session, label), version.wrappedMaterial())));
    }
}
