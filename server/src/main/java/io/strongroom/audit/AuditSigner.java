package io.strongroom.audit;

import java.util.Optional;

/** Signs digest objects with an instance's audit signing key, which is held in its HSM cluster. */
public interface AuditSigner {
    /**
     * The instance's public audit key (X.509 SubjectPublicKeyInfo, DER), generated in its HSM cluster when
     * it has none yet; empty while the instance cannot use its HSM cluster.
     */
    Optional<byte[]> signingKey(String instanceId);

    /** The ECDSA P-256 signature (DER) over SHA-256 of {@code payload}, or empty while the instance cannot use its HSM cluster. */
    Optional<byte[]> sign(String instanceId, byte[] payload);

    /** The instance's public audit key (X.509 SubjectPublicKeyInfo, DER), once it has one. */
    Optional<byte[]> publicKey(String instanceId);
}
