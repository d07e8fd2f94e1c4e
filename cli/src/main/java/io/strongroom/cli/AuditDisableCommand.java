package io.strongroom.cli;

import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Disable security audit of an instance: records are still made, but no longer delivered to a bucket.")
final class AuditDisableCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance.")
    private String instanceId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.post(AuditCommand.path(instanceId) + "/disable"), InstanceView.class, InstanceText::describe);
        }
        return Main.OK;
    }
}
