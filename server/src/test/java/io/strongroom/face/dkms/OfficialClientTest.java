package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.SignRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest;
import com.aliyun.tea.TeaException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official dedicated-KMS Java client (com.aliyun:alibabacloud-dkms-gcs-sdk) against the real
 * instance endpoint over HTTPS, trusting only the instance CA, with a client key file made
 * through our API: the protocol, signature and authorization as existing applications use them.
 */
class OfficialClientTest {
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;
    static String instance;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
        client = clientFor(instance, "127.0.0.1/32");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Client clientFor(String instance, String source) throws Exception {
        return ApplicationClients.connect(server, files, instance, source);
    }

    @Test
    void generateRandom_returnsHsmRandomOfTheAskedLength() throws Exception {
        byte[] first = client.generateRandom(new GenerateRandomRequest().setLength(32)).getRandom();
        byte[] second = client.generateRandom(new GenerateRandomRequest().setLength(32)).getRandom();
        assertThat(first).hasSize(32).isNotEqualTo(second);
        assertThat(client.generateRandom(new GenerateRandomRequest().setLength(1024)).getRandom()).hasSize(1024);
    }

    @Test
    void generateRandom_lengthOutOfRange_isInvalidParameter() {
        assertThatThrownBy(() -> client.generateRandom(new GenerateRandomRequest().setLength(1025)))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("InvalidParameter");
                    assertThat(e.getMessage()).contains("Length");
                });
    }

    @Test
    void asymmetricKeyActions_unknownKey_isKeyNotFound() {
        assertThatThrownBy(() -> client.sign(new SignRequest().setKeyId("key-none").setMessage(new byte[]{1})))
                .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("Forbidden.KeyNotFound"));
    }

    @Test
    void disconnectedInstance_isRefusedWithItsOwnError_andServesAgainAfterConnect() throws Exception {
        String other = TestClusters.enabledInstance(server);
        Client otherClient = clientFor(other, "127.0.0.0/8");
        server.post("/api/v1/instances/" + other + "/disconnect", "");
        assertThatThrownBy(() -> otherClient.generateRandom(new GenerateRandomRequest().setLength(8)))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("Rejected.InstanceDisabled");
                    assertThat(e.getMessage()).contains("instance connect");
                });
        server.post("/api/v1/instances/" + other + "/connect", credential(PASSWORD));
        assertThat(server.awaitSettled(other).text("Status")).isEqualTo("Enabled");
        assertThat(otherClient.generateRandom(new GenerateRandomRequest().setLength(8)).getRandom()).hasSize(8);
    }

    @Test
    void sourceOutsideTheNetworkRule_isForbidden() throws Exception {
        String other = TestClusters.enabledInstance(server);
        Client outside = clientFor(other, "10.9.9.9/32");
        assertThatThrownBy(() -> outside.generateRandom(new GenerateRandomRequest().setLength(8)))
                .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("Forbidden.NoPermission"));
    }
}
