package io.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "hsm-cluster", mixinStandardHelpOptions = true,
        description = "HSM clusters: PKCS#11 tokens (one per node, in at least two zones) that hold an instance's domain key.",
        subcommands = {HsmClusterCreateCommand.class, HsmClusterInitCommand.class, HsmClusterDescribeCommand.class,
                HsmClusterListCommand.class})
final class HsmClusterCommand {
}
