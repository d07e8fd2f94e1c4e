package io.strongroom.hsm;

import io.strongroom.store.Store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** HSM clusters and their nodes in the store. */
public final class HsmClusterRepository {
    private final Jdbi jdbi;

    public HsmClusterRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    public void insert(HsmCluster cluster) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO hsm_clusters (hsm_cluster_id, region_id, name, minimum_nodes, crypto_user,
                                domain_key_label, domain_key_check_value, create_time)
                            VALUES (:id, :region, :name, :minimum, :user, :label, :kcv, :created)""")
                    .bind("id", cluster.hsmClusterId())
                    .bind("region", cluster.regionId())
                    .bind("name", cluster.name())
                    .bind("minimum", cluster.minimumNodes())
                    .bind("user", cluster.cryptoUser())
                    .bind("label", cluster.domainKeyLabel())
                    .bind("kcv", cluster.domainKeyCheckValue().orElse(null))
                    .bind("created", cluster.createTime().toString())
                    .execute();
            int position = 0;
            for (HsmNode node : cluster.nodes()) {
                handle.createUpdate("""
                                INSERT INTO hsm_nodes (hsm_cluster_id, node_id, position, module_path, token_label, zone_id)
                                VALUES (:cluster, :node, :position, :module, :label, :zone)""")
                        .bind("cluster", cluster.hsmClusterId())
                        .bind("node", node.nodeId())
                        .bind("position", position++)
                        .bind("module", node.location().modulePath())
                        .bind("label", node.location().tokenLabel())
                        .bind("zone", node.zoneId())
                        .execute();
            }
        });
    }

    /** Records the ceremony's check value, once: returns false if the cluster was initialised already. */
    public boolean recordDomainKey(String hsmClusterId, String checkValue) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE hsm_clusters SET domain_key_check_value = :kcv
                        WHERE hsm_cluster_id = :id AND domain_key_check_value IS NULL""")
                .bind("kcv", checkValue)
                .bind("id", hsmClusterId)
                .execute()) == 1;
    }

    public Optional<HsmCluster> find(String hsmClusterId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM hsm_clusters WHERE hsm_cluster_id = :id")
                .bind("id", hsmClusterId)
                .map((rs, context) -> new ClusterRow(rs.getString("hsm_cluster_id"), rs.getString("region_id"),
                        rs.getString("name"), rs.getInt("minimum_nodes"), rs.getString("crypto_user"),
                        rs.getString("domain_key_label"), rs.getString("domain_key_check_value"), rs.getString("create_time")))
                .findOne()
                .map(row -> row.toCluster(nodes(handle, row.id()))));
    }

    public List<HsmCluster> list(Optional<String> regionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT hsm_cluster_id FROM hsm_clusters WHERE :region IS NULL OR region_id = :region ORDER BY create_time, hsm_cluster_id")
                .bind("region", regionId.orElse(null))
                .mapTo(String.class)
                .list())
                .stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    private static List<HsmNode> nodes(Handle handle, String clusterId) {
        return handle.createQuery("SELECT * FROM hsm_nodes WHERE hsm_cluster_id = :id ORDER BY position")
                .bind("id", clusterId)
                .map((rs, context) -> new HsmNode(rs.getString("node_id"),
                        new TokenLocation(rs.getString("module_path"), rs.getString("token_label")), rs.getString("zone_id")))
                .list();
    }

    private record ClusterRow(String id, String region, String name, int minimum, String user, String label,
                              String checkValue, String created) {
        HsmCluster toCluster(List<HsmNode> nodes) {
            return new HsmCluster(id, region, name, minimum, user, label, Optional.ofNullable(checkValue), nodes,
                    Instant.parse(created));
        }
    }
}
