package io.strongroom.audit;

import io.strongroom.store.Store;

import io.strongroom.hsm.WrappedKeyPair;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Each instance's security audit setting: {@code security_audit} (Enabled/Disabled) and its destination bucket. */
public final class AuditRepository {
    private final Jdbi jdbi;

    public AuditRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    /** Returns false when there is no such instance. */
    public boolean enable(String instanceId, String bucket, String now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE instances SET security_audit = 'Enabled', audit_bucket = :bucket, audit_disabled_at = NULL,
                        update_time = :now
                        WHERE instance_id = :id""")
                .bind("bucket", bucket).bind("now", now).bind("id", instanceId).execute()) == 1;
    }

    /** Returns false when there is no such instance or its audit is Disabled already. The bucket is kept, with the time audit was disabled. */
    public boolean disable(String instanceId, String now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE instances SET security_audit = 'Disabled', audit_disabled_at = :now, update_time = :now
                        WHERE instance_id = :id AND security_audit = 'Enabled'""")
                .bind("now", now).bind("id", instanceId).execute()) == 1;
    }

    /**
     * Where an instance's records go: its bucket, and while audit is Disabled the time it was disabled
     * (records from before it still go to the bucket).
     */
    public record Route(String bucket, Optional<Instant> disabledAt) {
    }

    /** Instance id to route, for every instance whose audit has a bucket (Enabled, or Disabled after being Enabled). */
    public Map<String, Route> routes() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT instance_id, audit_bucket, security_audit, audit_disabled_at FROM instances
                        WHERE audit_bucket IS NOT NULL""")
                .map((rs, context) -> Map.entry(rs.getString("instance_id"), new Route(rs.getString("audit_bucket"),
                        "Enabled".equals(rs.getString("security_audit")) ? Optional.empty() : Optional.of(disabledAt(rs)))))
                .list()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** When audit was disabled; a row disabled before that was recorded counts as disabled since the epoch. */
    private static Instant disabledAt(java.sql.ResultSet rs) throws java.sql.SQLException {
        String disabledAt = rs.getString("audit_disabled_at");
        return disabledAt == null ? Instant.EPOCH : Instant.parse(disabledAt);
    }

    /** The instance's audit signing key, once it has one. */
    public Optional<WrappedKeyPair> signingKey(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT wrapped_private_key, public_key FROM audit_signing_keys WHERE instance_id = :id")
                .bind("id", instanceId)
                .map((rs, context) -> new WrappedKeyPair(Base64.getDecoder().decode(rs.getString("wrapped_private_key")),
                        Base64.getDecoder().decode(rs.getString("public_key"))))
                .findOne());
    }

    /** Keeps {@code key} as the instance's audit signing key unless it has one already (another node was first); returns the one kept. */
    public WrappedKeyPair addSigningKey(String instanceId, WrappedKeyPair key, String now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_signing_keys (instance_id, wrapped_private_key, public_key, create_time)
                        VALUES (:id, :private, :public, :now) ON CONFLICT (instance_id) DO NOTHING""")
                .bind("id", instanceId).bind("private", Base64.getEncoder().encodeToString(key.wrappedPrivateKey()))
                .bind("public", Base64.getEncoder().encodeToString(key.publicKey())).bind("now", now).execute());
        return signingKey(instanceId).orElseThrow();
    }
}
