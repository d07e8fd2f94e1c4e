package io.strongroom.key;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.ProcessMemoryKey;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The unwrapped keys of one instance connection. HSM keys are session objects, so they are
 * remembered per session (a handle means nothing on another node's session, and dies with its
 * session); SOFTWARE keys are held in memory. {@link #destroy} (run when the connection closes)
 * zeroes every software key and forgets every handle, so a disconnect makes every key unusable
 * at once; a reconnect starts from an empty cache.
 */
final class LoadedKeys {
    /** Keyed by session identity; a session that is gone is forgotten with its objects. */
    private final Map<HsmSession, Map<String, KeyHandle>> sessionKeys = new WeakHashMap<>();
    private final Map<HsmSession, KeyHandle> domainKeys = new WeakHashMap<>();
    private final ConcurrentMap<String, ProcessMemoryKey> softwareKeys = new ConcurrentHashMap<>();
    private volatile boolean destroyed;

    @FunctionalInterface
    interface Unwrap<T> {
        T apply() throws HsmException;
    }

    /** The domain key's handle on {@code session}. Called inside that session's call, so one caller at a time per session. */
    KeyHandle domainKey(HsmSession session, String label) throws HsmException {
        KeyHandle known;
        synchronized (this) {
            requireLive();
            known = domainKeys.get(session);
        }
        if (known != null) {
            return known;
        }
        KeyHandle found = session.findSecretKey(label).orElseThrow(() -> new HsmException(HsmFailure.UNREACHABLE,
                "the domain key is no longer on the token"));
        synchronized (this) {
            domainKeys.put(session, found);
        }
        return found;
    }

    /** The session key for {@code keyVersionId} on {@code session}, unwrapping it on first use. */
    KeyHandle sessionKey(HsmSession session, String keyVersionId, Unwrap<KeyHandle> unwrap) throws HsmException {
        synchronized (this) {
            requireLive();
            KeyHandle known = sessionKeys.getOrDefault(session, Map.of()).get(keyVersionId);
            if (known != null) {
                return known;
            }
        }
        KeyHandle handle = unwrap.apply();
        synchronized (this) {
            sessionKeys.computeIfAbsent(session, s -> new HashMap<>()).put(keyVersionId, handle);
        }
        return handle;
    }

    /**
     * The in-memory key for {@code keyVersionId}, unwrapping it on first use. A version is one kind
     * of key (AES, private key or HMAC), so its id always names the same type.
     */
    @SuppressWarnings("unchecked")
    <T extends ProcessMemoryKey> T softwareKey(String keyVersionId, Unwrap<T> unwrap) throws HsmException {
        requireLive();
        ProcessMemoryKey known = softwareKeys.get(keyVersionId);
        if (known != null) {
            return (T) known;
        }
        T loaded = unwrap.apply();
        ProcessMemoryKey raced = softwareKeys.putIfAbsent(keyVersionId, loaded);
        if (raced != null) {
            loaded.destroy();
            return (T) raced;
        }
        if (destroyed) {
            loaded.destroy();
            requireLive();
        }
        return loaded;
    }

    private void requireLive() throws HsmException {
        if (destroyed) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the instance is disconnected from its HSM cluster");
        }
    }

    /** Zeroes every software key and forgets every handle. Idempotent. */
    void destroy() {
        destroyed = true;
        softwareKeys.values().forEach(ProcessMemoryKey::destroy);
        softwareKeys.clear();
        synchronized (this) {
            sessionKeys.clear();
            domainKeys.clear();
        }
    }
}
