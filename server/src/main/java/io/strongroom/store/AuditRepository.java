package io.strongroom.store;

import org.jdbi.v3.core.Jdbi;

import java.util.Map;
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
                        UPDATE instances SET security_audit = 'Enabled', audit_bucket = :bucket, update_time = :now
                        WHERE instance_id = :id""")
                .bind("bucket", bucket).bind("now", now).bind("id", instanceId).execute()) == 1;
    }

    /** Returns false when there is no such instance. */
    public boolean disable(String instanceId, String now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE instances SET security_audit = 'Disabled', audit_bucket = NULL, update_time = :now
                        WHERE instance_id = :id""")
                .bind("now", now).bind("id", instanceId).execute()) == 1;
    }

    /** Instance id to bucket name, for every instance whose security audit is Enabled. */
    public Map<String, String> destinations() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT instance_id, audit_bucket FROM instances WHERE security_audit = 'Enabled' AND audit_bucket IS NOT NULL")
                .map((rs, context) -> Map.entry(rs.getString("instance_id"), rs.getString("audit_bucket")))
                .list()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
