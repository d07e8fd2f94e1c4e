package io.strongroom.audit;

/**
 * Where the request pipelines put each request's record. {@link #record} returns once the
 * record is durable; it throws a {@code StrongroomException} with {@code AUDIT_UNAVAILABLE} when
 * the record could not be written and the request must be refused (fail closed).
 */
@FunctionalInterface
public interface AuditTrail {
    void record(AuditRecord record, boolean cryptographic);
}
