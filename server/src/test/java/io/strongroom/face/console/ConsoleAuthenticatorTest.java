package io.strongroom.face.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;
import io.strongroom.access.AdminAuthenticator;
import io.strongroom.access.AdminCredential;
import io.strongroom.platform.Config;
import io.strongroom.platform.DataDirectory;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import io.strongroom.access.AdminKeyRepository;
import io.strongroom.store.Store;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session and CSRF checks of every management API request, against a real admin key in a real SQLite store. */
class ConsoleAuthenticatorTest {
    private static final Duration IDLE = Duration.ofMinutes(30);

    @TempDir
    static Path home;
    static Store store;
    static AdminAuthenticator admin;
    static String accessKeyId;
    static String accessKeySecret;

    ManualClock clock;
    ConsoleSessions sessions;
    ConsoleAuthenticator authenticator;

    @BeforeAll
    static void openStore() throws IOException {
        DataDirectory directory = new DataDirectory(home);
        store = Store.open(Config.defaults().store(), directory);
        AdminKeyRepository keys = new AdminKeyRepository(store);
        AdminCredential.ensure(keys, directory);
        JsonNode credential = ApiJson.mapper().readTree(directory.adminCredentialFile().toFile());
        accessKeyId = credential.get("AccessKeyId").asText();
        accessKeySecret = credential.get("AccessKeySecret").asText();
        admin = new AdminAuthenticator(keys);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @BeforeEach
    void newSessions() {
        clock = new ManualClock();
        sessions = new ConsoleSessions(IDLE, clock);
        authenticator = new ConsoleAuthenticator(admin, sessions);
    }

    @Test
    void authenticate_basicWithAdminKey_returnsPrincipal() {
        assertThat(authenticator.authenticate("POST", basic(accessKeyId, accessKeySecret), null, null)).isEqualTo(accessKeyId);
    }

    @Test
    void authenticate_basicWithWrongSecret_isUnauthorized() {
        assertFails(() -> authenticator.authenticate("GET", basic(accessKeyId, "wrong"), null, null), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void authenticate_basicWrongEvenWithLiveSession_isUnauthorized() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        assertFails(() -> authenticator.authenticate("GET", basic(accessKeyId, "wrong"), opened.id(), null), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void authenticate_neitherAuthorizationNorCookie_isUnauthorized() {
        assertFails(() -> authenticator.authenticate("GET", null, null, null), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void authenticate_unknownSessionCookie_isUnauthorized() {
        sessions.open(accessKeyId);
        assertFails(() -> authenticator.authenticate("GET", null, "made-up-session-id", null), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void authenticate_getWithLiveSession_needsNoCsrfToken() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        assertThat(authenticator.authenticate("GET", null, opened.id(), null)).isEqualTo(accessKeyId);
        assertThat(authenticator.authenticate("HEAD", null, opened.id(), null)).isEqualTo(accessKeyId);
    }

    @Test
    void authenticate_changeWithRightCsrfToken_returnsPrincipal() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        String token = opened.session().csrfToken();
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertThat(authenticator.authenticate(method, null, opened.id(), token)).isEqualTo(accessKeyId);
        }
    }

    @Test
    void authenticate_changeWithoutCsrfToken_isForbidden() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        assertFails(() -> authenticator.authenticate("POST", null, opened.id(), null), ErrorCode.FORBIDDEN);
        assertFails(() -> authenticator.authenticate("DELETE", null, opened.id(), ""), ErrorCode.FORBIDDEN);
    }

    @Test
    void authenticate_changeWithWrongCsrfToken_isForbidden() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        String token = opened.session().csrfToken();
        assertFails(() -> authenticator.authenticate("POST", null, opened.id(), token + "x"), ErrorCode.FORBIDDEN);
        assertFails(() -> authenticator.authenticate("POST", null, opened.id(), token.substring(1)), ErrorCode.FORBIDDEN);
    }

    @Test
    void authenticate_changeWithAnotherSessionsCsrfToken_isForbidden() {
        ConsoleSessions.Opened mine = sessions.open(accessKeyId);
        ConsoleSessions.Opened other = sessions.open(accessKeyId);
        assertFails(() -> authenticator.authenticate("POST", null, mine.id(), other.session().csrfToken()), ErrorCode.FORBIDDEN);
    }

    @Test
    void authenticate_sessionIdleForTheTimeout_isUnauthorized() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        clock.advance(IDLE.minusSeconds(1));
        assertThat(authenticator.authenticate("GET", null, opened.id(), null)).isEqualTo(accessKeyId);
        clock.advance(IDLE);
        assertFails(() -> authenticator.authenticate("GET", null, opened.id(), null), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void authenticate_sessionInUse_outlivesTheIdleTimeout() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(authenticator.authenticate("GET", null, opened.id(), null)).isEqualTo(accessKeyId);
        }
    }

    @Test
    void authenticate_sessionPastItsMaximumLifetime_isUnauthorizedThoughInUse() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        Duration step = Duration.ofMinutes(20);
        for (Duration age = step; age.compareTo(ConsoleSessions.MAXIMUM_LIFETIME) < 0; age = age.plus(step)) {
            clock.advance(step);
            authenticator.authenticate("GET", null, opened.id(), null);
        }
        clock.advance(step);
        assertFails(() -> authenticator.authenticate("GET", null, opened.id(), null), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void authenticate_afterLogOff_isUnauthorized() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        sessions.close(opened.id());
        assertFails(() -> authenticator.authenticate("GET", null, opened.id(), null), ErrorCode.UNAUTHORIZED);
        assertFails(() -> authenticator.authenticate("POST", null, opened.id(), opened.session().csrfToken()), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void open_pastTheSessionLimit_endsTheLeastRecentlyUsed() {
        ConsoleSessions.Opened first = sessions.open(accessKeyId);
        ConsoleSessions.Opened second = sessions.open(accessKeyId);
        clock.advance(Duration.ofSeconds(1));
        sessions.find(first.id());
        for (int i = 2; i < ConsoleSessions.MAXIMUM_SESSIONS; i++) {
            sessions.open(accessKeyId);
        }
        clock.advance(Duration.ofSeconds(1));
        ConsoleSessions.Opened newest = sessions.open(accessKeyId);
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(first.id())).isPresent();
        assertThat(sessions.find(newest.id())).isPresent();
    }

    @Test
    void open_givesFreshUnguessableIdsAndTokens() {
        ConsoleSessions.Opened a = sessions.open(accessKeyId);
        ConsoleSessions.Opened b = sessions.open(accessKeyId);
        assertThat(a.id()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.id()).isNotEqualTo(a.session().csrfToken());
        assertThat(a.session().csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.session().csrfToken());
    }

    @Test
    void toString_neverShowsTheIdOrToken() {
        ConsoleSessions.Opened opened = sessions.open(accessKeyId);
        assertThat(opened.toString()).doesNotContain(opened.id()).doesNotContain(opened.session().csrfToken()).contains("<redacted>");
        assertThat(new LogOn().toString()).contains("<redacted>");
    }

    private static void assertFails(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StrongroomException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
