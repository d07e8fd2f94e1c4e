package io.strongroom.cli;

import io.strongroom.api.AccessPointList;
import io.strongroom.api.AccessPointView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "aap", mixinStandardHelpOptions = true,
        description = "Application access points of an instance: how applications authenticate (client keys) and their policies.",
        subcommands = {AapCommand.Create.class, AapCommand.ListPoints.class, AapCommand.Delete.class})
final class AapCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an access point (AuthenticationMethod ClientKey).")
    static final class Create extends AccessCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The access point's name.")
        String name;
        @Option(names = "--policy", required = true, paramLabel = "NAME", description = "A policy; repeat for more.")
        List<String> policies;
        @Option(names = "--description", paramLabel = "TEXT", description = "A description.")
        String description;

        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.post(path("access-points"), json(new AccessPointView(name, "ClientKey", policies, description, null))),
                        AccessPointView.class, AccessText::accessPoint);
            }
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an instance's access points.")
    static final class ListPoints extends AccessCommand {
        @Override
        public Integer call() {
            try (ApiClient api = main().api()) {
                print(api.get(path("access-points")), AccessPointList.class, AccessText::accessPoints);
            }
            return Main.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an access point that has no client keys.")
    static final class Delete extends AccessCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The access point to delete.")
        String name;

        @Override
        public Integer call() {
            return delete("access-points", name, "access point");
        }
    }
}
