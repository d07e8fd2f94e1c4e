package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Delivery survives what a crash or a stranger leaves in the spool: a segment whose last line was
 * torn inside a multi-byte character does not stall its bucket, and partitions named by refused
 * requests (made-up instance ids) do not pile up.
 */
class AuditDeliveryRobustnessTest {
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home, """
                audit:
                  interval: PT1S
                  node: node-a
                """);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void segmentWithTornUtf8_doesNotStallDeliveryOfLaterRecords() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        Client client = ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
        TestServer.Response enabled = server.post("/api/v1/instances/" + instance + "/security-audit/enable", "{\"Bucket\": \"demo-audit\"}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        Path partition = home.resolve("audit-spool").resolve(instance);
        Files.createDirectories(partition);
        long start = (Instant.now().minusSeconds(120).toEpochMilli() / 1000) * 1000;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(("{\"Time\":\"2026-01-01T00:00:00.000Z\",\"Level\":\"INFO\",\"RequestId\":\"torn\",\"ApiName\":\"X\","
                + "\"ApiVersion\":\"v1\",\"StatusCode\":200,\"DurationMs\":1,\"UserAgent\":\"caf").getBytes(StandardCharsets.UTF_8));
        segment.write(0xC3); // first byte of a two-byte character, cut by a crash
        segment.write('\n');
        segment.write(("{\"Time\":\"2026-01-01T00:00:00.500Z\",\"Level\":\"INFO\",\"RequestId\":\"after-torn-line\",\"ApiName\":\"X\","
                + "\"ApiVersion\":\"v1\",\"StatusCode\":200,\"DurationMs\":1}\n").getBytes(StandardCharsets.UTF_8));
        Files.write(partition.resolve(start + ".log"), segment.toByteArray());

        String requestId = client.generateRandom(new GenerateRandomRequest().setLength(8)).getRequestId();

        Path bucket = home.resolve("buckets/demo-audit");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        List<String> lines = delivered(bucket);
        while (!(lines.stream().anyMatch(l -> l.contains(requestId)) && lines.stream().anyMatch(l -> l.contains("after-torn-line")))) {
            assertThat(Instant.now()).as("waited 40 s; delivered %s lines; status: %s", lines.size(),
                    server.get("/api/v1/instances/" + instance + "/security-audit").body()).isBefore(deadline);
            Thread.sleep(250);
            lines = delivered(bucket);
        }
    }

    @Test
    void unauthenticatedRequestsNamingMadeUpInstances_doNotLeaveSpoolDirectoriesBehind() throws Exception {
        for (int i = 0; i < 25; i++) {
            TestServer.Response refused = server.getWithoutCredential("/api/v1/instances/kst-madeup" + i);
            assertThat(refused.status()).isEqualTo(401);
        }
        Path spool = home.resolve("audit-spool");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long madeUp;
        do {
            Thread.sleep(500);
            try (Stream<Path> partitions = Files.list(spool)) {
                madeUp = partitions.filter(p -> p.getFileName().toString().startsWith("kst-madeup")).count();
            }
        } while (madeUp > 0 && Instant.now().isBefore(deadline));
        assertThat(madeUp).as("spool directories left by unauthenticated requests after 20 s").isZero();
    }

    private static List<String> delivered(Path bucket) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(bucket)) {
            return lines;
        }
        try (Stream<Path> objects = Files.walk(bucket)) {
            for (Path object : objects.filter(path -> path.toString().endsWith(".log.gz")).sorted().toList()) {
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
