package io.strongroom.audit;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one request through any face did: who asked, for what, on which instance, and how it
 * ended. Deliberately holds identifiers and outcomes only: never plaintext, ciphertext, key
 * material, passwords or signatures (there is no field that could carry them). Absent values
 * are empty; both formats ({@link AuditFormat}) show them as {@code -} (line) or omit them (JSON).
 * {@code keyVersionId} is the key version the request used or made (JSON only: the line has no place for it).
 */
public record AuditRecord(
        Instant time,
        Level level,
        String requestId,
        String apiName,
        String apiVersion,
        Optional<String> accessKeyId,
        Optional<String> principal,
        Optional<String> identityType,
        Optional<String> instanceId,
        Optional<String> region,
        Optional<String> clientIp,
        Optional<String> resource,
        Optional<String> keyVersionId,
        int statusCode,
        Optional<String> errorCode,
        long durationMs,
        Optional<String> userAgent) {

    /** {@code INFO} for a success, {@code WARN} for a refusal (4xx), {@code ERROR} for a failure (5xx). */
    public enum Level {
        INFO, WARN, ERROR;

        public static Level of(int statusCode) {
            return statusCode >= 500 ? ERROR : statusCode >= 400 ? WARN : INFO;
        }
    }

    public AuditRecord {
        requireNonNull(time, "time");
        requireNonNull(level, "level");
        requireNonNull(requestId, "requestId");
        requireNonNull(apiName, "apiName");
        requireNonNull(apiVersion, "apiVersion");
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(principal, "principal");
        requireNonNull(identityType, "identityType");
        requireNonNull(instanceId, "instanceId");
        requireNonNull(region, "region");
        requireNonNull(clientIp, "clientIp");
        requireNonNull(resource, "resource");
        requireNonNull(keyVersionId, "keyVersionId");
        requireNonNull(errorCode, "errorCode");
        requireNonNull(userAgent, "userAgent");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }
}
