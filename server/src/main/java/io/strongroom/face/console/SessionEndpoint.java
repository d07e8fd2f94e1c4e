package io.strongroom.face.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.api.ApiJson;
import io.strongroom.face.admin.AdminAuthenticator;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@code /console/api/session}: log on ({@code POST} the admin access key as JSON; answers the
 * CSRF token and sets the session cookie), the current session ({@code GET}; answers the CSRF
 * token again, for a reloaded page) and log off ({@code DELETE}, with the CSRF token).
 * The secret travels only in a request body, never in a URL.
 */
final class SessionEndpoint extends Handler.Abstract {
    static final String PATH = "/console/api/session";
    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoint.class);
    private static final int MAX_BODY_BYTES = 4096;

    private final AdminAuthenticator admin;
    private final ConsoleSessions sessions;

    SessionEndpoint(AdminAuthenticator admin, ConsoleSessions sessions) {
        this.admin = requireNonNull(admin, "admin");
        this.sessions = requireNonNull(sessions, "sessions");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("X-Request-Id", requestId);
        try {
            if (!PATH.equals(request.getHttpURI().getPath())) {
                throw new StrongroomException(ErrorCode.NOT_FOUND, "there is no console API at " + request.getHttpURI().getPath());
            }
            switch (request.getMethod()) {
                case "POST" -> logOn(request, response, callback);
                case "GET" -> ConsoleReplies.json(response, callback, 200, view(current(request)));
                case "DELETE" -> logOff(request, response, callback);
                default -> throw new StrongroomException(ErrorCode.METHOD_NOT_ALLOWED,
                        request.getMethod() + " is not allowed on " + PATH + "; use POST (log on), GET or DELETE (log off)");
            }
        } catch (StrongroomException e) {
            ConsoleReplies.error(response, callback, e, requestId);
        } catch (RuntimeException e) {
            LOG.error("console request {} {} failed", requestId, request.getMethod(), e);
            ConsoleReplies.error(response, callback, new StrongroomException(ErrorCode.INTERNAL_FAILURE,
                    "the server failed to handle the request; its log has request id " + requestId), requestId);
        }
        return true;
    }

    private void logOn(Request request, Response response, Callback callback) {
        // A JSON content type cannot be sent cross-site without a CORS pre-flight, which this server never grants.
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw new StrongroomException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "log on with Content-Type: application/json");
        }
        LogOn form = readLogOn(request);
        String principal;
        try {
            principal = admin.authenticate(form.getAccessKeyId(), form.getAccessKeySecret());
        } catch (StrongroomException e) {
            LOG.info("console log-on refused for access key id {}", form.getAccessKeyId());
            throw new StrongroomException(ErrorCode.UNAUTHORIZED,
                    "the AccessKeyId and AccessKeySecret were not accepted; 'strongroom admin credential' prints them");
        }
        sessions.close(SessionCookie.value(request));
        ConsoleSessions.Opened opened = sessions.open(principal);
        LOG.info("console log-on by {}", principal);
        Response.addCookie(response, SessionCookie.of(opened.id()));
        ConsoleReplies.json(response, callback, 200, view(opened.session()));
    }

    private ConsoleSession current(Request request) {
        return sessions.find(SessionCookie.value(request)).orElseThrow(() -> new StrongroomException(ErrorCode.UNAUTHORIZED,
                "no console session: log on with the admin access key"));
    }

    private void logOff(Request request, Response response, Callback callback) {
        ConsoleSession session = current(request);
        ConsoleAuthenticator.requireCsrfToken(session, request.getHeaders().get(ConsoleAuthenticator.CSRF_HEADER));
        sessions.close(SessionCookie.value(request));
        LOG.info("console log-off by {}", session.principal());
        Response.addCookie(response, SessionCookie.cleared());
        ConsoleReplies.json(response, callback, 204, null);
    }

    private ObjectNode view(ConsoleSession session) {
        ObjectNode body = ApiJson.mapper().createObjectNode();
        body.put("AccessKeyId", session.principal());
        body.put("CsrfToken", session.csrfToken());
        body.put("IdleTimeoutSeconds", sessions.idleTimeout().toSeconds());
        return body;
    }

    private static LogOn readLogOn(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new StrongroomException(ErrorCode.PAYLOAD_TOO_LARGE, "the log-on body is over " + MAX_BODY_BYTES + " bytes");
            }
            LogOn form = ApiJson.mapper().readValue(body, LogOn.class);
            if (form == null) {
                throw new IOException("null");
            }
            return form;
        } catch (IOException e) {
            throw new StrongroomException(ErrorCode.MALFORMED_JSON,
                    "log on with a JSON object {\"AccessKeyId\": ..., \"AccessKeySecret\": ...}");
        }
    }
}
