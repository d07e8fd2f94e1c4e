package io.strongroom.bench;

import com.aliyun.dkms.gcs.openapi.models.Config;
import com.aliyun.dkms.gcs.sdk.Client;
import io.strongroom.audit.SecurityAudit;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestHosts;
import io.strongroom.testing.TestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real server on SoftHSM2 with one instance (QPS spec high enough not to throttle) and one
 * official-SDK client per thread, each with its own client key, over HTTPS. The audit interval is
 * {@value #AUDIT_INTERVAL}, so that delivery runs while a phase with security audit Enabled is measured.
 */
final class BenchInstance implements AutoCloseable {
    private static final String PASSWORD = "Client-Key-Pass-1";
    static final String AUDIT_INTERVAL = "PT1S";
    private final Path directory;
    private final TestServer server;
    private final String instance;
    private final HsmCluster hsmCluster;
    private final List<Client> clients = new ArrayList<>();

    BenchInstance(int threads) throws Exception {
        if (!SoftHsm.available()) {
            throw new IllegalStateException("SoftHSM2 is needed (apt-get install softhsm2) and SOFTHSM2_CONF must be set (bench/run does)");
        }
        directory = Files.createTempDirectory("strongroom-bench");
        server = TestServer.start(directory.resolve("home"), "audit:\n  interval: " + AUDIT_INTERVAL + "\n");
        TestClusters.Registered cluster = TestClusters.initialized(server);
        String body = TestClusters.createInstance(cluster.hsmClusterId(), TestClusters.PASSWORD).replace("\"Spec\": 1000", "\"Spec\": 100000");
        instance = server.post("/api/v1/instances", body).text("InstanceId");
        server.awaitSettled(instance);
        hsmCluster = server.server().clusters().require(cluster.hsmClusterId());
        for (int i = 0; i < threads; i++) {
            clients.add(client(i));
        }
    }

    /** Creates a key from a CreateKey JSON body; returns its id. */
    String createKey(String json) {
        TestServer.Response created = server.post("/api/v1/instances/" + instance + "/keys", json);
        if (created.status() != 201) {
            throw new IllegalStateException("key creation failed: " + created.body());
        }
        return created.text("KeyId");
    }

    /** Enables the instance's security audit to the embedded local-directory bucket, or disables it. */
    void securityAudit(boolean enabled) {
        String base = "/api/v1/instances/" + instance + "/security-audit";
        TestServer.Response answer = enabled ? server.post(base + "/enable", "{\"Bucket\": \"demo-audit\"}")
                : server.post(base + "/disable", "");
        if (answer.status() != 200) {
            throw new IllegalStateException("security audit could not be switched: " + answer.body());
        }
    }

    /** Instance records the server has made durable so far, and the fsyncs that took. */
    SecurityAudit.SpoolActivity spoolActivity() {
        return server.server().audit().spoolActivity();
    }

    /** How many objects the embedded bucket holds. */
    long bucketObjects() throws IOException {
        try (Stream<Path> files = Files.walk(server.home().resolve("buckets/demo-audit"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    List<Client> clients() {
        return clients;
    }

    HsmCluster hsmCluster() {
        return hsmCluster;
    }

    private Client client(int index) throws Exception {
        String base = "/api/v1/instances/" + instance;
        if (index == 0) {
            server.post(base + "/network-rules", "{\"Name\": \"local\", \"SourcePrivateIp\": [\"127.0.0.1/32\"]}");
            server.post(base + "/policies", """
                    {"Name": "bench", "Permissions": ["RbacPermission/Template/CryptoServiceKeyUser"], "Resources": ["key/*"],
                     "AccessControlRules": {"NetworkRules": ["local"]}}""");
            server.post(base + "/access-points", "{\"Name\": \"bench\", \"Policies\": [\"bench\"]}");
        }
        TestServer.Response key = server.post(base + "/client-keys", "{\"AapName\": \"bench\", \"Password\": \"" + PASSWORD + "\"}");
        Path keyFile = directory.resolve("clientKey_" + key.text("KeyId") + ".json");
        Files.writeString(keyFile, "{\"KeyId\": \"" + key.text("KeyId") + "\", \"PrivateKeyData\": \"" + key.text("PrivateKeyData") + "\"}");
        Path ca = directory.resolve("PrivateKmsCA_" + instance + ".pem");
        Files.writeString(ca, server.get(base).text("CaCertificateChainPem"));
        String host = instance + ".cryptoservice.kms.localhost";
        TestHosts.add(host);
        return new Client(new Config().setProtocol("https").setEndpoint(host + ":" + server.server().endpointPort())
                .setClientKeyFile(keyFile.toString()).setPassword(PASSWORD).setCaFilePath(ca.toString()));
    }

    @Override
    public void close() {
        server.close();
    }
}
