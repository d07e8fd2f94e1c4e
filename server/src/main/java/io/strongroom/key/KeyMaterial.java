package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.SoftwareKey;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Key material through an instance's cluster connection: generation in the HSM, and AES-GCM with
 * a key version at its protection level. Unwrapped keys are cached per connection and destroyed
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

    /** A new AES key generated in the HSM; returns it wrapped by the domain key. */
    byte[] generate(ClusterConnection connection, int bits) throws HsmException {
        LoadedKeys keys = loadedKeys(connection);
        String label = connection.cluster().domainKeyLabel();
        return connection.execute(session -> session.generateWrappedKey(keys.domainKey(session, label), bits));
    }

    byte[] encrypt(ClusterConnection connection, Key key, KeyVersion version, byte[] iv, byte[] aad, byte[] plaintext) throws HsmException {
        if (key.protectionLevel() == ProtectionLevel.SOFTWARE) {
            return softwareKey(connection, version).encryptGcm(iv, aad, plaintext);
        }
        LoadedKeys keys = loadedKeys(connection);
        return connection.execute(session -> session.encryptGcm(sessionKey(keys, connection, session, version), iv, aad, plaintext));
    }

    byte[] decrypt(ClusterConnection connection, Key key, KeyVersion version, byte[] iv, byte[] aad, byte[] sealed) throws HsmException {
        if (key.protectionLevel() == ProtectionLevel.SOFTWARE) {
            return softwareKey(connection, version).decryptGcm(iv, aad, sealed);
        }
        LoadedKeys keys = loadedKeys(connection);
        return connection.execute(session -> session.decryptGcm(sessionKey(keys, connection, session, version), iv, aad, sealed));
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
