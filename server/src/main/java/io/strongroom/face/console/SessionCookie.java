package io.strongroom.face.console;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

import java.time.Duration;

/**
 * The console's session cookie. The {@code __Host-} prefix makes browsers insist on Secure,
 * Path=/ and no Domain, so no other host or plain-HTTP page can set or overwrite it; HttpOnly
 * keeps it from scripts; SameSite=Strict keeps other sites' pages from sending it.
 */
final class SessionCookie {
    static final String NAME = "__Host-strongroom-console";

    private SessionCookie() {
    }

    /** The session id the request carries, or null. */
    static String value(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (NAME.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** A browser-session cookie (no Max-Age): the server decides when the session ends. */
    static HttpCookie of(String sessionId) {
        return base(sessionId).build();
    }

    /** Tells the browser to forget the cookie. */
    static HttpCookie cleared() {
        return base("").maxAge(Duration.ZERO.toSeconds()).build();
    }

    private static HttpCookie.Builder base(String value) {
        return HttpCookie.build(NAME, value).path("/").secure(true).httpOnly(true).sameSite(HttpCookie.SameSite.STRICT);
    }
}
