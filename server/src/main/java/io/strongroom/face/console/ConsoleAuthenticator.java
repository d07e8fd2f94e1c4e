package io.strongroom.face.console;

import io.strongroom.access.AdminAuthenticator;
import io.strongroom.face.admin.RequestAuthenticator;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates a management API request by the admin access key or by a console session.
 *
 * <p>{@code Authorization: Basic} goes to {@link AdminAuthenticator} unchanged (the CLI and
 * scripts): a browser never attaches it on its own, since the API never asks for it with a
 * {@code WWW-Authenticate} challenge. Without it, the request must carry a live session's
 * cookie, and any request that may change something (every method but GET and HEAD) must also
 * carry that session's token in {@value #CSRF_HEADER}: a page of another site can make the
 * browser send the cookie (were SameSite ever not honoured) but can neither read the token
 * nor set a custom header without a CORS pre-flight, which this server never grants.
 * Fails with {@code Unauthorized} (no credential, or a session unknown, logged out or expired)
 * or {@code Forbidden} (a missing or wrong CSRF token).
 */
public final class ConsoleAuthenticator implements RequestAuthenticator {
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final AdminAuthenticator admin;
    private final ConsoleSessions sessions;

    public ConsoleAuthenticator(AdminAuthenticator admin, ConsoleSessions sessions) {
        this.admin = requireNonNull(admin, "admin");
        this.sessions = requireNonNull(sessions, "sessions");
    }

    @Override
    public String authenticate(Request request) {
        return authenticate(request.getMethod(), request.getHeaders().get(HttpHeader.AUTHORIZATION),
                SessionCookie.value(request), request.getHeaders().get(CSRF_HEADER));
    }

    /** The same check on the request's parts: its method, Authorization header, session cookie and CSRF header (each may be null). */
    String authenticate(String method, String authorization, String sessionId, String csrfToken) {
        if (authorization != null || sessionId == null) {
            return admin.authenticate(authorization);
        }
        ConsoleSession session = sessions.find(sessionId).orElseThrow(() -> new StrongroomException(ErrorCode.UNAUTHORIZED,
                "the console session has ended (logged out, or idle too long): log on again"));
        if (!isSafe(method)) {
            requireCsrfToken(session, csrfToken);
        }
        return session.principal();
    }

    static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    static void requireCsrfToken(ConsoleSession session, String presented) {
        if (presented == null || presented.isEmpty()) {
            throw new StrongroomException(ErrorCode.FORBIDDEN,
                    "a console request that changes something must carry the session's " + CSRF_HEADER + " header");
        }
        if (!session.acceptsCsrfToken(presented)) {
            throw new StrongroomException(ErrorCode.FORBIDDEN, "the " + CSRF_HEADER + " header does not match this console session");
        }
    }
}
