package io.strongroom.api;

/** An instance's public audit key (PEM, X.509 SubjectPublicKeyInfo, EC P-256), which checks its digests' signatures. */
public record AuditPublicKeyView(String instanceId, String publicKey) {
}
