package io.strongroom.instance;

import io.strongroom.platform.Certificates;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The instance state machine through the real server over HTTPS, on SoftHSM2 tokens and SQLite. */
class InstanceLifecycleTest {
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

    @Test
    void create_initialisedCluster_endsEnabledWithEveryDescribedField() {
        TestClusters.Registered cluster = TestClusters.initialized(server);
        TestServer.Response created = server.post("/api/v1/instances", TestClusters.createInstance(cluster.hsmClusterId(), PASSWORD));
        assertThat(created.status()).isEqualTo(202);
        assertThat(created.text("Status")).isEqualTo("Creating");
        String id = created.text("InstanceId");

        TestServer.Response described = server.awaitSettled(id);
        assertThat(described.status()).isEqualTo(200);
        assertThat(id).matches("kst-hzz[a-z0-9]{20}");
        assertThat(described.text("Status")).isEqualTo("Enabled");
        assertThat(described.text("InstanceName")).isEqualTo("orders");
        assertThat(described.text("RegionId")).isEqualTo("cn-hangzhou");
        assertThat(described.text("Edition")).isEqualTo("Standard");
        assertThat(described.text("VpcId")).isEqualTo("vpc-bp1test");
        assertThat(described.text("VpcAddress")).isEqualTo("https://" + id + ".cryptoservice.kms.localhost:"
                + server.server().endpointPort());
        assertThat(described.text("HsmClusterId")).isEqualTo(cluster.hsmClusterId());
        assertThat(described.text("SecurityAudit")).isEqualTo("Disabled");
        assertThat(described.json().get("Spec").asInt()).isEqualTo(1000);
        assertThat(described.text("CreateTime")).isNotBlank();
        assertThat(described.json().has("ErrorCode")).isFalse();
        X509Certificate ca = Certificates.parseCertificate(described.text("CaCertificateChainPem"));
        assertThat(ca.getSubjectX500Principal().getName()).contains("PrivateKmsCA_" + id);
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.server().instances().connection(id)).isPresent();

        TestServer.Response list = server.get("/api/v1/instances?RegionId=cn-hangzhou");
        assertThat(list.json().get("Instances").findValuesAsText("InstanceId")).contains(id);
        assertThat(server.get("/api/v1/instances?RegionId=cn-shanghai").json().get("Instances").findValuesAsText("InstanceId"))
                .doesNotContain(id);
    }

    @Test
    void disconnectThenConnect_walksTheStateMachine_andRefusesIllegalTransitionsWith409() {
        String id = TestClusters.enabledInstance(server);

        TestServer.Response early = server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("Code")).isEqualTo("IncorrectInstanceStatus");
        assertThat(early.text("Message")).contains("it is Enabled");

        TestServer.Response disconnected = server.post("/api/v1/instances/" + id + "/disconnect", "");
        assertThat(disconnected.status()).isEqualTo(200);
        assertThat(disconnected.text("Status")).isEqualTo("Disabled");
        assertThat(server.get("/api/v1/instances/" + id).text("Status")).isEqualTo("Disabled");
        assertThat(server.server().instances().connection(id)).isEmpty();

        TestServer.Response again = server.post("/api/v1/instances/" + id + "/disconnect", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("Message")).contains("it is Disabled");

        TestServer.Response connecting = server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
        assertThat(connecting.status()).isEqualTo(202);
        assertThat(connecting.text("Status")).isEqualTo("Creating");
        assertThat(server.awaitSettled(id).text("Status")).isEqualTo("Enabled");
        assertThat(server.server().instances().connection(id)).isPresent();
    }

    @Test
    void connect_wrongPassword_endsDisabledWithInvalidCredentials_andARightOneStillWorks() {
        String id = TestClusters.enabledInstance(server);
        server.post("/api/v1/instances/" + id + "/disconnect", "");

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(server.post("/api/v1/instances/" + id + "/connect", credential("wrong-password-9")).status()).isEqualTo(202);
            TestServer.Response failed = server.awaitSettled(id);
            assertThat(failed.text("Status")).isEqualTo("Disabled");
            assertThat(failed.text("ErrorCode")).isEqualTo("INVALID_CREDENTIALS");
            assertThat(failed.text("ErrorMessage")).contains("refused the password").doesNotContain("wrong-password-9");
        }

        server.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
        TestServer.Response connected = server.awaitSettled(id);
        assertThat(connected.text("Status")).isEqualTo("Enabled");
        assertThat(connected.json().has("ErrorCode")).isFalse();
    }

    @Test
    void connect_wrongUser_endsDisabledWithInvalidCredentials() {
        String id = TestClusters.enabledInstance(server);
        server.post("/api/v1/instances/" + id + "/disconnect", "");
        server.post("/api/v1/instances/" + id + "/connect", "{\"User\": \"someone\", \"Password\": \"" + PASSWORD + "\"}");
        TestServer.Response failed = server.awaitSettled(id);
        assertThat(failed.text("ErrorCode")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(failed.text("ErrorMessage")).contains("kmsuser");
    }

    @Test
    void create_secondInstanceOnABoundCluster_isRefusedWith409() {
        String id = TestClusters.enabledInstance(server);
        String cluster = server.get("/api/v1/instances/" + id).text("HsmClusterId");
        TestServer.Response refused = server.post("/api/v1/instances", TestClusters.createInstance(cluster, PASSWORD));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("Code")).isEqualTo("HsmClusterInUse");
        assertThat(refused.text("Message")).contains(id);
    }

    @Test
    void create_uninitialisedCluster_isRefusedWith409() {
        TestClusters.Registered cluster = TestClusters.register(server);
        TestServer.Response refused = server.post("/api/v1/instances", TestClusters.createInstance(cluster.hsmClusterId(), PASSWORD));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("Message")).contains("hsm-cluster init");
    }
}
