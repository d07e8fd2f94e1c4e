package io.strongroom.face.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The console's server-side sessions, in memory (a restart logs everyone out). A session id
 * is 256 random bits that only the browser holds (as an HttpOnly cookie); the map is keyed by
 * its SHA-256, so a lookup's timing says nothing about stored ids. A session ends on log-out,
 * after {@code idleTimeout} without a request, or {@link #MAXIMUM_LIFETIME} after log-on.
 */
public final class ConsoleSessions {
    /** However active, a session ends this long after its log-on. */
    static final Duration MAXIMUM_LIFETIME = Duration.ofHours(12);
    /** Past this many live sessions, a log-on ends the least recently used one. */
    static final int MAXIMUM_SESSIONS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration idleTimeout;
    private final InstantSource clock;
    private final Map<String, ConsoleSession> byIdHash = new ConcurrentHashMap<>();

    public ConsoleSessions(Duration idleTimeout, InstantSource clock) {
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
        this.clock = requireNonNull(clock, "clock");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** Starts a session for {@code principal}, who has just proved the admin credential. */
    Opened open(String principal) {
        Instant now = clock.instant();
        byIdHash.entrySet().removeIf(entry -> expired(entry.getValue(), now));
        while (byIdHash.size() >= MAXIMUM_SESSIONS) {
            byIdHash.entrySet().stream().min(Comparator.comparing(entry -> entry.getValue().lastUsed()))
                    .ifPresent(oldest -> byIdHash.remove(oldest.getKey()));
        }
        String id = randomToken();
        ConsoleSession session = new ConsoleSession(principal, randomToken(), now);
        byIdHash.put(hash(id), session);
        return new Opened(id, session);
    }

    /** The live session with this id, its idle clock restarted; empty when unknown, logged out or expired. */
    Optional<ConsoleSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String key = hash(id);
        ConsoleSession session = byIdHash.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            byIdHash.remove(key, session);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** Ends the session with this id (log-out); nothing happens when there is none. */
    void close(String id) {
        if (id != null && !id.isEmpty()) {
            byIdHash.remove(hash(id));
        }
    }

    private boolean expired(ConsoleSession session, Instant now) {
        return !now.isBefore(session.lastUsed().plus(idleTimeout)) || !now.isBefore(session.created().plus(MAXIMUM_LIFETIME));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new session and its id: the id goes to the browser once, in the cookie, and is not kept here. */
    static final class Opened {
        private final String id;
        private final ConsoleSession session;

        private Opened(String id, ConsoleSession session) {
            this.id = id;
            this.session = session;
        }

        String id() {
            return id;
        }

        ConsoleSession session() {
            return session;
        }

        @Override
        public String toString() {
            return "Opened[id=<redacted>, session=" + session + "]";
        }
    }
}
