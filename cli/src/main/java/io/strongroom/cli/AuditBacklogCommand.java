package io.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "backlog", mixinStandardHelpOptions = true,
        description = {"Show what waits for delivery to an instance's audit bucket on this node (the same answer as 'audit status').",
                "A LastDeliveryError line means the bucket refuses objects; delivery retries with backoff and nothing is lost."})
final class AuditBacklogCommand extends AuditStatusCommand {
}
