package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real server on SoftHSM2 with one Enabled instance and the official client set up for it, for one test class. */
record OfficialClientServer(TestServer server, String instance, Client client) implements AutoCloseable {

    /** Skips the test class when SoftHSM2 is not installed. */
    static OfficialClientServer start(Path home, Path files) throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        TestServer server = TestServer.start(home);
        try {
            String instance = TestClusters.enabledInstance(server);
            return new OfficialClientServer(server, instance, ApplicationClients.connect(server, files, instance, "127.0.0.1/32"));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** Creates a key in the instance through the management API; returns its KeyId. */
    String createKey(String json) {
        TestServer.Response created = server.post("/api/v1/instances/" + instance + "/keys", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("KeyId");
    }

    @Override
    public void close() {
        server.close();
    }
}
