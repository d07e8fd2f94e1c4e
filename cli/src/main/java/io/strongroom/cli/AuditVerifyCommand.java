package io.strongroom.cli;

import io.strongroom.api.AuditVerificationView;
import io.strongroom.api.VerifySecurityAuditRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove an instance's delivered audit logs complete and untampered: every digest in the bucket is signed "
                + "by the instance's audit key (held in its HSM cluster), each node's digests form an unbroken chain, every log "
                + "object a digest names is there with the SHA-256 it names, and no log object is in no digest.",
                "Each object that is MISSING, ALTERED, REORDERED or EXTRA is named on its own line."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the logs are complete and untampered", "1:the API refused or failed the request, or could not be reached",
                "2:usage error", "5:an object is missing, altered, reordered or extra (each is named)"})
final class AuditVerifyCommand extends StrongroomCommand {
    static final int FINDINGS = 5;

    @Parameters(index = "0", paramLabel = "InstanceId", description = "The instance.")
    private String instanceId;

    @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "The audit bucket the logs were delivered to.")
    private String bucket;

    @Option(names = "--from", paramLabel = "TIME", description = "Check intervals starting at or after TIME (ISO 8601, e.g. 2026-11-29T00:00:00Z).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Check intervals starting before TIME (ISO 8601).")
    private String to;

    @Override
    public Integer call() {
        AuditVerificationView verification;
        try (ApiClient api = main().api()) {
            ApiClient.Reply reply = api.post(AuditCommand.path(instanceId) + "/verify",
                    AccessCommand.json(new VerifySecurityAuditRequest(bucket, from, to)));
            verification = reply.as(AuditVerificationView.class);
            print(reply, AuditVerificationView.class, AuditVerifyCommand::describe);
        }
        return verification.valid() ? Main.OK : FINDINGS;
    }

    static void describe(AuditVerificationView verification, PrintStream out) {
        verification.findings().forEach(finding -> out.println(finding.problem() + " " + finding.object() + ": " + finding.message()));
        String range = verification.firstInterval() == null ? "" : ", intervals " + verification.firstInterval() + " to "
                + verification.lastInterval();
        out.println((verification.valid() ? "Verified: " : "NOT verified: " + verification.findings().size() + " finding(s); ")
                + verification.digests() + " digest(s), " + verification.objects() + " log object(s), node(s) "
                + String.join(", ", verification.nodes()) + range + " in bucket " + verification.bucket() + ".");
    }
}
