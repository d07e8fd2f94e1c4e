package io.strongroom.instance;

import io.strongroom.platform.Config;
import io.strongroom.platform.DataDirectory;
import io.strongroom.store.Store;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** After a restart every instance is back in its state; Enabled ones reconnect by themselves. */
class RestartTest {
    @TempDir
    Path home;

    @Test
    void restart_withInstancesInEveryState_bringsEachBackInItsState() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        try (TestServer server = TestServer.start(home)) {
            String enabled = TestClusters.enabledInstance(server);
            String disconnected = TestClusters.enabledInstance(server);
            server.post("/api/v1/instances/" + disconnected + "/disconnect", "");
            String failed = TestClusters.enabledInstance(server);
            server.post("/api/v1/instances/" + failed + "/disconnect", "");
            server.post("/api/v1/instances/" + failed + "/connect", credential("wrong-password-1"));
            assertThat(server.awaitSettled(failed).text("ErrorCode")).isEqualTo("INVALID_CREDENTIALS");
            String interrupted = TestClusters.enabledInstance(server);
            server.post("/api/v1/instances/" + interrupted + "/disconnect", "");

            server.stop();
            leaveCreating(interrupted);
            assertNoPlaintextPassword();
            server.startAgain();

            assertThat(awaitConnection(server, enabled)).as("the Enabled instance reconnects by itself").isTrue();
            assertThat(server.get("/api/v1/instances/" + enabled).text("Status")).isEqualTo("Enabled");

            assertThat(server.get("/api/v1/instances/" + disconnected).text("Status")).isEqualTo("Disabled");
            assertThat(server.server().instances().connection(disconnected)).isEmpty();

            TestServer.Response stillFailed = server.get("/api/v1/instances/" + failed);
            assertThat(stillFailed.text("Status")).isEqualTo("Disabled");
            assertThat(stillFailed.text("ErrorCode")).isEqualTo("INVALID_CREDENTIALS");

            TestServer.Response wasCreating = server.get("/api/v1/instances/" + interrupted);
            assertThat(wasCreating.text("Status")).isEqualTo("Disabled");
            assertThat(wasCreating.text("ErrorCode")).isEqualTo("INTERNAL_ERROR");
            assertThat(wasCreating.text("ErrorMessage")).contains("connect it again");

            server.post("/api/v1/instances/" + interrupted + "/connect", credential(PASSWORD));
            assertThat(server.awaitSettled(interrupted).text("Status")).isEqualTo("Enabled");
        }
    }

    /** Simulates a crash in the middle of a connect: the store says Creating. */
    private void leaveCreating(String instanceId) {
        try (Store store = Store.open(Config.defaults().store(), new DataDirectory(home))) {
            InstanceRepository repository = new InstanceRepository(store);
            Instance instance = repository.find(instanceId).orElseThrow();
            assertThat(repository.compareAndSetStatus(InstanceStatus.Disabled, instance.withStatus(InstanceStatus.Creating,
                    Optional.empty(), Optional.empty(), Optional.empty(), Instant.now()))).isTrue();
        }
    }

    /** The credential kept for reconnecting is sealed: its bytes are nowhere in the data directory. */
    private void assertNoPlaintextPassword() throws IOException {
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), password)).as(file.toString()).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean awaitConnection(TestServer server, String instanceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (server.server().instances().connection(instanceId).isPresent()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
