package io.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "region", mixinStandardHelpOptions = true, description = "The regions this server offers.",
        subcommands = RegionListCommand.class)
final class RegionCommand {
}
