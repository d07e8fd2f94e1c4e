package io.strongroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server on loopback: S3Mock's standalone jar (fetched by the build into
 * {@code target/s3mock}) in a child JVM, with one bucket. {@link #stop} and {@link #start} take
 * it away and bring it back on the same port, for delivery while the bucket is down.
 */
public final class S3MockServer implements AutoCloseable {
    private static final Path JAR = Path.of("target", "s3mock", "s3mock-exec.jar").toAbsolutePath();

    private final Path root;
    private final String bucket;
    private final int httpPort;
    private final int httpsPort;
    private Process process;

    private S3MockServer(Path root, String bucket, int httpPort, int httpsPort) {
        this.root = root;
        this.bucket = bucket;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    public static boolean available() {
        return Files.isRegularFile(JAR);
    }

    /** Starts S3Mock with {@code bucket}, storing under {@code root}; returns once it answers. */
    public static S3MockServer start(Path root, String bucket) {
        S3MockServer server = new S3MockServer(root, bucket, freePort(), freePort());
        server.start();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + httpPort;
    }

    public void start() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-jar", JAR.toString(),
                "--http.port=" + httpPort, "--server.port=" + httpsPort))
                .redirectErrorStream(true).redirectOutput(root.resolve("s3mock.log").toFile());
        builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", bucket);
        builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", root.resolve("store").toString());
        builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_RETAIN_FILES_ON_EXIT", "true");
        try {
            Files.createDirectories(root);
            process = builder.start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + root.resolve("s3mock.log"));
            }
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("S3Mock did not answer within 90 s; see " + root.resolve("s3mock.log"));
    }

    /** Stops the server (its port is then refused) and waits until it is gone. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
