package io.strongroom.audit;

import io.strongroom.testing.Await;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An instance disconnected from its HSM cluster cannot sign: its log objects are still delivered,
 * verify cannot vouch for them yet (the metrics show them awaiting a digest), and the digest naming
 * them follows once it is connected again.
 */
class AuditDigestWhileDisconnectedTest {
    @TempDir
    static Path home;
    static TestServer server;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home, """
                audit:
                  interval: PT1S
                """);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void objectsDeliveredWhileDisconnected_getTheirDigestAfterReconnect() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        String base = "/api/v1/instances/" + instance + "/security-audit";
        assertThat(server.post("/api/v1/instances/" + instance + "/disconnect", "").status()).isEqualTo(200);
        assertThat(server.post(base + "/enable", "{\"Bucket\": \"demo-audit\"}").status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(server.get("/api/v1/instances/" + instance).text("Status")).isEqualTo("Disabled");
            Thread.sleep(300);
        }
        Path folder = home.resolve("buckets/demo-audit/AuditLogs/" + instance);
        Await.until(() -> count(folder, ".log.gz"), logs -> logs >= 2);
        Thread.sleep(1500);
        assertThat(count(folder, ".digest")).as("digests while the instance cannot sign").isZero();
        TestServer.Response unverifiable = server.post(base + "/verify", "{\"Bucket\": \"demo-audit\"}");
        assertThat(unverifiable.status()).as(unverifiable.body()).isEqualTo(409);
        assertThat(unverifiable.text("Message")).contains("no audit signing key yet");
        assertThat(metric("strongroom_audit_awaiting_digest_objects", instance)).isGreaterThanOrEqualTo(4);
        assertThat(metric("strongroom_audit_backlog_records", instance)).isGreaterThanOrEqualTo(1);
        assertThat(server.getWithoutCredential("/api/v1/metrics").status()).isEqualTo(401);

        assertThat(server.post("/api/v1/instances/" + instance + "/connect", TestClusters.credential(TestClusters.PASSWORD)).status())
                .isEqualTo(202);
        assertThat(server.awaitSettled(instance).text("Status")).isEqualTo("Enabled");
        assertThat(server.post(base + "/disable", "").status()).isEqualTo(200);
        TestServer.Response verified = Await.until(() -> server.post(base + "/verify", "{\"Bucket\": \"demo-audit\"}"),
                response -> response.status() == 200 && response.json().get("Valid").asBoolean());
        assertThat(verified.json().get("Objects").asInt()).isEqualTo(2 * count(folder, ".log.gz"));
        assertThat(metric("strongroom_audit_awaiting_digest_objects", instance)).isZero();
    }

    /** The value of an instance's gauge in the Prometheus text of /api/v1/metrics. */
    private static double metric(String name, String instance) {
        TestServer.Response metrics = server.get("/api/v1/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        String prefix = name + "{instance=\"" + instance + "\"} ";
        return metrics.body().lines().filter(line -> line.startsWith(prefix)).map(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "in\n" + metrics.body()));
    }

    private static long count(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(suffix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
