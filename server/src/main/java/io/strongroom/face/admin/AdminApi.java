package io.strongroom.face.admin;

import io.strongroom.api.ApiJson;
import io.strongroom.api.ErrorBody;
import io.strongroom.audit.AuditDraft;
import io.strongroom.audit.AuditTrail;
import io.strongroom.key.KeyVersionUse;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The management API's request pipeline: every request gets a request id, is authenticated
 * (unless its route is public), decoded, handed to one service call, and encoded; every
 * failure becomes an {@link ErrorBody} with the status of its {@link ErrorCode}. Handlers
 * never authenticate or map errors themselves. Every request, whatever its outcome, gets one
 * audit record, durable before the response goes out, naming the instance it belongs to
 * ({@link RecordOwners}) and the key version it used or made.
 */
public final class AdminApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final List<Route> routes;
    private final RequestAuthenticator authenticator;
    private final AuditTrail audit;
    private final RecordOwners owners;

    /** {@code audit} null records nothing: only for tests of the routes themselves. */
    AdminApi(List<Route> routes, RequestAuthenticator authenticator, AuditTrail audit, RecordOwners owners) {
        this.routes = List.copyOf(routes);
        this.authenticator = requireNonNull(authenticator, "authenticator");
        this.audit = audit == null ? (record, cryptographic) -> { } : audit;
        this.owners = requireNonNull(owners, "owners");
    }

    List<Route> routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("X-Request-Id", requestId);
        AuditDraft draft = new AuditDraft(requestId, "v1").clientIp(Request.getRemoteAddr(request))
                .userAgent(request.getHeaders().get(HttpHeader.USER_AGENT));
        KeyVersionUse keyVersion = new KeyVersionUse();
        ApiResponse answer;
        try {
            answer = keyVersion.observe(() -> dispatch(request, requestId, draft));
        } catch (StrongroomException e) {
            answer = error(e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getHttpURI().getPath(), e);
            answer = error(ErrorCode.INTERNAL_FAILURE, "the server failed to handle the request; its log has request id " + requestId, requestId);
        }
        write(response, callback, audited(answer, draft.keyVersionId(keyVersion.keyVersionId().orElse(null)), requestId));
        return true;
    }

    private ApiResponse audited(ApiResponse answer, AuditDraft draft, String requestId) {
        String errorCode = answer.json() instanceof ErrorBody body ? body.code() : null;
        try {
            audit.record(draft.finish(answer.status(), errorCode), false);
            return answer;
        } catch (StrongroomException e) {
            return error(e.code(), e.getMessage(), requestId);
        }
    }

    private ApiResponse dispatch(Request request, String requestId, AuditDraft draft) {
        String path = request.getHttpURI().getPath();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(request.getMethod())) {
                continue;
            }
            draft.apiName(route.name()).instance(owners.named(parameters.get()).orElse(null), null)
                    .resource(resource(parameters.get()));
            if (route.authenticated()) {
                String principal = authenticator.authenticate(request);
                boolean accessKey = request.getHeaders().get(HttpHeader.AUTHORIZATION) != null;
                draft.accessKeyId(principal).caller(principal, accessKey ? "AdminAccessKey" : "ConsoleSession");
            }
            ApiResponse answer = route.handler().handle(new ApiRequest(requestId, parameters.get(), query(request), body(request)));
            if (draft.instanceId().isEmpty()) {
                RecordOwners.answered(answer.json()).ifPresent(instanceId -> draft.instance(instanceId, null));
            }
            return answer;
        }
        if (pathKnown) {
            throw new StrongroomException(ErrorCode.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on " + path);
        }
        throw new StrongroomException(ErrorCode.NOT_FOUND, "there is no API at " + path + "; the OpenAPI document is at /api/v1/openapi.yaml");
    }

    /** The path parameters other than the instance, e.g. {@code KeyId=key-...}, as the record's resource. */
    private static String resource(Map<String, String> parameters) {
        return parameters.entrySet().stream().filter(entry -> !entry.getKey().equals("InstanceId")).sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).reduce((a, b) -> a + "," + b).orElse(null);
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(field -> query.put(field.getName(), field.getValue()));
        return query;
    }

    private static byte[] body(Request request) {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw new StrongroomException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is over " + MAX_BODY_BYTES + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new StrongroomException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is over " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (java.io.IOException e) {
            throw new StrongroomException(ErrorCode.MALFORMED_JSON, "the request body could not be read");
        }
    }

    private static ApiResponse error(ErrorCode code, String message, String requestId) {
        return ApiResponse.status(code.httpStatus(), new ErrorBody(code.code(), message, requestId));
    }

    private static void write(Response response, Callback callback, ApiResponse answer) {
        try {
            byte[] bytes;
            if (answer.status() == 204) {
                bytes = new byte[0];
            } else if (answer.raw() != null) {
                bytes = answer.raw();
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            } else {
                bytes = ApiJson.mapper().writeValueAsBytes(answer.json());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            }
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.setStatus(answer.status());
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (Exception e) {
            callback.failed(e);
        }
    }
}
