package io.strongroom.instance;

import io.strongroom.store.Store;

import io.strongroom.hsm.ConnectionErrorCode;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Instances in the store. A state change is one committed UPDATE guarded by the expected status. */
public final class InstanceRepository {
    private final Jdbi jdbi;

    public InstanceRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    public void insert(Instance instance) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO instances (instance_id, region_id, instance_name, vpc_id, allowed_cidrs, spec,
                            hsm_cluster_id, status, security_audit, error_code, error_message, sealed_credential,
                            ca_certificate_pem, sealed_ca_private_key, create_time, update_time)
                        VALUES (:id, :region, :name, :vpc, :cidrs, :spec, :cluster, :status, :audit, :errorCode,
                            :errorMessage, :credential, :ca, :caKey, :created, :updated)""")
                .bind("id", instance.instanceId())
                .bind("region", instance.regionId())
                .bind("name", instance.instanceName())
                .bind("vpc", instance.vpcId())
                .bind("cidrs", String.join(",", instance.allowedCidrs()))
                .bind("spec", instance.spec())
                .bind("cluster", instance.hsmClusterId())
                .bind("status", instance.status().name())
                .bind("audit", instance.securityAudit() ? "Enabled" : "Disabled")
                .bind("errorCode", instance.errorCode().map(Enum::name).orElse(null))
                .bind("errorMessage", instance.errorMessage().orElse(null))
                .bind("credential", instance.sealedCredential().orElse(null))
                .bind("ca", instance.caCertificatePem())
                .bind("caKey", instance.sealedCaPrivateKey())
                .bind("created", instance.createTime().toString())
                .bind("updated", instance.updateTime().toString())
                .execute());
    }

    /**
     * Moves an instance to the state in {@code updated} if it is still in {@code expected}.
     * Returns false when another request changed it first.
     */
    public boolean compareAndSetStatus(InstanceStatus expected, Instance updated) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE instances SET status = :status, error_code = :errorCode, error_message = :errorMessage,
                            sealed_credential = :credential, update_time = :updated
                        WHERE instance_id = :id AND status = :expected""")
                .bind("status", updated.status().name())
                .bind("errorCode", updated.errorCode().map(Enum::name).orElse(null))
                .bind("errorMessage", updated.errorMessage().orElse(null))
                .bind("credential", updated.sealedCredential().orElse(null))
                .bind("updated", updated.updateTime().toString())
                .bind("id", updated.instanceId())
                .bind("expected", expected.name())
                .execute()) == 1;
    }

    public Optional<Instance> find(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM instances WHERE instance_id = :id")
                .bind("id", instanceId)
                .map(InstanceRepository::map)
                .findOne());
    }

    public List<Instance> listByRegion(String regionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM instances WHERE region_id = :region ORDER BY create_time, instance_id")
                .bind("region", regionId)
                .map(InstanceRepository::map)
                .list());
    }

    public List<Instance> listAll() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM instances ORDER BY create_time, instance_id")
                .map(InstanceRepository::map)
                .list());
    }

    public Optional<String> findByCluster(String hsmClusterId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT instance_id FROM instances WHERE hsm_cluster_id = :c")
                .bind("c", hsmClusterId)
                .mapTo(String.class)
                .findOne());
    }

    private static Instance map(ResultSet rs, StatementContext context) throws SQLException {
        String cidrs = rs.getString("allowed_cidrs");
        return new Instance(
                rs.getString("instance_id"),
                rs.getString("region_id"),
                rs.getString("instance_name"),
                rs.getString("vpc_id"),
                cidrs.isEmpty() ? List.of() : Arrays.asList(cidrs.split(",")),
                rs.getInt("spec"),
                rs.getString("hsm_cluster_id"),
                InstanceStatus.valueOf(rs.getString("status")),
                "Enabled".equals(rs.getString("security_audit")),
                Optional.ofNullable(rs.getString("error_code")).map(ConnectionErrorCode::valueOf),
                Optional.ofNullable(rs.getString("error_message")),
                Optional.ofNullable(rs.getString("sealed_credential")),
                rs.getString("ca_certificate_pem"),
                rs.getString("sealed_ca_private_key"),
                Instant.parse(rs.getString("create_time")),
                Instant.parse(rs.getString("update_time")));
    }
}
