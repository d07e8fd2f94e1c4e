package io.strongroom.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;
import io.strongroom.platform.Certificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server in a process of its own ({@code io.strongroom.boot.Main up}, as bin/strongroom
 * runs it) killed with SIGKILL under load, then started again: every request that was answered
 * before the kill has its record in the bucket after the restart, and the digest chain verifies.
 */
class AuditAfterKillTest {
    @TempDir
    Path home;
    private Process process;

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void killNineUnderLoad_everyAcknowledgedRecordIsDeliveredAfterRestart() throws Exception {
        Files.writeString(home.resolve("strongroom.yaml"), """
                api: {port: 0}
                endpoint: {port: %d}
                audit: {interval: PT2S, node: crashy}
                """.formatted(freePort()));
        process = startServer();
        HttpClient client = client();
        String instance = await(() -> firstInstance(client), id -> id != null);
        assertThat(instance).as("the demo instance; server log: %s", log()).isNotNull();
        assertThat(send(client, "POST", "/api/v1/instances/" + instance + "/security-audit/enable", "{\"Bucket\": \"demo-audit\"}").statusCode())
                .isEqualTo(200);

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                load.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> answer = send(client, "GET", "/api/v1/instances/" + instance, null);
                            if (answer.statusCode() == 200) {
                                acknowledged.add(answer.headers().firstValue("X-Request-Id").orElseThrow());
                            }
                        } catch (IOException | RuntimeException e) {
                            // the server is gone: stop when told
                        }
                    }
                    return null;
                });
            }
            await(acknowledged::size, size -> size >= 300);
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            running.set(false);
        }
        List<String> answered = new ArrayList<>(acknowledged);

        process = startServer();
        HttpClient again = client();
        Path bucket = home.resolve("buckets/demo-audit");
        Set<String> delivered = await(() -> deliveredRequestIds(bucket), ids -> ids.containsAll(answered));
        assertThat(delivered).containsAll(answered);
        assertThat(send(again, "GET", "/api/v1/instances/" + instance + "/security-audit", null).statusCode()).isEqualTo(200);

        // The kill left no delivered object outside the signed digest chain.
        assertThat(send(again, "POST", "/api/v1/instances/" + instance + "/security-audit/disable", null).statusCode()).isEqualTo(200);
        JsonNode verification = await(() -> verification(again, instance), v -> v.get("Valid").asBoolean());
        assertThat(verification.get("Digests").asInt()).isPositive();
    }

    private JsonNode verification(HttpClient client, String instance) {
        try {
            return ApiJson.mapper().readTree(send(client, "POST", "/api/v1/instances/" + instance + "/security-audit/verify",
                    "{\"Bucket\": \"demo-audit\"}").body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Process startServer() throws Exception {
        Files.deleteIfExists(home.resolve("run/server.json"));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.strongroom.boot.Main", "up")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()));
        builder.environment().put("STRONGROOM_HOME", home.toString());
        Process started = builder.start();
        await(() -> Files.exists(home.resolve("run/server.json")) || !started.isAlive(), up -> up);
        assertThat(started.isAlive()).as("the server process; see %s", home.resolve("server.log")).isTrue();
        return started;
    }

    private String log() throws IOException {
        return Files.readString(home.resolve("server.log"));
    }

    private String firstInstance(HttpClient client) {
        try {
            JsonNode list = ApiJson.mapper().readTree(send(client, "GET", "/api/v1/instances?RegionId=cn-hangzhou", null).body()).get("Instances");
            return list != null && !list.isEmpty() && list.get(0).get("Status").asText().equals("Enabled")
                    ? list.get(0).get("InstanceId").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String json) throws IOException {
        JsonNode credential = ApiJson.mapper().readTree(home.resolve("admin/credential.json").toFile());
        String pair = credential.get("AccessKeyId").asText() + ":" + credential.get("AccessKeySecret").asText();
        String apiUrl = ApiJson.mapper().readTree(home.resolve("run/server.json").toFile()).get("ApiUrl").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private HttpClient client() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("management-ca", Certificates.parseCertificate(Files.readString(home.resolve("tls/management-ca.pem"))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static Set<String> deliveredRequestIds(Path bucket) {
        Set<String> ids = new HashSet<>();
        if (!Files.isDirectory(bucket)) {
            return ids;
        }
        try (Stream<Path> objects = Files.walk(bucket)) {
            for (Path object : objects.filter(path -> path.toString().endsWith(".json.gz")).toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                        ids.add(ApiJson.mapper().readTree(line).get("RequestId").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private <T> T await(java.util.concurrent.Callable<T> probe, java.util.function.Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        T value = probe.call();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                assertThat(value).as("waited 90 s; server log: %s", Files.exists(home.resolve("server.log")) ? log() : "-").matches(done);
            }
            Thread.sleep(200);
            value = probe.call();
        }
        return value;
    }
}
