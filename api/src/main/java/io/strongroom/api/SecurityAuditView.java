package io.strongroom.api;

/**
 * An instance's security audit: {@code SecurityAudit} Enabled or Disabled, the bucket while
 * Enabled, and the backlog on this node: {@code BacklogSegments} spool intervals (the current one
 * included) holding {@code BacklogRecords} records not delivered yet. {@code LastDeliveryError}
 * is present while the bucket fails.
 */
public record SecurityAuditView(String instanceId, String securityAudit, String auditBucket, int backlogSegments,
                                long backlogRecords, String lastDeliveryTime, String lastDeliveryError, String node) {
}
