package io.strongroom.api;

/**
 * Checks an instance's delivered audit objects in {@code Bucket} against its signed digests;
 * {@code From} and {@code To} (ISO-8601 instants, optional) limit it to intervals starting in [From, To).
 */
public record VerifySecurityAuditRequest(String bucket, String from, String to) {
}
