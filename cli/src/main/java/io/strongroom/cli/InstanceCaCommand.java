package io.strongroom.cli;

import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "Print the instance's CA certificate (PrivateKmsCA_<InstanceId>.pem): what clients trust for its endpoint.")
final class InstanceCaCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance.")
    private String instanceId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            out().print(api.get("/instances/" + ApiClient.encode(instanceId)).as(InstanceView.class).caCertificateChainPem());
        }
        return Main.OK;
    }
}
