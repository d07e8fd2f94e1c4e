package io.strongroom.cli;

import io.strongroom.api.HsmClusterView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Initialise an HSM cluster: the domain-key ceremony. One AES-256 domain key is generated inside the "
                + "first node and carried to every other node wrapped, so its material never leaves the HSMs.",
                "The HSM password comes from --password-file, --password-stdin, or a prompt; never from an argument."})
final class HsmClusterInitCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "HsmClusterId", description = "The cluster to initialise.")
    private String hsmClusterId;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "kmsuser",
            description = "The HSM crypto user (default ${DEFAULT-VALUE}).")
    private String user;

    @Mixin
    private PasswordSource password;

    @Override
    public Integer call() {
        password.check();
        try (ApiClient api = main().api()) {
            byte[] body = password.requestJson(user, credential -> credential);
            print(api.post("/hsm-clusters/" + ApiClient.encode(hsmClusterId) + "/init", body), HsmClusterView.class,
                    HsmClusterText::describe);
        }
        return Main.OK;
    }
}
