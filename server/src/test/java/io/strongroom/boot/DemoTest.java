package io.strongroom.boot;

import io.strongroom.boot.Demo;

import io.strongroom.hsm.TokenLocation;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceStatus;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The first-run demo: a two-zone cluster and an Enabled instance whose saved password reconnects it. */
class DemoTest {
    @TempDir
    Path home;

    @Test
    void provision_onSoftHsm_connectsTheDemoInstance_andItsCredentialFileReconnectsIt() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        try (TestServer server = TestServer.start(home)) {
            assertDemoWorks(server, Demo.provision(server.server(), SoftHsm.MODULE));
        }
    }

    @Test
    void provision_onTheInsecureFallback_connectsTheDemoInstance_andItsCredentialFileReconnectsIt() throws Exception {
        try (TestServer server = TestServer.start(home)) {
            assertDemoWorks(server, Demo.provision(server.server(),
                    TokenLocation.INSECURE_SOFTWARE_PREFIX + home.resolve("insecure-software-hsm")));
        }
    }

    private static void assertDemoWorks(TestServer server, Instance demo) throws Exception {
        assertThat(demo.status()).isEqualTo(InstanceStatus.Enabled);
        assertThat(demo.regionId()).isEqualTo("cn-hangzhou");
        TestServer.Response cluster = server.get("/api/v1/hsm-clusters/" + demo.hsmClusterId());
        assertThat(cluster.json().get("Nodes").findValuesAsText("ZoneId")).containsExactly("cn-hangzhou-h", "cn-hangzhou-i");
        assertThat(cluster.text("Status")).isEqualTo("Initialized");

        Path credential = server.home().resolve("demo/hsm-credential");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential))).isEqualTo("rw-------");
        String password = Files.readString(credential);
        assertThat(password).doesNotContain("\n").hasSizeGreaterThanOrEqualTo(16);

        server.post("/api/v1/instances/" + demo.instanceId() + "/disconnect", "");
        server.post("/api/v1/instances/" + demo.instanceId() + "/connect",
                "{\"User\": \"kmsuser\", \"Password\": \"" + password + "\"}");
        assertThat(server.awaitSettled(demo.instanceId()).text("Status")).isEqualTo("Enabled");
    }
}
