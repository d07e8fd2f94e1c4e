package io.strongroom.cli;

import io.strongroom.api.HsmClusterView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show an HSM cluster: its status, domain-key check value, instance, and each node's health.")
final class HsmClusterDescribeCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "HsmClusterId", description = "The cluster to show.")
    private String hsmClusterId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get("/hsm-clusters/" + ApiClient.encode(hsmClusterId)), HsmClusterView.class, HsmClusterText::describe);
        }
        return Main.OK;
    }
}
