package io.strongroom.hsm;

import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A SoftHSM2 token taken away while its instance is Enabled: calls on it fail fast, the node is
 * reported unhealthy, the instance keeps serving from the other node; when every token is gone
 * calls fail fast; when the tokens come back, the same JVM serves from them again.
 */
class TokenAwayAndBackTest {
    private static final HsmCall<byte[]> RANDOM = session -> session.generateRandom(16);
    @TempDir
    Path home;

    @Test
    void tokenGone_nodeUnhealthyAndCallsFailFast_tokenBack_servesAgainWithoutRestart() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        try (TestServer server = TestServer.start(home)) {
            String id = TestClusters.enabledInstance(server);
            String clusterId = server.get("/api/v1/instances/" + id).text("HsmClusterId");
            HsmCluster cluster = server.server().clusters().require(clusterId);
            ClusterConnection connection = server.server().instances().connection(id).orElseThrow();
            assertThat(connection.execute(RANDOM)).hasSize(16);

            Path first = SoftHsm.tokenDirectory(cluster.nodes().get(0).location().tokenLabel());
            Path firstAway = moveAway(first);
            server.server().checkHealthNow();

            assertThat(nodeHealth(server, clusterId, 0)).isEqualTo("Unhealthy");
            assertThat(nodeHealth(server, clusterId, 1)).isEqualTo("Healthy");
            long started = System.nanoTime();
            assertThatThrownBy(() -> connection.executeOn("node-1", RANDOM))
                    .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.failure()).isIn(HsmFailure.UNREACHABLE, HsmFailure.TIMEOUT));
            long failedAfterMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(connection.execute(RANDOM)).as("served by node-2").hasSize(16);

            Path second = SoftHsm.tokenDirectory(cluster.nodes().get(1).location().tokenLabel());
            Path secondAway = moveAway(second);
            server.server().checkHealthNow();
            assertThatThrownBy(() -> connection.execute(RANDOM))
                    .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.failure()).isEqualTo(HsmFailure.UNREACHABLE));
            assertThat(nodeHealth(server, clusterId, 1)).isEqualTo("Unhealthy");

            Files.move(firstAway, first);
            Files.move(secondAway, second);
            long back = System.nanoTime();
            awaitHealthy(server, clusterId);
            long recoveredAfterMillis = (System.nanoTime() - back) / 1_000_000;

            assertThat(nodeHealth(server, clusterId, 0)).isEqualTo("Healthy");
            assertThat(nodeHealth(server, clusterId, 1)).isEqualTo("Healthy");
            assertThat(connection.executeOn("node-1", RANDOM)).hasSize(16);
            assertThat(connection.executeOn("node-2", RANDOM)).hasSize(16);
            assertThat(server.get("/api/v1/instances/" + id).text("Status")).isEqualTo("Enabled");
            System.out.println("TokenAwayAndBackTest: a call on the removed token failed after " + failedAfterMillis
                    + " ms; both nodes served again " + recoveredAfterMillis + " ms after the tokens came back");
        }
    }

    /** Runs health rounds (as the server's scheduler does every interval) until both nodes are healthy, for at most 30 s. */
    private static void awaitHealthy(TestServer server, String clusterId) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline
                && !(nodeHealth(server, clusterId, 0).equals("Healthy") && nodeHealth(server, clusterId, 1).equals("Healthy"))) {
            server.server().checkHealthNow();
            Thread.sleep(200);
        }
    }

    private static Path moveAway(Path tokenDirectory) throws IOException {
        // Out of the token directory altogether: SoftHSM2 would find a renamed sibling again.
        Path away = tokenDirectory.getParent().resolveSibling("away-" + tokenDirectory.getFileName());
        Files.move(tokenDirectory, away);
        return away;
    }

    private static String nodeHealth(TestServer server, String clusterId, int index) {
        return server.get("/api/v1/hsm-clusters/" + clusterId).json().get("Nodes").get(index).get("Health").asText();
    }
}
