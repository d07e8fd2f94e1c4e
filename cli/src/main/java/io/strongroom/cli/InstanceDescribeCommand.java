package io.strongroom.cli;

import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show an instance: status (and ErrorCode after a failed connect), VPC, endpoint, HSM cluster, spec, "
                + "security audit, and its CA certificate chain.")
final class InstanceDescribeCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance to show.")
    private String instanceId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get("/instances/" + ApiClient.encode(instanceId)), InstanceView.class, InstanceText::describe);
        }
        return Main.OK;
    }
}
