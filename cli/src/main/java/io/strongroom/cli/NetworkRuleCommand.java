package io.strongroom.cli;

import io.strongroom.api.NetworkRuleList;
import io.strongroom.api.NetworkRuleView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "network-rule", mixinStandardHelpOptions = true,
        description = "Network rules of an instance: the private IPs and ranges that policies let in.",
        subcommands = {NetworkRuleCommand.Create.class, NetworkRuleCommand.ListRules.class, NetworkRuleCommand.Delete.class})
final class NetworkRuleCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a network rule (Type Private).")
    static final class Create extends AccessCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name.")
        String name;
        @Option(names = "--source", required = true, paramLabel = "IP|CIDR", description = "A source IP or range; repeat for more.")
        List<String> sources;
        @Option(names = "--description", paramLabel = "TEXT", description = "A description.")
        String description;

        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.post(path("network-rules"), json(new NetworkRuleView(name, "Private", sources, description, null))),
                        NetworkRuleView.class, AccessText::networkRule);
            }
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an instance's network rules.")
    static final class ListRules extends AccessCommand {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(path("network-rules")), NetworkRuleList.class, AccessText::networkRules);
            }
            return Main.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a network rule no policy uses.")
    static final class Delete extends AccessCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The rule to delete.")
        String name;

        @Override
        public Integer call() {
            return delete("network-rules", name, "network rule");
        }
    }
}
