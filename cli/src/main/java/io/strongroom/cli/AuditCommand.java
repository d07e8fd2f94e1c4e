package io.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Security audit of an instance: every request's record goes to an audit bucket every audit.interval "
                + "(default one hour).", "List the configured buckets with 'strongroom audit buckets'."},
        subcommands = {AuditEnableCommand.class, AuditDisableCommand.class, AuditStatusCommand.class, AuditBacklogCommand.class,
                AuditBucketsCommand.class, AuditVerifyCommand.class, AuditPublicKeyCommand.class})
final class AuditCommand {
    static String path(String instanceId) {
        return "/instances/" + ApiClient.encode(instanceId) + "/security-audit";
    }
}
