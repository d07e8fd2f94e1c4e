package io.strongroom.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Network rules, policies, access points and client keys through the real API. */
class AccessApiTest {
    @TempDir
    static Path home;
    static TestServer server;
    static String instance;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TestServer.Response post(String what, String body) {
        return server.post("/api/v1/instances/" + instance + "/" + what, body);
    }

    @Test
    void accessChain_createListAndDeleteInOrder_refusingWhatIsStillUsed() throws Exception {
        TestServer.Response rule = post("network-rules", "{\"Name\": \"office\", \"Type\": \"Private\", \"SourcePrivateIp\": [\"127.0.0.1\", \"10.0.0.0/8\"]}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(post("network-rules", "{\"Name\": \"office\", \"SourcePrivateIp\": [\"127.0.0.1\"]}").text("Code"))
                .isEqualTo("ResourceAlreadyExists");

        TestServer.Response policy = post("policies", """
                {"Name": "apps", "Permissions": ["RbacPermission/Template/CryptoServiceKeyUser"], "Resources": ["key/*"],
                 "AccessControlRules": {"NetworkRules": ["office"]}}""");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        assertThat(policy.text("KmsInstance")).isEqualTo(instance);

        TestServer.Response aap = post("access-points", "{\"Name\": \"orders-app\", \"Policies\": [\"apps\"]}");
        assertThat(aap.status()).as(aap.body()).isEqualTo(201);
        assertThat(aap.text("AuthenticationMethod")).isEqualTo("ClientKey");

        TestServer.Response key = post("client-keys", "{\"AapName\": \"orders-app\", \"Password\": \"Client-Key-Pass-1\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String keyId = key.text("KeyId");
        assertThat(keyId).matches("KAAP\\.[0-9a-f-]{36}").isEqualTo(key.text("ClientKeyId"));
        assertThat(key.text("KeyAlgorithm")).isEqualTo("RSA_2048");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(key.text("PrivateKeyData"))), "Client-Key-Pass-1".toCharArray());
        String alias = Collections.list(store.aliases()).getFirst();
        PrivateKey privateKey = (PrivateKey) store.getKey(alias, "Client-Key-Pass-1".toCharArray());
        assertThat(((RSAPrivateCrtKey) privateKey).getModulus().bitLength()).isEqualTo(2048);

        TestServer.Response listed = server.get("/api/v1/instances/" + instance + "/client-keys");
        assertThat(listed.json().get("ClientKeys").findValuesAsText("ClientKeyId")).containsExactly(keyId);
        assertThat(listed.body()).doesNotContain("PrivateKeyData");

        assertThat(server.delete("/api/v1/instances/" + instance + "/policies/apps").text("Code")).isEqualTo("ResourceInUse");
        assertThat(server.delete("/api/v1/instances/" + instance + "/network-rules/office").text("Message")).contains("apps");
        assertThat(server.delete("/api/v1/instances/" + instance + "/access-points/orders-app").text("Message")).contains(keyId);

        assertThat(server.delete("/api/v1/instances/" + instance + "/client-keys/" + keyId).status()).isEqualTo(204);
        assertThat(server.delete("/api/v1/instances/" + instance + "/access-points/orders-app").status()).isEqualTo(204);
        assertThat(server.delete("/api/v1/instances/" + instance + "/policies/apps").status()).isEqualTo(204);
        assertThat(server.delete("/api/v1/instances/" + instance + "/network-rules/office").status()).isEqualTo(204);
        assertThat(server.delete("/api/v1/instances/" + instance + "/network-rules/office").status()).isEqualTo(404);
    }

    @Test
    void badInput_getsAClearError() {
        assertBad(post("network-rules", "{\"Name\": \"n1\", \"SourcePrivateIp\": [\"10.0.0.0/40\"]}"), 400, "SourcePrivateIp");
        assertBad(post("network-rules", "{\"Name\": \"n1\", \"Type\": \"Public\", \"SourcePrivateIp\": [\"10.0.0.1\"]}"), 400, "Private");
        assertBad(post("policies", "{\"Name\": \"p1\", \"Permissions\": [\"RbacPermission/Template/CryptoServiceSecretUser\"], \"Resources\": [\"key/*\"]}"),
                400, "secrets");
        assertBad(post("policies", "{\"Name\": \"p1\", \"Permissions\": [\"RbacPermission/Template/CryptoServiceKeyUser\"], \"Resources\": [\"secret/*\"]}"),
                400, "key/<KeyId>");
        assertBad(post("policies", """
                {"Name": "p1", "Permissions": ["RbacPermission/Template/CryptoServiceKeyUser"], "Resources": ["key/*"],
                 "AccessControlRules": {"NetworkRules": ["nowhere"]}}"""), 404, "nowhere");
        assertBad(post("access-points", "{\"Name\": \"a1\", \"Policies\": [\"none\"]}"), 404, "none");
        assertBad(post("client-keys", "{\"AapName\": \"none\", \"Password\": \"Client-Key-Pass-1\"}"), 404, "none");
        post("network-rules", "{\"Name\": \"any\", \"SourcePrivateIp\": [\"0.0.0.0/0\"]}");
        post("policies", "{\"Name\": \"p2\", \"Permissions\": [\"RbacPermission/Template/CryptoServiceKeyUser\"], \"Resources\": [\"key/*\"]}");
        post("access-points", "{\"Name\": \"a2\", \"Policies\": [\"p2\"]}");
        assertBad(post("client-keys", "{\"AapName\": \"a2\", \"Password\": \"alllowercase\"}"), 400, "two");
        assertBad(post("client-keys", "{\"AapName\": \"a2\", \"Password\": \"Sh0rt\"}"), 400, "8 to 64");
        assertBad(post("client-keys", "{\"AapName\": \"a2\", \"Password\": \"Client-Key-Pass-1\", \"NotAfter\": \"tomorrow\"}"), 400, "NotAfter");
        assertBad(server.get("/api/v1/instances/kst-hzznothere/policies"), 404, "kst-hzznothere");
    }

    private static void assertBad(TestServer.Response response, int status, String mentioned) {
        JsonNode body = response.json();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(body.get("Message").asText()).contains(mentioned);
    }
}
