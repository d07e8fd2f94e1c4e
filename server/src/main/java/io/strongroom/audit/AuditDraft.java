package io.strongroom.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * The record of one request while the pipeline learns its parts (the API name once decoded,
 * the caller once authenticated, the instance once resolved). One per request, confined to the
 * request's thread; {@link #finish} makes the immutable {@link AuditRecord}.
 */
public final class AuditDraft {
    private final Instant start;
    private final long startNanos;
    private final String requestId;
    private final String apiVersion;
    private String apiName = "-";
    private String accessKeyId;
    private String principal;
    private String identityType;
    private String instanceId;
    private String region;
    private String clientIp;
    private String resource;
    private String keyVersionId;
    private String userAgent;

    public AuditDraft(String requestId, String apiVersion) {
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
        this.requestId = requestId;
        this.apiVersion = apiVersion;
    }

    public AuditDraft apiName(String value) {
        apiName = value == null || value.isBlank() ? "-" : value;
        return this;
    }

    public AuditDraft accessKeyId(String value) {
        accessKeyId = value;
        return this;
    }

    public AuditDraft caller(String principalValue, String identityTypeValue) {
        principal = principalValue;
        identityType = identityTypeValue;
        return this;
    }

    public AuditDraft instance(String instanceIdValue, String regionValue) {
        instanceId = instanceIdValue;
        region = regionValue;
        return this;
    }

    public AuditDraft region(String value) {
        region = value;
        return this;
    }

    public AuditDraft clientIp(String value) {
        clientIp = value;
        return this;
    }

    public AuditDraft resource(String value) {
        resource = value;
        return this;
    }

    public AuditDraft keyVersionId(String value) {
        keyVersionId = value;
        return this;
    }

    public AuditDraft userAgent(String value) {
        userAgent = value;
        return this;
    }

    public Optional<String> instanceId() {
        return present(instanceId);
    }

    public AuditRecord finish(int statusCode, String errorCode) {
        long durationMs = Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
        return new AuditRecord(start, AuditRecord.Level.of(statusCode), requestId, apiName, apiVersion, present(accessKeyId),
                present(principal), present(identityType), present(instanceId), present(region), present(clientIp),
                present(resource), present(keyVersionId), statusCode, present(errorCode), durationMs, present(userAgent));
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
