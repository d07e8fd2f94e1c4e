package io.strongroom.cli;

import io.strongroom.api.ApiJson;
import io.strongroom.api.InstanceView;
import io.strongroom.api.SecurityAuditView;
import io.strongroom.testing.Await;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The audit commands against a real server. */
class CliAuditTest {
    @TempDir
    static Path home;
    static TestServer server;
    static Map<String, String> environment;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home, """
                audit:
                  interval: PT1S
                """);
        environment = Map.of("STRONGROOM_HOME", home.toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun cli(String... args) {
        return CliRun.run(environment, args);
    }

    @Test
    void auditEnableStatusBacklogDisable_userSpellings_work() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        assertThat(cli("audit", "buckets").out()).isEqualTo("demo-audit\n");

        CliRun enabled = cli("audit", "enable", instance, "--bucket", "demo-audit", "--output", "json");
        assertThat(enabled.status()).as(enabled.toString()).isZero();
        InstanceView view = ApiJson.mapper().readValue(enabled.out(), InstanceView.class);
        assertThat(view.securityAudit()).isEqualTo("Enabled");
        assertThat(view.auditBucket()).isEqualTo("demo-audit");

        CliRun status = cli("audit", "status", instance);
        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("SecurityAudit:\\s+Enabled").containsPattern("AuditBucket:\\s+demo-audit")
                .contains("BacklogRecords:");
        SecurityAuditView backlog = ApiJson.mapper().readValue(cli("audit", "backlog", instance, "--output", "json").out(),
                SecurityAuditView.class);
        assertThat(backlog.backlogRecords()).isPositive();

        CliRun disabled = cli("audit", "disable", instance);
        assertThat(disabled.status()).as(disabled.toString()).isZero();
        assertThat(disabled.out()).containsPattern("SecurityAudit:\\s+Disabled");
    }

    @Test
    void auditVerify_exitsZeroOnIntactLogs_andFiveNamingAnAlteredObject() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        assertThat(cli("audit", "enable", instance, "--bucket", "demo-audit").status()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(cli("instance", "describe", instance).status()).isZero();
            Thread.sleep(300);
        }
        assertThat(cli("audit", "disable", instance).status()).isZero();
        CliRun verified = Await.until(() -> cli("audit", "verify", instance, "--bucket", "demo-audit"), run -> run.status() == 0
                && !run.out().contains(" 0 digest(s)"));
        assertThat(verified.out()).startsWith("Verified: ").contains("in bucket demo-audit.");
        assertThat(cli("audit", "public-key", instance).out()).startsWith("-----BEGIN PUBLIC KEY-----\n");

        Path log;
        try (Stream<Path> files = Files.walk(home.resolve("buckets/demo-audit/AuditLogs/" + instance))) {
            log = files.filter(file -> file.toString().endsWith(".log.gz")).findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(log);
        content[content.length - 5] ^= 0x10;
        Files.write(log, content);
        CliRun altered = cli("audit", "verify", instance, "--bucket", "demo-audit");
        assertThat(altered.status()).as(altered.toString()).isEqualTo(AuditVerifyCommand.FINDINGS);
        assertThat(altered.out()).contains("ALTERED " + home.resolve("buckets/demo-audit").relativize(log).toString().replace('\\', '/'))
                .contains("NOT verified: 1 finding(s)");
        CliRun json = cli("audit", "verify", instance, "--bucket", "demo-audit", "--output", "json");
        assertThat(json.status()).isEqualTo(AuditVerifyCommand.FINDINGS);
        assertThat(ApiJson.mapper().readTree(json.out()).get("Findings").get(0).get("Problem").asText()).isEqualTo("ALTERED");

        CliRun badTime = cli("audit", "verify", instance, "--bucket", "demo-audit", "--from", "last tuesday");
        assertThat(badTime.status()).isEqualTo(Main.FAILED);
        assertThat(badTime.err()).contains("From").contains("ISO 8601").doesNotContain("\tat ");
    }

    @Test
    void auditEnable_unknownBucket_isOneClearErrorAndStateUnchanged() {
        String instance = TestClusters.enabledInstance(server);
        CliRun refused = cli("audit", "enable", instance, "--bucket", "nowhere");
        assertThat(refused.status()).isEqualTo(Main.FAILED);
        assertThat(refused.err()).contains("nowhere").contains("demo-audit").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(cli("instance", "describe", instance).out()).containsPattern("SecurityAudit:\\s+Disabled");
    }
}
