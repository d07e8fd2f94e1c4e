package io.strongroom.face.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One logged-on console user: the admin access key id it logged on with and its CSRF token.
 * Not a record: the CSRF token is a secret of the session and never shows in a {@code toString}.
 */
final class ConsoleSession {
    private final String principal;
    private final String csrfToken;
    private final Instant created;
    private volatile Instant lastUsed;

    ConsoleSession(String principal, String csrfToken, Instant created) {
        this.principal = requireNonNull(principal, "principal");
        this.csrfToken = requireNonNull(csrfToken, "csrfToken");
        this.created = requireNonNull(created, "created");
        this.lastUsed = created;
    }

    /** The admin access key id this session acts as. */
    String principal() {
        return principal;
    }

    /** The token the page must echo in {@code X-CSRF-Token}; handed only to the session's own page. */
    String csrfToken() {
        return csrfToken;
    }

    Instant created() {
        return created;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
    boolean acceptsCsrfToken(String presented) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConsoleSession[principal=" + principal + ", csrfToken=<redacted>, created=" + created + "]";
    }
}
