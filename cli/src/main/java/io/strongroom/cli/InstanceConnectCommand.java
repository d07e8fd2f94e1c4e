package io.strongroom.cli;

import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Connect a Disabled instance to its HSM cluster with the HSM crypto user's credential: "
                + "Disabled -> Creating -> Enabled, or Disabled again with an ErrorCode (INVALID_CREDENTIALS, HSM_UNREACHABLE, "
                + "INSUFFICIENT_HSMS, DOMAIN_KEY_MISMATCH, USER_LOCKED_OUT, INTERNAL_ERROR).",
                "Waits for the outcome unless --no-wait. The HSM password comes from --password-file, --password-stdin, "
                        + "or a prompt; never from an argument."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Enabled (or accepted, with --no-wait)", "1:refused by the API, or the API could not be reached",
                "2:usage error", "3:ended Disabled (the ErrorCode says why)", "4:still Creating when --wait-timeout ran out"})
final class InstanceConnectCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance to connect.")
    private String instanceId;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "kmsuser",
            description = "The HSM crypto user (default ${DEFAULT-VALUE}).")
    private String user;

    @Mixin
    private PasswordSource password;

    @Mixin
    private InstanceWait wait;

    @Override
    public Integer call() {
        password.check();
        try (ApiClient api = main().api()) {
            byte[] body = password.requestJson(user, credential -> credential);
            ApiClient.Reply accepted = api.post("/instances/" + ApiClient.encode(instanceId) + "/connect", body);
            InstanceWait.Outcome outcome = wait.await(api, accepted, progress());
            print(outcome.reply(), InstanceView.class, InstanceText::describe);
            return wait.exitStatus(outcome, err());
        }
    }
}
