package io.strongroom.access;

import io.strongroom.store.Store;

import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Network rules, policies, access points and client keys of instances. Counts its own writes
 * ({@link #changes}) so that readers holding copies know when this node changed something.
 */
public final class AccessRepository {
    private final Jdbi jdbi;
    private final AtomicLong changes = new AtomicLong();

    public AccessRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    public void insert(NetworkRule rule) {
        write(handle -> handle.createUpdate("""
                        INSERT INTO network_rules (instance_id, name, source_private_ip, description, create_time)
                        VALUES (:instance, :name, :sources, :description, :created)""")
                .bind("instance", rule.instanceId()).bind("name", rule.name())
                .bind("sources", String.join(",", rule.sourcePrivateIp())).bind("description", rule.description())
                .bind("created", rule.createTime().toString()).execute());
    }

    public void insert(Policy policy) {
        write(handle -> handle.createUpdate("""
                        INSERT INTO policies (instance_id, name, permissions, resources, network_rules, description, create_time)
                        VALUES (:instance, :name, :permissions, :resources, :rules, :description, :created)""")
                .bind("instance", policy.instanceId()).bind("name", policy.name())
                .bind("permissions", String.join(",", policy.permissions())).bind("resources", String.join(",", policy.resources()))
                .bind("rules", String.join(",", policy.networkRules())).bind("description", policy.description())
                .bind("created", policy.createTime().toString()).execute());
    }

    public void insert(AccessPoint point) {
        write(handle -> handle.createUpdate("""
                        INSERT INTO access_points (instance_id, name, authentication_method, policies, description, create_time)
                        VALUES (:instance, :name, :method, :policies, :description, :created)""")
                .bind("instance", point.instanceId()).bind("name", point.name()).bind("method", point.authenticationMethod())
                .bind("policies", String.join(",", point.policies())).bind("description", point.description())
                .bind("created", point.createTime().toString()).execute());
    }

    public void insert(ClientKey key) {
        write(handle -> handle.createUpdate("""
                        INSERT INTO client_keys (client_key_id, instance_id, aap_name, key_algorithm, public_key, not_before, not_after, create_time)
                        VALUES (:id, :instance, :aap, :algorithm, :publicKey, :notBefore, :notAfter, :created)""")
                .bind("id", key.clientKeyId()).bind("instance", key.instanceId()).bind("aap", key.aapName())
                .bind("algorithm", key.keyAlgorithm()).bind("publicKey", key.publicKey())
                .bind("notBefore", key.notBefore().toString()).bind("notAfter", key.notAfter().toString())
                .bind("created", key.createTime().toString()).execute());
    }

    public List<NetworkRule> networkRules(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM network_rules WHERE instance_id = :i ORDER BY name")
                .bind("i", instanceId)
                .map((rs, context) -> new NetworkRule(rs.getString("instance_id"), rs.getString("name"),
                        list(rs, "source_private_ip"), rs.getString("description"), Instant.parse(rs.getString("create_time"))))
                .list());
    }

    public List<Policy> policies(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM policies WHERE instance_id = :i ORDER BY name")
                .bind("i", instanceId)
                .map((rs, context) -> new Policy(rs.getString("instance_id"), rs.getString("name"), list(rs, "permissions"),
                        list(rs, "resources"), list(rs, "network_rules"), rs.getString("description"),
                        Instant.parse(rs.getString("create_time"))))
                .list());
    }

    public List<AccessPoint> accessPoints(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM access_points WHERE instance_id = :i ORDER BY name")
                .bind("i", instanceId)
                .map((rs, context) -> new AccessPoint(rs.getString("instance_id"), rs.getString("name"),
                        rs.getString("authentication_method"), list(rs, "policies"), rs.getString("description"),
                        Instant.parse(rs.getString("create_time"))))
                .list());
    }

    public List<ClientKey> clientKeys(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM client_keys WHERE instance_id = :i ORDER BY create_time, client_key_id")
                .bind("i", instanceId)
                .map((rs, context) -> clientKey(rs))
                .list());
    }

    public Optional<ClientKey> clientKey(String clientKeyId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM client_keys WHERE client_key_id = :id")
                .bind("id", clientKeyId)
                .map((rs, context) -> clientKey(rs))
                .findOne());
    }

    /** Deletes a row of {@code table} by instance and name; returns whether one was there. */
    public boolean delete(Table table, String instanceId, String name) {
        boolean deleted = jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM " + table.sqlName + " WHERE instance_id = :i AND "
                        + table.keyColumn + " = :n")
                .bind("i", instanceId).bind("n", name).execute()) == 1;
        changes.incrementAndGet();
        return deleted;
    }

    /** Counted after the write, so a reader that read the count before loading never keeps a copy older than it. */
    private void write(HandleConsumer<RuntimeException> update) {
        jdbi.useHandle(update);
        changes.incrementAndGet();
    }

    /** How many writes this repository has made, for readers that keep copies. */
    public long changes() {
        return changes.get();
    }

    /** The tables {@link #delete} may touch (never a caller's string in SQL). */
    public enum Table {
        NETWORK_RULES("network_rules", "name"),
        POLICIES("policies", "name"),
        ACCESS_POINTS("access_points", "name"),
        CLIENT_KEYS("client_keys", "client_key_id");

        private final String sqlName;
        private final String keyColumn;

        Table(String sqlName, String keyColumn) {
            this.sqlName = sqlName;
            this.keyColumn = keyColumn;
        }
    }

    private static ClientKey clientKey(ResultSet rs) throws SQLException {
        return new ClientKey(rs.getString("client_key_id"), rs.getString("instance_id"), rs.getString("aap_name"),
                rs.getString("key_algorithm"), rs.getString("public_key"), Instant.parse(rs.getString("not_before")),
                Instant.parse(rs.getString("not_after")), Instant.parse(rs.getString("create_time")));
    }

    private static List<String> list(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }
}
