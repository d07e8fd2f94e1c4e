package io.strongroom.store;

import io.strongroom.key.KeyRepository;

import io.strongroom.instance.InstanceRepository;

import io.strongroom.hsm.HsmClusterRepository;

import io.strongroom.access.AdminKeyRepository;

import io.strongroom.hsm.ConnectionErrorCode;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmNode;
import io.strongroom.hsm.TokenLocation;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceStatus;
import io.strongroom.key.AesModes;
import io.strongroom.key.Key;
import io.strongroom.key.KeySpec;
import io.strongroom.key.KeyState;
import io.strongroom.key.KeyTag;
import io.strongroom.key.KeyTagFilter;
import io.strongroom.key.KeyVersion;
import io.strongroom.key.ProtectionLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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

    /** An instance on a cluster of its own, both in the store: keys need one. */
    private String insertedInstance() {
        HsmCluster cluster = cluster("cn-shanghai");
        new HsmClusterRepository(store()).insert(cluster);
        Instance instance = instance(cluster.hsmClusterId());
        new InstanceRepository(store()).insert(instance);
        return instance.instanceId();
    }

    /** An AES key (AesModes GCM) of {@code instanceId} with {@code tags}, inserted with a version whose wrapped material is made up. */
    private static Key insertKey(KeyRepository keys, String instanceId, List<KeyTag> tags) {
        return insertKey(keys, instanceId, KeySpec.Aliyun_AES_256, AesModes.GCM, tags);
    }

    private static Key insertKey(KeyRepository keys, String instanceId, KeySpec spec, AesModes aesModes, List<KeyTag> tags) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String keyId = "key-" + UUID.randomUUID();
        Key key = new Key(keyId, instanceId, spec, Key.ENCRYPT_DECRYPT, ProtectionLevel.HSM, aesModes, "", KeyState.Enabled,
                now, keyId + "-v1", keyId + "-v1", null, null, null, tags);
        keys.insert(key, new KeyVersion(keyId + "-v1", keyId, new byte[40], new byte[0], now));
        return key;
    }

    @Test
    void keyAesModes_readWithTheKey_keptByRotation_absentForOtherSpecs() {
        KeyRepository keys = new KeyRepository(store());
        String instanceId = insertedInstance();
        Key blockModes = insertKey(keys, instanceId, KeySpec.Aliyun_AES_128, AesModes.CBC_ECB, List.of());
        Key gcm = insertKey(keys, instanceId, KeySpec.Aliyun_AES_192, AesModes.GCM, List.of());
        Key rsa = insertKey(keys, instanceId, KeySpec.RSA_2048, null, List.of());
        keys.rotate(blockModes.keyId(), new KeyVersion(blockModes.keyId() + "-v2", blockModes.keyId(), new byte[40], new byte[0],
                Instant.now()), null);

        assertThat(keys.find(blockModes.keyId()).orElseThrow().aesModes()).isEqualTo(AesModes.CBC_ECB);
        assertThat(keys.find(gcm.keyId()).orElseThrow().aesModes()).isEqualTo(AesModes.GCM);
        assertThat(keys.find(rsa.keyId()).orElseThrow().modes()).isEmpty();
        assertThat(keys.page(instanceId, KeyTagFilter.NONE, 0, 10)).extracting(Key::keyId, Key::aesModes).containsExactlyInAnyOrder(
                tuple(blockModes.keyId(), AesModes.CBC_ECB), tuple(gcm.keyId(), AesModes.GCM), tuple(rsa.keyId(), null));
    }

    @Test
    void keyTags_readWithTheKey_upsertedWithinTheLimit_removed_filterTheList_andGoWithTheKey() {
        KeyRepository keys = new KeyRepository(store());
        String instanceId = insertedInstance();
        // 128 characters outside the BMP (256 UTF-16 units): PostgreSQL's VARCHAR(128) counts characters, so it fits.
        String wide = "\uD83D\uDD11".repeat(128);
        Key tagged = insertKey(keys, instanceId, List.of(new KeyTag(wide, ""), new KeyTag("env", "prod")));
        Key untagged = insertKey(keys, instanceId, List.of());
        assertThat(keys.find(tagged.keyId()).orElseThrow().tags()).containsExactly(new KeyTag("env", "prod"), new KeyTag(wide, ""));
        assertThat(keys.find(untagged.keyId()).orElseThrow().tags()).isEmpty();

        assertThat(keys.tag(tagged.keyId(), List.of(new KeyTag("env", "dev"), new KeyTag("owner", "alice")), 3)).isEqualTo(3);
        assertThat(keys.find(tagged.keyId()).orElseThrow().tags())
                .containsExactly(new KeyTag("env", "dev"), new KeyTag("owner", "alice"), new KeyTag(wide, ""));
        assertThat(keys.tag(tagged.keyId(), List.of(new KeyTag("env", "test"), new KeyTag("one-more", "x")), 3)).isEqualTo(4);
        assertThat(keys.find(tagged.keyId()).orElseThrow().tags()).as("over the limit, nothing changes")
                .containsExactly(new KeyTag("env", "dev"), new KeyTag("owner", "alice"), new KeyTag(wide, ""));
        keys.untag(tagged.keyId(), List.of("owner", "absent"));
        assertThat(keys.find(tagged.keyId()).orElseThrow().tags()).containsExactly(new KeyTag("env", "dev"), new KeyTag(wide, ""));

        assertThat(keys.page(instanceId, KeyTagFilter.NONE, 0, 10)).extracting(Key::keyId).containsExactly(tagged.keyId(), untagged.keyId());
        assertThat(keys.page(instanceId, KeyTagFilter.NONE, 0, 1)).singleElement().satisfies(key -> assertThat(key.tags()).hasSize(2));
        assertThat(keys.page(instanceId, new KeyTagFilter("env", null), 0, 10)).extracting(Key::keyId).containsExactly(tagged.keyId());
        assertThat(keys.count(instanceId, new KeyTagFilter("env", "dev"))).isEqualTo(1);
        assertThat(keys.count(instanceId, new KeyTagFilter("env", "prod"))).isZero();
        assertThat(keys.count(instanceId, new KeyTagFilter(wide, ""))).isEqualTo(1);
        assertThat(keys.count(instanceId, KeyTagFilter.NONE)).isEqualTo(2);

        keys.delete(tagged.keyId());
        assertThat(keys.find(tagged.keyId())).isEmpty();
        assertThat(keys.count(instanceId, new KeyTagFilter("env", null))).isZero();
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
