package io.strongroom.hsm;

import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A module that never returns: calls fail with TIMEOUT, and the server keeps answering. */
class HungHsmTest {
    @TempDir
    Path directory;

    private Path hungModule() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path source = directory.resolve("hung-pkcs11.c");
        try (InputStream in = HungHsmTest.class.getResourceAsStream("/hung-pkcs11.c")) {
            Files.copy(in, source);
        }
        Path library = directory.resolve("libhung-pkcs11.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor()).as(output).isZero();
        return library;
    }

    @Test
    void probe_hungModule_failsWithTimeoutWithinTheCallTimeout() throws Exception {
        Path module = hungModule();
        try (HsmToken token = HsmTokens.open(new TokenLocation(module.toString(), "any"), Duration.ofMillis(500))) {
            long started = System.nanoTime();
            assertThatThrownBy(token::probe).isInstanceOfSatisfying(HsmException.class,
                    e -> assertThat(e.failure()).isEqualTo(HsmFailure.TIMEOUT));
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("HungHsmTest: the hung probe returned after " + millis + " ms (timeout 500 ms)");
            assertThatThrownBy(() -> token.login("pin".toCharArray())).isInstanceOf(HsmException.class);
        }
    }

    @Test
    void register_hungModule_isRefusedAndTheServerStillAnswers() throws Exception {
        Path module = hungModule();
        try (TestServer server = TestServer.start(directory.resolve("home"))) {
            TestServer.Response refused = server.post("/api/v1/hsm-clusters", """
                    {"RegionId": "cn-hangzhou", "Name": "hung", "Nodes": [
                      {"ModulePath": "%s", "TokenLabel": "a", "ZoneId": "z1"},
                      {"ModulePath": "%s", "TokenLabel": "b", "ZoneId": "z2"}]}
                    """.formatted(module, module));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text("Code")).isEqualTo("HsmNodeUnavailable");
            assertThat(refused.text("Message")).contains("did not return within");
            assertThat(server.get("/api/v1/regions").status()).isEqualTo(200);
        }
    }
}
