package io.strongroom.cli;

import io.strongroom.api.HsmClusterList;
import io.strongroom.api.HsmClusterView;
import io.strongroom.api.HsmNodeView;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/** HSM clusters as text, under the API's field names; describe shows each node's health. */
final class HsmClusterText {
    private HsmClusterText() {
    }

    static void describe(HsmClusterView cluster, PrintStream out) {
        new KeyValues()
                .add("HsmClusterId", cluster.hsmClusterId())
                .add("Name", cluster.name())
                .add("RegionId", cluster.regionId())
                .add("Status", cluster.status())
                .add("MinimumNodes", cluster.minimumNodes())
                .add("CryptoUser", cluster.cryptoUser())
                .add("DomainKeyCheckValue", cluster.domainKeyCheckValue())
                .add("InstanceId", cluster.instanceId())
                .add("CreateTime", cluster.createTime())
                .print(out);
        List<HsmNodeView> nodes = nodes(cluster);
        out.println();
        out.println("Nodes:");
        Table table = new Table("NodeId", "ZoneId", "TokenLabel", "Health", "LastCheckedTime", "ModulePath", "HealthMessage");
        for (HsmNodeView node : nodes) {
            table.row(node.nodeId(), node.zoneId(), node.tokenLabel(), node.health(), node.lastCheckedTime(), node.modulePath(),
                    node.healthMessage());
        }
        table.print(out);
    }

    static void list(HsmClusterList list, PrintStream out) {
        List<HsmClusterView> clusters = Objects.requireNonNullElse(list.hsmClusters(), List.of());
        if (clusters.isEmpty()) {
            out.println("No HSM clusters.");
            return;
        }
        Table table = new Table("HsmClusterId", "Name", "RegionId", "Status", "Nodes", "InstanceId");
        for (HsmClusterView cluster : clusters) {
            table.row(cluster.hsmClusterId(), cluster.name(), cluster.regionId(), cluster.status(), health(cluster), cluster.instanceId());
        }
        table.print(out);
    }

    /** {@code 2/2 Healthy}: how many of the nodes are healthy. */
    private static String health(HsmClusterView cluster) {
        List<HsmNodeView> nodes = nodes(cluster);
        long healthy = nodes.stream().filter(node -> "Healthy".equals(node.health())).count();
        return healthy + "/" + nodes.size() + " Healthy";
    }

    private static List<HsmNodeView> nodes(HsmClusterView cluster) {
        return Objects.requireNonNullElse(cluster.nodes(), List.of());
    }
}
