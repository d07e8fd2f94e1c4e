package io.strongroom.cli;

import io.strongroom.api.AuditPublicKeyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "public-key", mixinStandardHelpOptions = true,
        description = "Print the instance's public audit key (PEM), which checks the signatures of its digest objects.")
final class AuditPublicKeyCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance.")
    private String instanceId;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get(AuditCommand.path(instanceId) + "/public-key"), AuditPublicKeyView.class,
                    (view, out) -> out.print(view.publicKey()));
        }
        return Main.OK;
    }
}
