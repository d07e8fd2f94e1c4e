package io.strongroom.instance;

import io.strongroom.testing.PostgresServer;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static io.strongroom.testing.TestClusters.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The server on a real PostgreSQL store: two Strongroom nodes sharing it see each other's state changes. */
class PostgresLifecycleTest {
    @TempDir
    Path first;
    @TempDir
    Path second;

    /** A second node: the admin access key lives in the shared store, so it takes the first node's credential file. */
    private TestServer secondNode(String store) {
        try {
            Path credential = second.resolve("admin/credential.json");
            Files.createDirectories(credential.getParent());
            Files.copy(first.resolve("admin/credential.json"), credential);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestServer.start(second, store);
    }

    @Test
    void stateChanges_onOneNode_areSeenByAnotherNodeOnTheSameStore() {
        assumeTrue(SoftHsm.available() && PostgresServer.available(), "SoftHSM2 or PostgreSQL is not installed");
        try (PostgresServer postgres = PostgresServer.start()) {
            String store = """
                    store:
                      kind: postgresql
                      url: %s
                      user: %s
                    """.formatted(postgres.jdbcUrl(), postgres.user());
            try (TestServer one = TestServer.start(first, store); TestServer two = secondNode(store)) {
                assertThat(one.server().status().storeKind()).isEqualTo("postgresql");
                String id = TestClusters.enabledInstance(one);
                assertThat(two.get("/api/v1/instances/" + id).text("Status")).isEqualTo("Enabled");

                assertThat(two.post("/api/v1/instances/" + id + "/disconnect", "").text("Status")).isEqualTo("Disabled");
                assertThat(one.get("/api/v1/instances/" + id).text("Status")).isEqualTo("Disabled");
                TestServer.Response refused = one.post("/api/v1/instances/" + id + "/disconnect", "");
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.text("Message")).contains("it is Disabled");

                one.post("/api/v1/instances/" + id + "/connect", credential(PASSWORD));
                assertThat(one.awaitSettled(id).text("Status")).isEqualTo("Enabled");
                assertThat(two.get("/api/v1/instances?RegionId=cn-hangzhou").json().get("Instances").findValuesAsText("InstanceId"))
                        .contains(id);
            }
        }
    }
}
