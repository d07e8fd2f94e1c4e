package io.strongroom.testing;

import io.strongroom.hsm.TokenLocation;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Registers and initialises HSM clusters of fresh SoftHSM2 tokens through the real API. */
public final class TestClusters {
    public static final String PASSWORD = "crypto-user-pass-1";

    private TestClusters() {
    }

    /** A registered cluster: its id and its nodes' tokens. */
    public record Registered(String hsmClusterId, List<TokenLocation> tokens) {
    }

    /** Two new tokens in two zones of cn-hangzhou, registered (not initialised). */
    public static Registered register(TestServer server) {
        TokenLocation a = SoftHsm.newToken("a", PASSWORD.toCharArray());
        TokenLocation b = SoftHsm.newToken("b", PASSWORD.toCharArray());
        TestServer.Response created = server.post("/api/v1/hsm-clusters", """
                {"RegionId": "cn-hangzhou", "Name": "test-cluster", "Nodes": [
                  {"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "cn-hangzhou-h"},
                  {"ModulePath": "%s", "TokenLabel": "%s", "ZoneId": "cn-hangzhou-i"}]}
                """.formatted(a.modulePath(), a.tokenLabel(), b.modulePath(), b.tokenLabel()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Registered(created.text("HsmClusterId"), List.of(a, b));
    }

    /** Two new tokens, registered and through the domain-key ceremony. */
    public static Registered initialized(TestServer server) {
        Registered cluster = register(server);
        TestServer.Response init = server.post("/api/v1/hsm-clusters/" + cluster.hsmClusterId() + "/init", credential(PASSWORD));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        return cluster;
    }

    /** A new instance on a new initialised cluster, settled (Enabled unless something is wrong). */
    public static String enabledInstance(TestServer server) {
        Registered cluster = initialized(server);
        TestServer.Response created = server.post("/api/v1/instances", createInstance(cluster.hsmClusterId(), PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String instanceId = created.text("InstanceId");
        TestServer.Response settled = server.awaitSettled(instanceId);
        assertThat(settled.text("Status")).as(settled.body()).isEqualTo("Enabled");
        return instanceId;
    }

    public static String createInstance(String hsmClusterId, String password) {
        return """
                {"RegionId": "cn-hangzhou", "InstanceName": "orders", "VpcId": "vpc-bp1test", "AllowedCidrs": ["10.0.0.0/8", "127.0.0.1/32"],
                 "Spec": 1000, "HsmClusterId": "%s", "Credential": {"User": "kmsuser", "Password": "%s"}}
                """.formatted(hsmClusterId, password);
    }

    public static String credential(String password) {
        return "{\"User\": \"kmsuser\", \"Password\": \"" + password + "\"}";
    }
}
