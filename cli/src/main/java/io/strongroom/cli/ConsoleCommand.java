package io.strongroom.cli;

import io.strongroom.api.ServerStatus;
import picocli.CommandLine.Command;

@Command(name = "console", mixinStandardHelpOptions = true, description = "The web console.",
        subcommands = ConsoleCommand.Url.class)
final class ConsoleCommand {

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = {"Print the console's address. Log on there with the admin credential ('strongroom admin credential');",
                    "the browser must trust the management CA (data/tls/management-ca.pem)."})
    static final class Url extends StrongroomCommand {
        @Override
        public Integer call() {
            ServerStatus status;
            try (ApiClient api = main().api()) {
                status = api.get("/status").as(ServerStatus.class);
            }
            if (status.consoleUrl() == null) {
                throw new CliException("this server does not serve the console");
            }
            if (output.json()) {
                printJson("{\"ConsoleUrl\": \"" + status.consoleUrl() + "\"}");
            } else {
                out().println(status.consoleUrl());
            }
            return Main.OK;
        }
    }
}
