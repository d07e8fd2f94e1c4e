package io.strongroom.cli;

import io.strongroom.api.EnableSecurityAuditRequest;
import io.strongroom.api.InstanceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enable", mixinStandardHelpOptions = true,
        description = {"Enable security audit of an instance: from now on the log of every request reaches the bucket each "
                + "audit.interval.", "A bucket that is not configured, or cannot take objects now, is refused and the audit "
                + "state stays as it was."})
final class AuditEnableCommand extends StrongroomCommand {
    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance.")
    private String instanceId;

    @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "One of the configured audit buckets.")
    private String bucket;

    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.post(AuditCommand.path(instanceId) + "/enable", AccessCommand.json(new EnableSecurityAuditRequest(bucket))),
                    InstanceView.class, InstanceText::describe);
        }
        return Main.OK;
    }
}
