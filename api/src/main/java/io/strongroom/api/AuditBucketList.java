package io.strongroom.api;

import java.util.List;

/** The audit buckets an instance's security audit may deliver to (the server's {@code audit.buckets}). */
public record AuditBucketList(List<String> buckets) {
}
