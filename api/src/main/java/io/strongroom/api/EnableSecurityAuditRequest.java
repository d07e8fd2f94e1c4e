package io.strongroom.api;

/** Turns an instance's security audit on, delivering to {@code Bucket}, one of the configured audit buckets. */
public record EnableSecurityAuditRequest(String bucket) {
}
