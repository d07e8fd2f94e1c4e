package io.strongroom.cli;

import io.strongroom.api.InstanceList;
import io.strongroom.api.InstanceView;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/** Instances as text, under the API's field names. */
final class InstanceText {
    private InstanceText() {
    }

    static void describe(InstanceView instance, PrintStream out) {
        new KeyValues()
                .add("InstanceId", instance.instanceId())
                .add("InstanceName", instance.instanceName())
                .add("RegionId", instance.regionId())
                .add("Edition", instance.edition())
                .add("Status", instance.status())
                .addIfPresent("ErrorCode", instance.errorCode())
                .addIfPresent("ErrorMessage", instance.errorMessage())
                .add("VpcId", instance.vpcId())
                .add("VpcAddress", instance.vpcAddress())
                .add("AllowedCidrs", String.join(", ", Objects.requireNonNullElse(instance.allowedCidrs(), List.of())))
                .add("HsmClusterId", instance.hsmClusterId())
                .add("SecurityAudit", instance.securityAudit())
                .addIfPresent("AuditBucket", instance.auditBucket())
                .add("Spec", instance.spec() + " QPS")
                .add("CreateTime", instance.createTime())
                .add("CaCertificateChainPem", instance.caCertificateChainPem() == null ? null : "(below)")
                .print(out);
        // Unindented, so that it can be copied into a PEM file as is.
        if (instance.caCertificateChainPem() != null) {
            out.println();
            out.print(instance.caCertificateChainPem());
            if (!instance.caCertificateChainPem().endsWith("\n")) {
                out.println();
            }
        }
    }

    static void list(InstanceList list, String regionId, PrintStream out) {
        List<InstanceView> instances = Objects.requireNonNullElse(list.instances(), List.of());
        if (instances.isEmpty()) {
            out.println("No instances in " + regionId + ".");
            return;
        }
        Table table = new Table("InstanceId", "InstanceName", "Status", "Spec", "HsmClusterId", "VpcId", "VpcAddress");
        for (InstanceView instance : instances) {
            table.row(instance.instanceId(), instance.instanceName(), status(instance), instance.spec(),
                    instance.hsmClusterId(), instance.vpcId(), instance.vpcAddress());
        }
        table.print(out);
    }

    /** The status, with the connection error code after a failed connect: {@code Disabled (INVALID_CREDENTIALS)}. */
    static String status(InstanceView instance) {
        return instance.errorCode() == null ? instance.status() : instance.status() + " (" + instance.errorCode() + ")";
    }
}
