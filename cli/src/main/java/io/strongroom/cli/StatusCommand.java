package io.strongroom.cli;

import io.strongroom.api.ServerStatus;
import picocli.CommandLine.Command;

import java.io.PrintStream;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show where the server serves the management API, the console and the instance endpoints, "
                + "and its store and data directory.")
final class StatusCommand extends StrongroomCommand {
    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get("/status"), ServerStatus.class, StatusCommand::text);
        }
        return Main.OK;
    }

    static void text(ServerStatus status, PrintStream out) {
        new KeyValues()
                .add("Version", status.version())
                .add("ApiUrl", status.apiUrl())
                .add("ConsoleUrl", status.consoleUrl() == null ? "not served yet" : status.consoleUrl())
                .add("InstanceEndpoint", status.instanceEndpoint() + (status.instanceEndpointServing() ? " (served)" : " (not served yet)"))
                .add("Store", status.storeKind())
                .add("DataDirectory", status.dataDirectory())
                .print(out);
    }
}
