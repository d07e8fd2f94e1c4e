package io.strongroom.hsm;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Registering HSM clusters and their domain-key ceremony, through the real API on SoftHSM2. */
class HsmClusterApiTest {
    @TempDir
    static Path home;
    static TestServer server;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TestServer.Response register(String modulePath, String labelA, String zoneA, String labelB, String zoneB) {
        return server.post("/api/v1/hsm-clusters", """
                {"RegionId": "cn-hangzhou", "Name": "c1", "Nodes": [
                  {"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "%s"},
                  {"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "%s"}]}
                """.formatted(modulePath, labelA, zoneA, modulePath, labelB, zoneB));
    }

    @Test
    void create_moduleThatDoesNotExist_isRefusedNamingThePath() {
        TestServer.Response response = register("/usr/lib/nothing/libnone.so", "a", "z1", "b", "z2");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("Code")).isEqualTo("HsmNodeUnavailable");
        assertThat(response.text("Message")).contains("/usr/lib/nothing/libnone.so").contains("PKCS#11 library");
    }

    @Test
    void create_tokenLabelNotPresent_isRefusedNamingTheLabel() {
        String present = SoftHsm.newToken("p", PASSWORD.toCharArray()).tokenLabel();
        TestServer.Response response = register(SoftHsm.MODULE, present, "z1", "no-such-token-label", "z2");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("Code")).isEqualTo("HsmNodeUnavailable");
        assertThat(response.text("Message")).contains("no-such-token-label").contains("Nodes[2]");
    }

    @Test
    void create_allNodesInOneZone_isRefusedByDefault() {
        String a = SoftHsm.newToken("za", PASSWORD.toCharArray()).tokenLabel();
        String b = SoftHsm.newToken("zb", PASSWORD.toCharArray()).tokenLabel();
        TestServer.Response response = register(SoftHsm.MODULE, a, "same-zone", b, "same-zone");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("Message")).contains("different zones");
    }

    @Test
    void create_fewerNodesThanTheMinimum_isRefused() {
        String a = SoftHsm.newToken("one", PASSWORD.toCharArray()).tokenLabel();
        TestServer.Response response = server.post("/api/v1/hsm-clusters", """
                {"RegionId": "cn-hangzhou", "Name": "c1", "Nodes": [{"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "z1"}]}
                """.formatted(SoftHsm.MODULE, a));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("Message")).contains("at least 2 nodes");
    }

    @Test
    void init_runsTheCeremonyOnce_andDescribeShowsHealthyNodes() {
        TestClusters.Registered cluster = TestClusters.register(server);
        String id = cluster.hsmClusterId();
        assertThat(server.get("/api/v1/hsm-clusters/" + id).text("Status")).isEqualTo("Uninitialized");

        TestServer.Response wrong = server.post("/api/v1/hsm-clusters/" + id + "/init", credential("not-the-password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("Code")).isEqualTo("HsmLoginFailed");
        assertThat(wrong.body()).doesNotContain("not-the-password");

        TestServer.Response init = server.post("/api/v1/hsm-clusters/" + id + "/init", credential(PASSWORD));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        assertThat(init.text("Status")).isEqualTo("Initialized");
        assertThat(init.text("DomainKeyCheckValue")).matches("[0-9a-f]{16}");

        TestServer.Response twice = server.post("/api/v1/hsm-clusters/" + id + "/init", credential(PASSWORD));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("Code")).isEqualTo("IncorrectHsmClusterStatus");

        JsonNode described = server.get("/api/v1/hsm-clusters/" + id).json();
        assertThat(described.get("Nodes")).hasSize(2);
        for (JsonNode node : described.get("Nodes")) {
            assertThat(node.get("Health").asText()).isEqualTo("Healthy");
        }
        assertThat(described.get("Nodes").findValuesAsText("ZoneId")).containsExactly("cn-hangzhou-h", "cn-hangzhou-i");
        assertThat(server.get("/api/v1/hsm-clusters?RegionId=cn-hangzhou").json().get("HsmClusters").findValuesAsText("HsmClusterId"))
                .contains(id);
    }

    @Test
    void init_twoClusters_getDifferentDomainKeys() {
        String first = TestClusters.initialized(server).hsmClusterId();
        String second = TestClusters.initialized(server).hsmClusterId();
        assertThat(server.get("/api/v1/hsm-clusters/" + first).text("DomainKeyCheckValue"))
                .isNotEqualTo(server.get("/api/v1/hsm-clusters/" + second).text("DomainKeyCheckValue"));
    }
}
