package io.strongroom.face.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.api.ApiJson;
import io.strongroom.api.ErrorBody;
import io.strongroom.audit.AuditDraft;
import io.strongroom.audit.AuditTrail;
import io.strongroom.access.AdminAuthenticator;
import io.strongroom.access.AdminCredential;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.eclipse.jetty.http.HttpCookie;
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
 *
 * <p>Each request gets one audit record ({@code ConsoleLogOn}, {@code DescribeConsoleSession},
 * {@code ConsoleLogOff}; identity type {@code ConsoleSession}), durable before the answer goes
 * out, like a management API call's. It names the admin access key id, never the secret, the
 * session cookie or the CSRF token.
 */
final class SessionEndpoint extends Handler.Abstract {
    static final String PATH = "/console/api/session";
    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoint.class);
    private static final int MAX_BODY_BYTES = 4096;
    private static final String IDENTITY_TYPE = "ConsoleSession";

    private final AdminAuthenticator admin;
    private final ConsoleSessions sessions;
    private final AuditTrail audit;

    /** What a console request answers: a status, a JSON body (none for 204) and the cookie to set, if any. */
    private record Reply(int status, Object body, HttpCookie cookie) {
        static Reply error(StrongroomException failure, String requestId) {
            return new Reply(failure.code().httpStatus(), new ErrorBody(failure.code().code(), failure.getMessage(), requestId), null);
        }

        String errorCode() {
            return body instanceof ErrorBody error ? error.code() : null;
        }
    }

    SessionEndpoint(AdminAuthenticator admin, ConsoleSessions sessions, AuditTrail audit) {
        this.admin = requireNonNull(admin, "admin");
        this.sessions = requireNonNull(sessions, "sessions");
        this.audit = requireNonNull(audit, "audit");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("X-Request-Id", requestId);
        AuditDraft draft = new AuditDraft(requestId, "v1").clientIp(Request.getRemoteAddr(request))
                .userAgent(request.getHeaders().get(HttpHeader.USER_AGENT));
        Reply reply;
        try {
            reply = dispatch(request, draft);
        } catch (StrongroomException e) {
            reply = Reply.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.error("console request {} {} failed", requestId, request.getMethod(), e);
            reply = Reply.error(new StrongroomException(ErrorCode.INTERNAL_FAILURE,
                    "the server failed to handle the request; its log has request id " + requestId), requestId);
        }
        try {
            audit.record(draft.finish(reply.status(), reply.errorCode()), false);
        } catch (StrongroomException e) {
            reply = Reply.error(e, requestId);
        }
        if (reply.cookie() != null) {
            Response.addCookie(response, reply.cookie());
        }
        ConsoleReplies.json(response, callback, reply.status(), reply.body());
        return true;
    }

    private Reply dispatch(Request request, AuditDraft draft) {
        if (!PATH.equals(request.getHttpURI().getPath())) {
            throw new StrongroomException(ErrorCode.NOT_FOUND, "there is no console API at " + request.getHttpURI().getPath());
        }
        return switch (request.getMethod()) {
            case "POST" -> logOn(request, draft.apiName("ConsoleLogOn"));
            case "GET" -> new Reply(200, view(current(request, draft.apiName("DescribeConsoleSession"))), null);
            case "DELETE" -> logOff(request, draft.apiName("ConsoleLogOff"));
            default -> throw new StrongroomException(ErrorCode.METHOD_NOT_ALLOWED,
                    request.getMethod() + " is not allowed on " + PATH + "; use POST (log on), GET or DELETE (log off)");
        };
    }

    private Reply logOn(Request request, AuditDraft draft) {
        // A JSON content type cannot be sent cross-site without a CORS pre-flight, which this server never grants.
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw new StrongroomException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "log on with Content-Type: application/json");
        }
        LogOn form = readLogOn(request);
        // Only a value in the shape of an access key id is kept: a secret typed into the wrong field never reaches a log.
        String presented = AdminCredential.isAccessKeyIdShaped(form.getAccessKeyId()) ? form.getAccessKeyId() : null;
        draft.accessKeyId(presented).caller(null, IDENTITY_TYPE);
        String principal;
        try {
            principal = admin.authenticate(form.getAccessKeyId(), form.getAccessKeySecret());
        } catch (StrongroomException e) {
            LOG.info("console log-on refused for access key id {}", presented == null ? "(not an access key id)" : presented);
            throw new StrongroomException(ErrorCode.UNAUTHORIZED,
                    "the AccessKeyId and AccessKeySecret were not accepted; 'strongroom admin credential' prints them");
        }
        draft.caller(principal, IDENTITY_TYPE);
        sessions.close(SessionCookie.value(request));
        ConsoleSessions.Opened opened = sessions.open(principal);
        LOG.info("console log-on by {}", principal);
        return new Reply(200, view(opened.session()), SessionCookie.of(opened.id()));
    }

    /** The live session the request's cookie names; the record is its principal's. */
    private ConsoleSession current(Request request, AuditDraft draft) {
        ConsoleSession session = sessions.find(SessionCookie.value(request)).orElseThrow(() -> new StrongroomException(
                ErrorCode.UNAUTHORIZED, "no console session: log on with the admin access key"));
        draft.accessKeyId(session.principal()).caller(session.principal(), IDENTITY_TYPE);
        return session;
    }

    private Reply logOff(Request request, AuditDraft draft) {
        ConsoleSession session = current(request, draft);
        ConsoleAuthenticator.requireCsrfToken(session, request.getHeaders().get(ConsoleAuthenticator.CSRF_HEADER));
        sessions.close(SessionCookie.value(request));
        LOG.info("console log-off by {}", session.principal());
        return new Reply(204, null, SessionCookie.cleared());
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
