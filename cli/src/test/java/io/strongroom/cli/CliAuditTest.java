package io.strongroom.cli;

import io.strongroom.api.ApiJson;
import io.strongroom.api.InstanceView;
import io.strongroom.api.SecurityAuditView;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

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
        server = TestServer.start(home);
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
    void auditEnable_unknownBucket_isOneClearErrorAndStateUnchanged() {
        String instance = TestClusters.enabledInstance(server);
        CliRun refused = cli("audit", "enable", instance, "--bucket", "nowhere");
        assertThat(refused.status()).isEqualTo(Main.FAILED);
        assertThat(refused.err()).contains("nowhere").contains("demo-audit").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(cli("instance", "describe", instance).out()).containsPattern("SecurityAudit:\\s+Disabled");
    }
}
