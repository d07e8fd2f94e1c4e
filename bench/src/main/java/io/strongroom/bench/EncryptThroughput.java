package io.strongroom.bench;

import com.aliyun.dkms.gcs.openapi.models.Config;
import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmSession;
import io.strongroom.hsm.HsmToken;
import io.strongroom.hsm.HsmTokens;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestHosts;
import io.strongroom.testing.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encrypt (AES-256-GCM, 32-byte plaintext): the real server's endpoint driven by the official
 * SDK over HTTPS, for HSM and SOFTWARE keys, beside the raw PKCS#11 rate of the same operation
 * on the same SoftHSM2 token, measured in the same run; then the SOFTWARE key with the instance's
 * security audit Enabled and Disabled (every request's record is fsynced to the spool in both
 * states; Enabled adds delivery to the bucket). Usage: {@code bench/run [PT10S] [threads]}.
 * A load harness, not a test: it prints figures and asserts nothing about speed.
 */
public final class EncryptThroughput {
    private static final byte[] PLAINTEXT = new byte[32];
    private static final String PASSWORD = "Client-Key-Pass-1";

    private EncryptThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.parse(args.length > 0 ? args[0] : "PT10S");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        if (!SoftHsm.available()) {
            throw new IllegalStateException("SoftHSM2 is needed (apt-get install softhsm2) and SOFTHSM2_CONF must be set (bench/run does)");
        }
        Path directory = Files.createTempDirectory("strongroom-bench");
        try (TestServer server = TestServer.start(directory.resolve("home"))) {
            TestClusters.Registered cluster = TestClusters.initialized(server);
            String body = TestClusters.createInstance(cluster.hsmClusterId(), TestClusters.PASSWORD).replace("\"Spec\": 1000", "\"Spec\": 100000");
            String instance = server.post("/api/v1/instances", body).text("InstanceId");
            server.awaitSettled(instance);
            String hsmKey = createKey(server, instance, "HSM");
            String softwareKey = createKey(server, instance, "SOFTWARE");
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                clients.add(client(server, directory, instance, i));
            }
            HsmCluster hsmCluster = server.server().clusters().require(cluster.hsmClusterId());

            System.out.printf("Encrypt, AES-256-GCM, 32-byte plaintext; %d threads, %s per phase; SoftHSM2 %s%n",
                    threads, phase, SoftHsm.MODULE);
            double raw = measure(phase, threads, rawEncrypt(hsmCluster));
            double hsm = measure(phase, threads, endpointEncrypt(clients, hsmKey));
            double software = measure(phase, threads, endpointEncrypt(clients, softwareKey));
            String audit = "/api/v1/instances/" + instance + "/security-audit";
            server.post(audit + "/enable", "{\"Bucket\": \"demo-audit\"}");
            long[] before = server.server().audit().spoolRecordsAndSyncs();
            double softwareAuditOn = measure(phase, threads, endpointEncrypt(clients, softwareKey));
            long[] after = server.server().audit().spoolRecordsAndSyncs();
            server.post(audit + "/disable", "");
            double softwareAuditOff = measure(phase, threads, endpointEncrypt(clients, softwareKey));
            double rawAgain = measure(phase, threads, rawEncrypt(hsmCluster));
            System.out.printf("%-44s %10.0f ops/s%n", "raw PKCS#11 C_Encrypt (our binding)", raw);
            System.out.printf("%-44s %10.0f ops/s  (%.2f x raw)%n", "endpoint Encrypt, HSM key (official SDK)", hsm, hsm / raw);
            System.out.printf("%-44s %10.0f ops/s  (%.2f x raw)%n", "endpoint Encrypt, SOFTWARE key (official SDK)", software, software / raw);
            System.out.printf("%-44s %10.0f ops/s  (%.1f records per fsync)%n", "  the same, security audit Enabled",
                    softwareAuditOn, (after[0] - before[0]) / (double) Math.max(1, after[1] - before[1]));
            System.out.printf("%-44s %10.0f ops/s  (records still spooled, not delivered)%n", "  the same, security audit Disabled",
                    softwareAuditOff);
            System.out.printf("%-44s %10.0f ops/s  (drift check)%n", "raw PKCS#11 C_Encrypt, again", rawAgain);
        }
    }

    private static String createKey(TestServer server, String instance, String protection) {
        return server.post("/api/v1/instances/" + instance + "/keys", "{\"ProtectionLevel\": \"" + protection + "\"}").text("KeyId");
    }

    private static Client client(TestServer server, Path directory, String instance, int index) throws Exception {
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

    /** One worker per thread; each returns how many operations it completed before the deadline. */
    private interface Worker {
        Callable<Long> forThread(int index, long deadline) throws Exception;
    }

    private static Worker endpointEncrypt(List<Client> clients, String keyId) {
        return (index, deadline) -> () -> {
            Client client = clients.get(index);
            long done = 0;
            while (System.nanoTime() < deadline) {
                client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(PLAINTEXT));
                done++;
            }
            return done;
        };
    }

    /** The same operation straight through our PKCS#11 binding: a session key unwrapped under the domain key. */
    private static Worker rawEncrypt(HsmCluster cluster) {
        return (index, deadline) -> () -> {
            try (HsmToken token = HsmTokens.open(cluster.nodes().get(index % cluster.nodes().size()).location(), Duration.ofSeconds(10));
                 HsmSession session = token.login(TestClusters.PASSWORD.toCharArray())) {
                KeyHandle domainKey = session.findSecretKey(cluster.domainKeyLabel()).orElseThrow();
                KeyHandle key = session.unwrapSessionKey(domainKey, session.generateWrappedKey(domainKey, 256));
                byte[] iv = new byte[12];
                long done = 0;
                while (System.nanoTime() < deadline) {
                    iv[0]++;
                    iv[1] = (byte) (done >>> 8);
                    iv[2] = (byte) (done >>> 16);
                    session.encryptGcm(key, iv, new byte[0], PLAINTEXT);
                    done++;
                }
                return done;
            }
        };
    }

    private static double measure(Duration phase, int threads, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long deadline = start + phase.toNanos();
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(worker.forThread(i, deadline)));
            }
            long total = 0;
            for (Future<Long> result : results) {
                total += result.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
