package io.strongroom.cli;

import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "disconnect", mixinStandardHelpOptions = true,
        description = {"Disconnect an Enabled instance from its HSM cluster: it becomes Disabled at once. Every HSM session is "
                + "closed and every key handle destroyed; cryptographic calls fail until it is connected again.",
                "Key metadata stays, and management calls keep working."})
final class InstanceDisconnectCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance to disconnect.")
    private String instanceId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.post("/instances/" + ApiClient.encode(instanceId) + "/disconnect"), InstanceView.class, InstanceText::describe);
        }
        return Main.OK;
    }
}
