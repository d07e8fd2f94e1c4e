package io.strongroom.cli;

import io.strongroom.api.CreateInstanceRequest;
import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an instance on an initialised HSM cluster and connect it with the HSM crypto user's credential: "
                + "Creating -> Enabled, or Disabled with an ErrorCode saying why.",
                "Waits for the outcome unless --no-wait. The HSM password comes from --password-file, --password-stdin, "
                        + "or a prompt; never from an argument."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Enabled (or accepted, with --no-wait)", "1:refused by the API, or the API could not be reached",
                "2:usage error", "3:ended Disabled (the ErrorCode says why)", "4:still Creating when --wait-timeout ran out"})
final class InstanceCreateCommand extends StrongroomCommand {
    @Option(names = "--region", required = true, paramLabel = "REGION", description = "The region, e.g. cn-hangzhou.")
    private String regionId;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The instance name.")
    private String name;

    @Option(names = "--vpc-id", required = true, paramLabel = "VPC", description = "The VPC (network) the instance serves.")
    private String vpcId;

    @Option(names = "--cidr", required = true, paramLabel = "CIDR", split = ",",
            description = "An address range allowed to reach the endpoint, e.g. 10.0.0.0/8. Repeat for more.")
    private List<String> allowedCidrs;

    @Option(names = "--spec", paramLabel = "QPS", description = "The endpoint's limit in requests per second (default: the server's, 1000).")
    private Integer spec;

    @Option(names = "--hsm-cluster", required = true, paramLabel = "HsmClusterId",
            description = "The initialised HSM cluster to bind; one cluster serves one instance.")
    private String hsmClusterId;

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
            byte[] body = password.requestJson(user, credential ->
                    new CreateInstanceRequest(regionId, name, vpcId, allowedCidrs, spec, hsmClusterId, credential));
            ApiClient.Reply accepted = api.post("/instances", body);
            InstanceWait.Outcome outcome = wait.await(api, accepted, progress());
            print(outcome.reply(), InstanceView.class, InstanceText::describe);
            return wait.exitStatus(outcome, err());
        }
    }
}
