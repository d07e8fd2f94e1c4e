package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest;
import com.aliyun.tea.TeaException;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The endpoint keeps copies of access objects between requests; revoking access through the
 * management API must still take effect on the very next request.
 */
class ClientKeyRevocationTest {
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
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
    void deletedClientKey_isRefusedOnItsNextRequest() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        Client client = ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
        for (int i = 0; i < 3; i++) {
            assertThat(client.generateRandom(new GenerateRandomRequest().setLength(8)).getRandom()).hasSize(8);
        }
        String clientKeyId = clientKeyId(instance);

        assertThat(server.delete("/api/v1/instances/" + instance + "/client-keys/" + clientKeyId).status()).isEqualTo(204);

        assertThatThrownBy(() -> client.generateRandom(new GenerateRandomRequest().setLength(8)))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("Unauthorized");
                    assertThat(e.getMessage()).contains(clientKeyId, "not found");
                });
    }

    private static String clientKeyId(String instance) throws Exception {
        try (var keyFiles = Files.list(files)) {
            String name = keyFiles.map(path -> path.getFileName().toString())
                    .filter(file -> file.startsWith("clientKey_KAAP.")).findFirst().orElseThrow();
            return name.substring("clientKey_".length(), name.length() - ".json".length());
        }
    }
}
