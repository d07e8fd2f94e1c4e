package io.strongroom.cli;

import io.strongroom.api.AuditBucketList;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Objects;

@Command(name = "buckets", mixinStandardHelpOptions = true, description = "List the audit buckets this server is configured with.")
final class AuditBucketsCommand extends StrongroomCommand {
    @Override
    public Integer call() {
        try (ApiClient api = main().api()) {
            print(api.get("/audit-buckets"), AuditBucketList.class,
                    (list, out) -> Objects.requireNonNullElse(list.buckets(), List.<String>of()).forEach(out::println));
        }
        return Main.OK;
    }
}
