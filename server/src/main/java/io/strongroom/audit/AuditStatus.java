package io.strongroom.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * An instance's security audit as operators see it: whether it is on, where it goes, and what
 * waits in the spool ({@code backlogSegments} intervals holding {@code backlogRecords} records).
 */
public record AuditStatus(String instanceId, boolean enabled, Optional<String> bucket, AuditDelivery.Backlog backlog,
                          Optional<Instant> lastDelivered, Optional<String> lastError) {
}
