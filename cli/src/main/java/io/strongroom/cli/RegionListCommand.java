package io.strongroom.cli;

import io.strongroom.api.Region;
import io.strongroom.api.RegionList;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the regions (RegionId and LocalName).")
final class RegionListCommand extends StrongroomCommand {
    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get("/regions"), RegionList.class, RegionListCommand::text);
        }
        return Main.OK;
    }

    private static void text(RegionList list, PrintStream out) {
        Table table = new Table("RegionId", "LocalName");
        for (Region region : Objects.requireNonNullElse(list.regions(), List.<Region>of())) {
            table.row(region.regionId(), region.localName());
        }
        table.print(out);
    }
}
