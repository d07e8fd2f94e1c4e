package io.strongroom.face.dkms;

import io.strongroom.access.AccessSnapshots;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.strongroom.access.ClientKey;
import io.strongroom.audit.AuditDraft;
import io.strongroom.audit.AuditTrail;
import io.strongroom.face.dkms.wire.Error;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceEndpoints;
import io.strongroom.instance.InstanceService;
import io.strongroom.instance.InstanceStatus;
import io.strongroom.key.KeyVersionUse;
import io.strongroom.platform.StrongroomException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The instance endpoint: every dkms-gcs-0.2 call runs through one pipeline here. Decode and
 * check the request (version, name, hash, date), authenticate the client key, resolve the
 * instance (by host name, else by the key), authorize (policies, network rules, VPC ranges),
 * admit (instance Enabled, QPS spec), execute, audit (with the key version the call used, as the
 * key package notes it: {@link KeyVersionUse}), encode. Failures become the protocol's
 * {@code Error} message with the protocol's status and code. Every request, whatever its outcome,
 * gets one audit record, durable before the response goes out; when it cannot be written the
 * answer is {@code ServiceUnavailable.AuditLog} (with {@code audit.failClosed}, the default).
 */
public final class DkmsEndpoint extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(DkmsEndpoint.class);
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
    private static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;
    /** How long another node's change to access objects may take to reach this node's requests. */
    private static final java.time.Duration ACCESS_MAX_AGE = java.time.Duration.ofSeconds(1);

    private final InstanceService instances;
    private final InstanceEndpoints endpoints;
    private final Callers callers;
    private final DkmsActions actions;
    private final QpsLimiter limiter = new QpsLimiter();
    private final AuditTrail audit;

    public DkmsEndpoint(InstanceService instances, InstanceEndpoints endpoints, io.strongroom.access.AccessRepository access,
                        io.strongroom.key.Encryption encryption, AuditTrail audit) {
        this.audit = requireNonNull(audit, "audit");
        this.instances = requireNonNull(instances, "instances");
        this.endpoints = requireNonNull(endpoints, "endpoints");
        this.callers = new Callers(new AccessSnapshots(access, ACCESS_MAX_AGE));
        this.actions = new DkmsActions(instances, encryption);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        AuditDraft draft = new AuditDraft(requestId, "dkms-gcs-0.2").clientIp(Request.getRemoteAddr(request))
                .userAgent(request.getHeaders().get(HttpHeader.USER_AGENT));
        KeyVersionUse keyVersion = new KeyVersionUse();
        byte[] answer;
        int status = 200;
        String errorCode = null;
        try {
            answer = keyVersion.observe(() -> process(request, requestId, draft)).toByteArray();
        } catch (DkmsException e) {
            status = e.status();
            errorCode = e.code();
            answer = error(e.status(), e.code(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.error("dkms request {} failed", requestId, e);
            status = 500;
            errorCode = "InternalFailure";
            answer = error(500, "InternalFailure", "The request processing has failed due to some unknown error.", requestId);
        }
        try {
            audit.record(draft.keyVersionId(keyVersion.keyVersionId().orElse(null)).finish(status, errorCode), true);
        } catch (StrongroomException e) {
            status = e.code().httpStatus();
            answer = error(status, e.code().code(), e.getMessage(), requestId);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-protobuf");
        response.getHeaders().put("x-kms-requestid", requestId);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    private Message process(Request request, String requestId, AuditDraft draft) {
        if (!"POST".equals(request.getMethod())) {
            throw new DkmsException(405, "InvalidParameter", "Only POST / is served here.");
        }
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
        }
        byte[] body = body(request);
        SignedRequest signed = SignedRequest.check(headers, body, Instant.now());
        draft.apiName(signed.apiName()).accessKeyId(signed.accessKeyId()).instance(hostInstance(request).orElse(null), null);
        ClientKey key = callers.authenticate(signed, hostInstance(request), Instant.now());
        draft.caller(key.aapName(), "ClientKey").instance(key.instanceId(), null);
        Instance instance = instances.describe(key.instanceId());
        draft.region(instance.regionId());
        InetAddress source = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
        Optional<String> resource = actions.resource(signed);
        draft.resource(resource.orElse(null));
        callers.authorize(key, instance, resource, source);
        if (instance.status() != InstanceStatus.Enabled) {
            throw new DkmsException(409, "Rejected.InstanceDisabled", "The instance " + instance.instanceId() + " is "
                    + instance.status() + ": it is not connected to its HSM cluster. An operator must connect it "
                    + "(strongroom instance connect) before keys can be used.");
        }
        if (!limiter.admit(instance.instanceId(), instance.spec())) {
            throw new DkmsException(429, "Rejected.Throttling", "QPS Limit Exceeded");
        }
        try {
            return actions.execute(signed, instance, requestId);
        } catch (InvalidProtocolBufferException e) {
            throw new DkmsException(400, "InvalidParameter", "The request body is not a valid " + signed.apiName() + " request.");
        } catch (StrongroomException e) {
            throw new DkmsException(e.code().httpStatus(), e.code().code(), e.getMessage());
        }
    }

    private Optional<String> hostInstance(Request request) {
        String host = Request.getServerName(request);
        String suffix = ".cryptoservice.kms." + endpoints.domain();
        if (host != null && host.toLowerCase(Locale.ROOT).endsWith(suffix)) {
            return Optional.of(host.substring(0, host.length() - suffix.length()));
        }
        return Optional.empty();
    }

    private static byte[] body(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // Read (and drop) a bounded amount of the rest, so a client still uploading sees the 413 instead of a
                // reset connection; anything larger than that is cut off by closing the connection.
                discard(in, MAX_DISCARDED_BYTES);
                throw new DkmsException(413, "InvalidParameter", "The request body is over 3 MB.");
            }
            return body;
        } catch (java.io.IOException e) {
            throw new DkmsException(400, "InvalidParameter", "The request body could not be read.");
        }
    }

    private static void discard(InputStream in, long limit) throws java.io.IOException {
        byte[] sink = new byte[64 * 1024];
        for (long left = limit; left > 0; ) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    private static byte[] error(int status, String code, String message, String requestId) {
        return Error.newBuilder().setStatusCode(status).setErrorCode(code).setErrorMessage(message).setRequestId(requestId)
                .build().toByteArray();
    }
}
