package io.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "instance", mixinStandardHelpOptions = true,
        description = "Dedicated KMS instances: each has its own endpoint and its own HSM cluster.",
        subcommands = {InstanceCreateCommand.class, InstanceListCommand.class, InstanceDescribeCommand.class,
                InstanceDisconnectCommand.class, InstanceConnectCommand.class, InstanceCaCommand.class})
final class InstanceCommand {
}
