package io.strongroom.cli;

import io.strongroom.api.InstanceList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the instances of a region.")
final class InstanceListCommand extends StrongroomCommand {
    @Option(names = "--region", required = true, paramLabel = "REGION", description = "The region, e.g. cn-hangzhou.")
    private String regionId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get("/instances?RegionId=" + ApiClient.encode(regionId)), InstanceList.class,
                    (list, out) -> InstanceText.list(list, regionId, out));
        }
        return Main.OK;
    }
}
