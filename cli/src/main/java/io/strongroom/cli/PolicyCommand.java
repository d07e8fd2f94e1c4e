package io.strongroom.cli;

import io.strongroom.api.AccessControlRules;
import io.strongroom.api.PolicyList;
import io.strongroom.api.PolicyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Policies of an instance: what an access point may do, on which keys, from where.",
        subcommands = {PolicyCommand.Create.class, PolicyCommand.ListPolicies.class, PolicyCommand.Delete.class})
final class PolicyCommand {
    private static final String TEMPLATE = "RbacPermission/Template/";

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a policy.")
    static final class Create extends AccessCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The policy's name.")
        String name;
        @Option(names = "--permission", required = true, paramLabel = "TEMPLATE",
                description = "CryptoServiceKeyUser (short for " + TEMPLATE + "CryptoServiceKeyUser); repeat for more.")
        List<String> permissions;
        @Option(names = "--resource", required = true, paramLabel = "RESOURCE", description = "key/<KeyId> or key/*; repeat for more.")
        List<String> resources;
        @Option(names = "--network-rule", paramLabel = "NAME", description = "A network rule callers must match; repeat for more.")
        List<String> networkRules = List.of();
        @Option(names = "--description", paramLabel = "TEXT", description = "A description.")
        String description;

        @Override
        public Integer call() {
            List<String> full = permissions.stream().map(p -> p.startsWith(TEMPLATE) ? p : TEMPLATE + p).toList();
            try (ApiClient api = main().api()) {
                print(api.post(path("policies"), json(new PolicyView(name, null, full, resources,
                        new AccessControlRules(networkRules), description, null))), PolicyView.class, AccessText::policy);
            }
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an instance's policies.")
    static final class ListPolicies extends AccessCommand {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(path("policies")), PolicyList.class, AccessText::policies);
            }
            return Main.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a policy no access point uses.")
    static final class Delete extends AccessCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The policy to delete.")
        String name;

        @Override
        public Integer call() {
            return delete("policies", name, "policy");
        }
    }
}
