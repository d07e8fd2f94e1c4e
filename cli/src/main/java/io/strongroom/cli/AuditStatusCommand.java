package io.strongroom.cli;

import io.strongroom.api.SecurityAuditView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show an instance's security audit: Enabled or Disabled, its bucket, and what waits for delivery on this node.")
class AuditStatusCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance.")
    private String instanceId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get(AuditCommand.path(instanceId)), SecurityAuditView.class, AuditStatusCommand::describe);
        }
        return Main.OK;
    }

    static void describe(SecurityAuditView audit, PrintStream out) {
        new KeyValues()
                .add("InstanceId", audit.instanceId())
                .add("SecurityAudit", audit.securityAudit())
                .addIfPresent("AuditBucket", audit.auditBucket())
                .add("Node", audit.node())
                .add("BacklogSegments", audit.backlogSegments())
                .add("BacklogRecords", audit.backlogRecords())
                .addIfPresent("LastDeliveryTime", audit.lastDeliveryTime())
                .addIfPresent("LastDeliveryError", audit.lastDeliveryError())
                .print(out);
    }
}
