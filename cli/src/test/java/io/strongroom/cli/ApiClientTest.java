package io.strongroom.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiClientTest {
    @TempDir
    Path home;

    @BeforeEach
    void writeCredential() throws Exception {
        Files.createDirectories(home.resolve("admin"));
        Files.writeString(home.resolve("admin/credential.json"), "{\"AccessKeyId\": \"SRAKTEST\", \"AccessKeySecret\": \"s\"}");
    }

    @Test
    void encode_reservedCharacters_percentEncoded() {
        assertThat(ApiClient.encode("kst-hzz6_5.~")).isEqualTo("kst-hzz6_5.~");
        assertThat(ApiClient.encode("../a b/c?d#é")).isEqualTo("..%2Fa%20b%2Fc%3Fd%23%C3%A9");
    }

    @Test
    void nothingListening_saysServerIsNotRunning_noStackTrace() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "https://127.0.0.1:" + port;
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString(), "STRONGROOM_API_URL", url), "instance", "list", "--region", "cn-hangzhou");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).isEqualTo("Error: cannot reach the Strongroom API at " + url
                + ": is the server running? (bin/strongroom up)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void apiUrlFromServerJson_usedWhenNoFlag() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/server.json"), "{\"ApiUrl\": \"https://127.0.0.1:" + port + "\", \"SomeNewField\": 1}");
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString()), "region", "list");
        assertThat(run.err()).as(run.toString()).contains("cannot reach the Strongroom API at https://127.0.0.1:" + port + ":");
    }

    @Test
    void debug_printsTheStackTrace() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString()), "--debug", "--api-url", "https://127.0.0.1:" + port, "status");
        assertThat(run.err()).contains("cannot reach").contains("java.net.ConnectException");
    }

    @Test
    void plainHttpUrl_refusedBeforeSendingTheKey() {
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString()), "status", "--api-url", "http://127.0.0.1:8443");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("is not an https:// URL");
    }

    @Test
    void apiUrlWithApiPath_trimmedToTheBase() {
        Locations locations = Locations.resolve(home, "https://127.0.0.1:8443/api/v1/", null, null, Map.of());
        assertThat(locations.apiBase()).hasToString("https://127.0.0.1:8443");
    }

    @Test
    void caFileGivenButMissing_saysSo() {
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString()), "status", "--api-url", "https://127.0.0.1:1",
                "--ca-file", home.resolve("absent.pem").toString());
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("cannot read the CA file").contains("absent.pem");
    }

    @Test
    void caFileNotPem_saysSo() throws Exception {
        Path garbage = Files.writeString(home.resolve("ca.pem"), "not a certificate");
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString(), "STRONGROOM_CA_FILE", garbage.toString()),
                "status", "--api-url", "https://127.0.0.1:1");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("the CA file " + garbage);
    }
}
