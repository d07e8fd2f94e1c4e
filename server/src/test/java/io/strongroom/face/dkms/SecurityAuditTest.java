package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest;
import io.strongroom.testing.Await;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Security audit end to end on the embedded local-directory bucket: enable and disable through the
 * API, records from the management API and from the instance endpoint (the official client) in
 * both formats, delivered every interval (PT1S here) under the contract's object names, and a
 * bucket that is down for several intervals getting every record once when it is back.
 */
class SecurityAuditTest {
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;
    static String instance;
    static Client client;
    static Path bucket;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home, """
                audit:
                  interval: PT1S
                  node: node-a
                """);
        instance = TestClusters.enabledInstance(server);
        client = ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
        bucket = home.resolve("buckets/demo-audit");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void enable_unknownBucket_isRefusedAndAuditStaysDisabled() {
        TestServer.Response refused = server.post(base() + "/enable", "{\"Bucket\": \"no-such-bucket\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("Code")).isEqualTo("InvalidParameter");
        assertThat(refused.text("Message")).contains("no-such-bucket").contains("demo-audit");
        assertThat(server.get("/api/v1/instances/" + instance).text("SecurityAudit")).isEqualTo("Disabled");
        assertThat(server.get("/api/v1/audit-buckets").json().get("Buckets").get(0).asText()).isEqualTo("demo-audit");
    }

    @Test
    void enabledInstance_recordsOfBothFacesReachTheBucket_inBothFormats_underContractNames() throws Exception {
        enable();
        try {
            TestServer.Response described = server.get("/api/v1/instances/" + instance);
            assertThat(described.text("SecurityAudit")).isEqualTo("Enabled");
            assertThat(described.text("AuditBucket")).isEqualTo("demo-audit");
            byte[] random = client.generateRandom(new GenerateRandomRequest().setLength(16)).getRandom();
            assertThat(random).hasSize(16);

            List<String> lines = Await.until(() -> delivered(".log.gz"), all -> all.stream().anyMatch(line -> line.contains(" GenerateRandom ")));
            String generateRandom = lines.stream().filter(line -> line.contains(" GenerateRandom ")).findFirst().orElseThrow();
            assertThat(generateRandom).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d \\[INFO] - - [0-9a-f-]{36} GenerateRandom - "
                    + "\\S+ - app - " + instance + " - \\d+ - -");
            assertThat(lines).anyMatch(line -> line.matches(".* \\[INFO] - - \\S+ DescribeInstance - \\S+ - \\S+ - " + instance + " - \\d+ - -"));
            List<String> json = delivered(".json.gz");
            assertThat(json).anyMatch(line -> line.contains("\"ApiName\":\"GenerateRandom\"") && line.contains("\"StatusCode\":200")
                    && line.contains("\"IdentityType\":\"ClientKey\"") && line.contains("\"Region\":\"cn-hangzhou\"")
                    && line.contains("\"ApiVersion\":\"dkms-gcs-0.2\"") && line.contains("\"ClientIp\":\"127.0.0.1\""));
            assertThat(String.join("\n", json)).doesNotContain(ApplicationClients.CLIENT_KEY_PASSWORD);
            try (Stream<Path> objects = Files.walk(bucket)) {
                assertThat(objects.filter(Files::isRegularFile).map(path -> bucket.relativize(path).toString().replace('\\', '/')))
                        .allMatch(name -> name.matches("AuditLogs/" + instance + "/\\d{4}/\\d\\d/\\d\\d/" + instance
                                + "_node-a_\\d{14}\\.(log\\.gz|json\\.gz|digest)"), "object names");
            }
        } finally {
            server.post(base() + "/disable", "");
        }
    }

    @Test
    void bucketDownSeveralIntervals_thenUp_deliversEveryRecordOnce() throws Exception {
        enable();
        Path away = home.resolve("buckets/demo-audit-away");
        Files.move(bucket, away);
        List<String> requestIds = new ArrayList<>();
        try {
            Instant until = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(until)) {
                String requestId = client.generateRandom(new GenerateRandomRequest().setLength(8)).getRequestId();
                assertThat(requestId).isNotBlank();
                requestIds.add(requestId);
                Thread.sleep(100);
            }
            TestServer.Response status = Await.until(() -> server.get(base()), s -> s.json().get("LastDeliveryError") != null);
            assertThat(status.json().get("BacklogSegments").asInt()).isGreaterThan(1);
            assertThat(status.json().get("BacklogRecords").asLong()).isGreaterThanOrEqualTo(requestIds.size());
        } finally {
            Files.move(away, bucket);
        }
        List<String> lines = Await.until(() -> delivered(".log.gz"), all -> requestIds.stream().allMatch(id -> all.stream().anyMatch(l -> l.contains(id))));
        for (String id : requestIds) {
            assertThat(lines.stream().filter(line -> line.contains(" " + id + " "))).as(id).hasSize(1);
        }
        server.post(base() + "/disable", "");
        assertThat(server.get("/api/v1/instances/" + instance).text("SecurityAudit")).isEqualTo("Disabled");
    }

    private static void enable() {
        TestServer.Response enabled = server.post(base() + "/enable", "{\"Bucket\": \"demo-audit\"}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.text("SecurityAudit")).isEqualTo("Enabled");
    }

    private static String base() {
        return "/api/v1/instances/" + instance + "/security-audit";
    }

    /** Every line of every delivered object whose name ends with {@code suffix}. */
    private static List<String> delivered(String suffix) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(bucket)) {
            return lines;
        }
        try (Stream<Path> objects = Files.walk(bucket)) {
            for (Path object : objects.filter(path -> path.toString().endsWith(suffix)).sorted().toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
