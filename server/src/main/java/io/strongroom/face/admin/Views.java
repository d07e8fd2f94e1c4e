package io.strongroom.face.admin;

import io.strongroom.api.HsmClusterView;
import io.strongroom.api.HsmNodeView;
import io.strongroom.api.InstanceView;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmNode;
import io.strongroom.hsm.NodeHealth;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceEndpoints;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Domain objects to wire types. */
final class Views {
    private final InstanceEndpoints endpoints;
    private final Function<String, Optional<String>> auditBucket;

    Views(InstanceEndpoints endpoints, Function<String, Optional<String>> auditBucket) {
        this.endpoints = endpoints;
        this.auditBucket = auditBucket;
    }

    InstanceView instance(Instance instance) {
        return new InstanceView(
                instance.instanceId(),
                instance.instanceName(),
                instance.regionId(),
                "Standard",
                instance.status().name(),
                instance.vpcId(),
                endpoints.vpcAddress(instance.instanceId()),
                instance.allowedCidrs(),
                instance.hsmClusterId(),
                instance.securityAudit() ? "Enabled" : "Disabled",
                instance.spec(),
                instance.createTime().toString(),
                instance.caCertificatePem(),
                instance.errorCode().map(Enum::name).orElse(null),
                instance.errorMessage().orElse(null),
                instance.securityAudit() ? auditBucket.apply(instance.instanceId()).orElse(null) : null);
    }

    HsmClusterView cluster(HsmCluster cluster, Map<String, NodeHealth> health, String instanceId) {
        return new HsmClusterView(
                cluster.hsmClusterId(),
                cluster.regionId(),
                cluster.name(),
                cluster.initialized() ? "Initialized" : "Uninitialized",
                cluster.minimumNodes(),
                cluster.cryptoUser(),
                cluster.domainKeyCheckValue().orElse(null),
                instanceId,
                cluster.nodes().stream().map(node -> node(node, health.get(node.nodeId()))).toList(),
                cluster.createTime().toString());
    }

    private static HsmNodeView node(HsmNode node, NodeHealth health) {
        NodeHealth known = health == null ? new NodeHealth(NodeHealth.State.Unknown, "not checked", null) : health;
        return new HsmNodeView(node.nodeId(), node.zoneId(), node.location().modulePath(), node.location().tokenLabel(),
                known.state().name(), known.message(), known.checkedAt() == null ? null : known.checkedAt().toString());
    }
}
