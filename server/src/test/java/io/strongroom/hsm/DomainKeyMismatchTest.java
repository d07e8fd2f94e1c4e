package io.strongroom.hsm;

import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A node whose token holds another domain key (a swapped or wrong HSM) stops the connect. */
class DomainKeyMismatchTest {
    @TempDir
    Path home;

    @Test
    void connect_nodeWithAnotherDomainKey_endsDisabledWithDomainKeyMismatch() throws HsmException {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        try (TestServer server = TestServer.start(home)) {
            String id = TestClusters.enabledInstance(server);
            String clusterId = server.get("/api/v1/instances/" + id).text("HsmClusterId");
            server.post("/api/v1/instances/" + id + "/disconnect", "");
            HsmCluster cluster = server.server().clusters().require(clusterId);

            replaceDomainKey(cluster.nodes().get(1).location(), cluster.domainKeyLabel());

            server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
            TestServer.Response failed = server.awaitSettled(id);
            assertThat(failed.text("Status")).isEqualTo("Disabled");
            assertThat(failed.text("ErrorCode")).isEqualTo("DOMAIN_KEY_MISMATCH");
            assertThat(failed.text("ErrorMessage")).contains("node-2").contains(cluster.domainKeyCheckValue().orElseThrow());
        }
    }

    @Test
    void connect_nodeWithoutTheDomainKey_endsDisabledWithDomainKeyMismatch() throws HsmException {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        try (TestServer server = TestServer.start(home)) {
            String id = TestClusters.enabledInstance(server);
            String clusterId = server.get("/api/v1/instances/" + id).text("HsmClusterId");
            server.post("/api/v1/instances/" + id + "/disconnect", "");
            HsmCluster cluster = server.server().clusters().require(clusterId);

            try (HsmToken token = HsmTokens.open(cluster.nodes().get(0).location(), Duration.ofSeconds(5));
                 HsmSession session = token.login(PASSWORD.toCharArray())) {
                session.destroy(session.findSecretKey(cluster.domainKeyLabel()).orElseThrow());
            }

            server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
            TestServer.Response failed = server.awaitSettled(id);
            assertThat(failed.text("ErrorCode")).isEqualTo("DOMAIN_KEY_MISMATCH");
            assertThat(failed.text("ErrorMessage")).contains("node-1").contains("has no domain key");
        }
    }

    /** Puts a different key under the domain key's label, as a wrong token would have. */
    private static void replaceDomainKey(TokenLocation location, String label) throws HsmException {
        try (HsmToken token = HsmTokens.open(location, Duration.ofSeconds(5));
             HsmSession session = token.login(PASSWORD.toCharArray())) {
            session.destroy(session.findSecretKey(label).orElseThrow());
            session.generateDomainKey(label, false);
        }
    }
}
