package io.strongroom.store;

import io.strongroom.hsm.ConnectionErrorCode;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmNode;
import io.strongroom.hsm.TokenLocation;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repositories' behaviour, run against each store the product supports. */
abstract class StoreContract {

    abstract Store store();

    private HsmCluster cluster(String region) {
        String id = "hsmc-" + UUID.randomUUID();
        return new HsmCluster(id, region, "c", 2, "kmsuser", "label-" + id, Optional.empty(), List.of(
                new HsmNode("node-1", new TokenLocation("/lib/a.so", "a"), "z1"),
                new HsmNode("node-2", new TokenLocation("/lib/a.so", "b"), "z2")), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private Instance instance(String clusterId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Instance("kst-" + UUID.randomUUID(), "cn-hangzhou", "orders", "vpc-1", List.of("10.0.0.0/8", "::1/128"), 1000,
                clusterId, InstanceStatus.Creating, false, Optional.empty(), Optional.empty(), Optional.empty(), "PEM", "v1:key", now, now);
    }

    @Test
    void cluster_insertFindListAndRecordTheDomainKeyOnce() {
        HsmClusterRepository clusters = new HsmClusterRepository(store());
        HsmCluster cluster = cluster("cn-beijing");
        clusters.insert(cluster);

        assertThat(clusters.find(cluster.hsmClusterId())).contains(cluster);
        assertThat(clusters.list(Optional.of("cn-beijing"))).contains(cluster);
        assertThat(clusters.list(Optional.of("cn-shenzhen"))).doesNotContain(cluster);
        assertThat(clusters.recordDomainKey(cluster.hsmClusterId(), "0011223344556677")).isTrue();
        assertThat(clusters.recordDomainKey(cluster.hsmClusterId(), "8899aabbccddeeff")).isFalse();
        assertThat(clusters.find(cluster.hsmClusterId()).orElseThrow().domainKeyCheckValue()).contains("0011223344556677");
        assertThat(clusters.find("hsmc-none")).isEmpty();
    }

    @Test
    void instance_compareAndSetStatus_appliesOnlyFromTheExpectedState() {
        HsmClusterRepository clusters = new HsmClusterRepository(store());
        InstanceRepository instances = new InstanceRepository(store());
        HsmCluster cluster = cluster("cn-hangzhou");
        clusters.insert(cluster);
        Instance created = instance(cluster.hsmClusterId());
        instances.insert(created);
        assertThat(instances.find(created.instanceId())).contains(created);
        assertThat(instances.findByCluster(cluster.hsmClusterId())).contains(created.instanceId());

        Instant later = created.updateTime().plusSeconds(1);
        Instance failed = created.withStatus(InstanceStatus.Disabled, Optional.of(ConnectionErrorCode.HSM_UNREACHABLE),
                Optional.of("no node answered"), Optional.empty(), later);
        assertThat(instances.compareAndSetStatus(InstanceStatus.Enabled, failed)).isFalse();
        assertThat(instances.compareAndSetStatus(InstanceStatus.Creating, failed)).isTrue();
        assertThat(instances.find(created.instanceId())).contains(failed);
        assertThat(instances.listByRegion("cn-hangzhou")).contains(failed);
    }

    @Test
    void instance_secondOnTheSameCluster_isRefusedByTheStore() {
        HsmClusterRepository clusters = new HsmClusterRepository(store());
        InstanceRepository instances = new InstanceRepository(store());
        HsmCluster cluster = cluster("cn-hangzhou");
        clusters.insert(cluster);
        instances.insert(instance(cluster.hsmClusterId()));
        assertThatThrownBy(() -> instances.insert(instance(cluster.hsmClusterId()))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void adminKeys_storeOnlyTheHash() {
        AdminKeyRepository keys = new AdminKeyRepository(store());
        String id = "SRAK" + UUID.randomUUID();
        keys.insert(id, "ab".repeat(32), Instant.now());
        assertThat(keys.any()).isTrue();
        assertThat(keys.secretHash(id)).contains("ab".repeat(32));
        assertThat(keys.secretHash("SRAKnone")).isEmpty();
    }
}
