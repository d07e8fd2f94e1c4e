package io.strongroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;
import io.strongroom.platform.Certificates;
import io.strongroom.platform.DataDirectory;
import io.strongroom.boot.Strongroom;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A real Strongroom server on an ephemeral port over a data directory of the test's, and a
 * real HTTPS client that trusts the directory's management CA and carries its admin key.
 */
public final class TestServer implements AutoCloseable {
    private final DataDirectory home;
    private Strongroom server;
    private HttpClient client;

    private TestServer(Path home) {
        this.home = new DataDirectory(home);
    }

    /** Starts a server on {@code home}, writing a test configuration (port 0, fast health checks) if none is there. */
    public static TestServer start(Path home) {
        return start(home, "");
    }

    /** As {@link #start(Path)}, with more configuration lines (YAML) appended on first start. */
    public static TestServer start(Path home, String moreConfiguration) {
        try {
            Files.createDirectories(home);
            Path config = home.resolve("strongroom.yaml");
            if (!Files.exists(config)) {
                Files.writeString(config, """
                        api:
                          port: 0
                        endpoint:
                          port: %d
                        hsm:
                          callTimeout: PT8S
                          healthCheckInterval: PT1H
                        """.formatted(freePort()) + moreConfiguration);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestServer test = new TestServer(home);
        test.boot();
        return test;
    }

    /** A port free now; the endpoint's port must be known before start, as it is part of every VpcAddress. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void boot() {
        server = Strongroom.start(home, Map.of());
        client = HttpClient.newBuilder().sslContext(trustingManagementCa()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Stops the server and starts it again on the same data directory. */
    public void restart() {
        stop();
        startAgain();
    }

    /** Stops the server, leaving its data directory. */
    public void stop() {
        server.close();
    }

    /** Starts the server again after {@link #stop()}. */
    public void startAgain() {
        boot();
    }

    public Strongroom server() {
        return server;
    }

    public Path home() {
        return home.root();
    }

    public String apiUrl() {
        return server.apiUrl();
    }

    /** The HTTPS client that trusts the management CA, for requests with headers of the test's own (it adds no credential). */
    public HttpClient httpClient() {
        return client;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path)).GET(), true);
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), true);
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), true);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path)).DELETE(), true);
    }

    public Response getWithoutCredential(String path) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path)).GET(), false);
    }

    private Response send(HttpRequest.Builder request, boolean authenticated) {
        if (authenticated) {
            JsonNode credential = readJson(home.adminCredentialFile());
            String pair = credential.get("AccessKeyId").asText() + ":" + credential.get("AccessKeySecret").asText();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP status and body; {@link #json()} parses the body. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return ApiJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    /** Polls an instance until it leaves {@code Creating}; returns its final description. */
    public Response awaitSettled(String instanceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response response = get("/api/v1/instances/" + instanceId);
        while ("Creating".equals(response.text("Status")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = get("/api/v1/instances/" + instanceId);
        }
        return response;
    }

    private SSLContext trustingManagementCa() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("management-ca",
                    Certificates.parseCertificate(Files.readString(home.managementCaCertificate())));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the management CA", e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return ApiJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
