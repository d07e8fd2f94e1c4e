package io.strongroom.cli;

import io.strongroom.api.HsmClusterList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the HSM clusters, of one region or of all.")
final class HsmClusterListCommand extends StrongroomCommand {
    @Option(names = "--region", paramLabel = "REGION", description = "Only this region's clusters.")
    private String regionId;

    @Override
    public Integer call() {
        String query = regionId == null ? "" : "?RegionId=" + ApiClient.encode(regionId);
        try (ApiClient api = main().api()) {
            print(api.get("/hsm-clusters" + query), HsmClusterList.class, HsmClusterText::list);
        }
        return Main.OK;
    }
}
