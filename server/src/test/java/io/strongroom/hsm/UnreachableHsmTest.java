package io.strongroom.hsm;

import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nodes whose PKCS#11 module is gone: each node uses its own copy of the SoftHSM2 library, and
 * a copy is deleted while the server is down, so the next connect cannot load it.
 */
class UnreachableHsmTest {
    @TempDir
    Path home;
    @TempDir
    Path modules;

    @Test
    void connect_oneOfTwoModulesGone_isInsufficientHsms_bothGone_isHsmUnreachable() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        Path moduleA = copyOfSoftHsm("a");
        Path moduleB = copyOfSoftHsm("b");
        String labelA = SoftHsm.newToken("ua", PASSWORD.toCharArray()).tokenLabel();
        String labelB = SoftHsm.newToken("ub", PASSWORD.toCharArray()).tokenLabel();
        try (TestServer server = TestServer.start(home)) {
            TestServer.Response cluster = server.post("/api/v1/hsm-clusters", """
                    {"RegionId": "cn-hangzhou", "Name": "copies", "Nodes": [
                      {"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "z1"},
                      {"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "z2"}]}
                    """.formatted(moduleA, labelA, moduleB, labelB));
            assertThat(cluster.status()).as(cluster.body()).isEqualTo(201);
            String clusterId = cluster.text("HsmClusterId");
            assertThat(server.post("/api/v1/hsm-clusters/" + clusterId + "/init", credential(PASSWORD)).status()).isEqualTo(200);
            String id = server.post("/api/v1/instances", io.strongroom.testing.TestClusters.createInstance(clusterId, PASSWORD))
                    .text("InstanceId");
            assertThat(server.awaitSettled(id).text("Status")).isEqualTo("Enabled");
            server.post("/api/v1/instances/" + id + "/disconnect", "");

            server.stop();
            Files.delete(moduleB);
            server.startAgain();
            server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
            TestServer.Response insufficient = server.awaitSettled(id);
            assertThat(insufficient.text("Status")).isEqualTo("Disabled");
            assertThat(insufficient.text("ErrorCode")).isEqualTo("INSUFFICIENT_HSMS");
            assertThat(insufficient.text("ErrorMessage")).contains("1 of 2").contains("node-2");
            assertThat(server.get("/api/v1/hsm-clusters/" + clusterId).json().get("Nodes").get(1).get("Health").asText())
                    .isEqualTo("Unhealthy");

            server.stop();
            Files.delete(moduleA);
            server.startAgain();
            server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
            TestServer.Response unreachable = server.awaitSettled(id);
            assertThat(unreachable.text("Status")).isEqualTo("Disabled");
            assertThat(unreachable.text("ErrorCode")).isEqualTo("HSM_UNREACHABLE");
            assertThat(unreachable.text("ErrorMessage")).contains("no node").contains(moduleA.toString());
        }
    }

    private Path copyOfSoftHsm(String name) throws Exception {
        Path copy = Files.createDirectories(modules.resolve(name)).resolve("libsofthsm2.so");
        return Files.copy(Path.of(SoftHsm.MODULE), copy);
    }
}
