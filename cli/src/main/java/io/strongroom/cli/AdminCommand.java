package io.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "admin", mixinStandardHelpOptions = true, description = "The admin access key of the management API.",
        subcommands = AdminCredentialCommand.class)
final class AdminCommand {
}
