package io.strongroom.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;
import io.strongroom.testing.Await;
import io.strongroom.testing.S3MockServer;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Delivery to an S3-compatible bucket (S3Mock, a real S3 API server on loopback): objects under the
 * contract's names with the records of the requests made; an unreachable bucket refused at enable;
 * the server taken away for several intervals and brought back, after which every record made
 * meanwhile is in the bucket exactly once.
 */
class S3AuditDeliveryTest {
    private static final String BUCKET = "strongroom-audit";
    @TempDir
    static Path home;
    @TempDir
    static Path s3root;
    static S3MockServer s3;
    static TestServer server;
    static S3Client reader;
    static String instance;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        assumeTrue(S3MockServer.available(), "S3Mock's jar is not in target/s3mock (the build's process-test-resources fetches it)");
        s3 = S3MockServer.start(s3root, BUCKET);
        Files.createDirectories(home);
        Files.writeString(home.resolve("s3-credential.json"), "{\"AccessKeyId\": \"test-key\", \"SecretAccessKey\": \"test-secret\"}");
        server = TestServer.start(home, """
                audit:
                  interval: PT1S
                  node: node-s3
                  buckets:
                    - {name: audit-s3, kind: s3, endpoint: "%s", region: us-east-1, bucket: %s, pathStyle: true,
                       credentialsFile: s3-credential.json, prefix: logs}
                """.formatted(s3.endpoint(), BUCKET));
        reader = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        instance = TestClusters.enabledInstance(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void s3Bucket_downSeveralIntervals_thenUp_everyRecordArrivesOnce_underContractNames() throws Exception {
        TestServer.Response enabled = server.post(base() + "/enable", "{\"Bucket\": \"audit-s3\"}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        String before = describe();
        List<String> lines = Await.until(() -> deliveredJson(), all -> all.stream().anyMatch(line -> line.contains(before)));
        assertThat(lines).anyMatch(line -> line.contains("\"RequestId\":\"" + before + "\"") && line.contains("\"ApiName\":\"DescribeInstance\""));
        assertThat(keys()).allMatch(key -> key.matches("logs/" + instance + "/\\d{4}/\\d\\d/\\d\\d/" + instance
                + "_node-s3_\\d{14}\\.(log\\.gz|json\\.gz|digest)"), "object names").anyMatch(key -> key.endsWith(".log.gz"));

        s3.stop();
        List<String> whileDown = new ArrayList<>();
        try {
            Instant until = Instant.now().plusSeconds(4);
            while (Instant.now().isBefore(until)) {
                whileDown.add(describe());
                Thread.sleep(200);
            }
            JsonNode status = Await.until(() -> server.get(base()).json(), s -> s.get("LastDeliveryError") != null
                    && s.get("BacklogSegments").asInt() > 1);
            assertThat(status.get("BacklogRecords").asLong()).isGreaterThanOrEqualTo(whileDown.size());
            TestServer.Response refused = server.post(base() + "/enable", "{\"Bucket\": \"audit-s3\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.text("Message")).contains("audit-s3").contains("cannot take objects now");
            TestServer.Response unchanged = server.get("/api/v1/instances/" + instance);
            assertThat(unchanged.text("SecurityAudit")).isEqualTo("Enabled");
            assertThat(unchanged.text("AuditBucket")).isEqualTo("audit-s3");
        } finally {
            s3.start();
        }
        List<String> after = Await.until(() -> deliveredJson(),
                all -> whileDown.stream().allMatch(id -> all.stream().anyMatch(line -> line.contains(id))));
        for (String id : whileDown) {
            assertThat(after.stream().filter(line -> line.contains("\"RequestId\":\"" + id + "\""))).as(id).hasSize(1);
        }
        server.post(base() + "/disable", "");

        // The digest chain over S3 verifies, and an object deleted from the bucket is named.
        JsonNode verified = Await.until(() -> verify(), v -> v.get("Valid").asBoolean());
        assertThat(verified.get("Digests").asInt()).isGreaterThanOrEqualTo(2);
        String victim = keys().stream().filter(key -> key.endsWith(".log.gz")).findFirst().orElseThrow();
        reader.deleteObject(request -> request.bucket(BUCKET).key(victim));
        JsonNode broken = verify();
        assertThat(broken.get("Valid").asBoolean()).isFalse();
        assertThat(broken.get("Findings").get(0).get("Problem").asText()).isEqualTo("MISSING");
        assertThat(broken.get("Findings").get(0).get("Object").asText()).isEqualTo(victim);
    }

    private static JsonNode verify() {
        TestServer.Response verification = server.post(base() + "/verify", "{\"Bucket\": \"audit-s3\"}");
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        return verification.json();
    }

    /** A DescribeInstance call; returns its request id. */
    private static String describe() throws Exception {
        JsonNode credential = ApiJson.mapper().readTree(home.resolve("admin/credential.json").toFile());
        String pair = credential.get("AccessKeyId").asText() + ":" + credential.get("AccessKeySecret").asText();
        HttpResponse<String> answer = server.httpClient().send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/api/v1/instances/" + instance))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static String base() {
        return "/api/v1/instances/" + instance + "/security-audit";
    }

    private static List<String> keys() {
        return reader.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    private static List<String> deliveredJson() {
        List<String> lines = new ArrayList<>();
        for (String key : keys()) {
            if (key.endsWith(".json.gz")) {
                try (InputStream in = new GZIPInputStream(reader.getObject(request -> request.bucket(BUCKET).key(key)))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }
}
