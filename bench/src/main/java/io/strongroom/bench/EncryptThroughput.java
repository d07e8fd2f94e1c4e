package io.strongroom.bench;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import io.strongroom.hsm.KeyHandle;

import java.time.Duration;
import java.util.List;

/**
 * Encrypt (AES-256-GCM, 32-byte plaintext): the endpoint driven by the official SDK over HTTPS
 * for HSM and SOFTWARE keys, beside raw PKCS#11 C_Encrypt on the same SoftHSM2 tokens.
 */
final class EncryptThroughput {
    private static final byte[] PLAINTEXT = new byte[32];

    private EncryptThroughput() {
    }

    static void run(BenchInstance bench, Duration phase, int threads) throws Exception {
        String hsmKey = bench.createKey("{\"ProtectionLevel\": \"HSM\"}");
        String softwareKey = bench.createKey("{\"ProtectionLevel\": \"SOFTWARE\"}");
        Throughput.report("Encrypt, AES-256-GCM, 32-byte plaintext", phase, threads, raw(bench),
                endpoint(bench.clients(), hsmKey), endpoint(bench.clients(), softwareKey));
    }

    private static Throughput.Worker endpoint(List<Client> clients, String keyId) {
        return Throughput.endpoint(clients, client -> client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(PLAINTEXT)));
    }

    /** A session key unwrapped under the domain key; a distinct IV per call. */
    private static Throughput.Worker raw(BenchInstance bench) {
        String label = bench.hsmCluster().domainKeyLabel();
        return Throughput.raw(bench.hsmCluster(), session -> {
            KeyHandle domainKey = session.findSecretKey(label).orElseThrow();
            KeyHandle key = session.unwrapSessionKey(domainKey, session.generateWrappedKey(domainKey, 256));
            byte[] iv = new byte[12];
            return (s, done) -> {
                iv[0]++;
                iv[1] = (byte) (done >>> 8);
                iv[2] = (byte) (done >>> 16);
                s.encryptGcm(key, iv, new byte[0], PLAINTEXT);
            };
        });
    }
}
