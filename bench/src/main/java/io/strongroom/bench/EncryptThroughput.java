package io.strongroom.bench;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import io.strongroom.audit.SecurityAudit;
import io.strongroom.hsm.KeyHandle;

import java.time.Duration;
import java.util.List;

/**
 * Encrypt (AES-256-GCM, 32-byte plaintext): the endpoint driven by the official SDK over HTTPS
 * for HSM and SOFTWARE keys, beside raw PKCS#11 C_Encrypt on the same SoftHSM2 tokens; then the
 * SOFTWARE key with the instance's security audit Disabled and Enabled, side by side.
 *
 * <p>There is no "audit off" to measure: in every state each request's record is fsynced to the
 * spool before its answer (group commit), because a KMS that can answer a request it has not
 * recorded is not one. Disabled is that floor (the sealed interval is deleted at delivery);
 * Enabled adds delivery: every audit interval the sealed records are read, written in both formats,
 * gzipped and stored in the local-directory bucket.
 */
final class EncryptThroughput {
    private static final byte[] PLAINTEXT = new byte[32];
    private static final Duration SERVER_WARM_UP = Duration.ofSeconds(20);

    private EncryptThroughput() {
    }

    static void run(BenchInstance bench, Duration phase, int threads) throws Exception {
        String hsmKey = bench.createKey("{\"ProtectionLevel\": \"HSM\"}");
        String softwareKey = bench.createKey("{\"ProtectionLevel\": \"SOFTWARE\"}");
        // A server just started answers 2-4x slower for its first ~10 s of traffic (JIT of TLS, protobuf, the
        // SDK): without this, the first endpoint phases measured that, not the server.
        System.out.printf("Warming up the server and clients for %s (Encrypt through the endpoint, not measured)%n", SERVER_WARM_UP);
        Throughput.warmUp(SERVER_WARM_UP, threads, endpoint(bench.clients(), softwareKey));
        Throughput.report("Encrypt, AES-256-GCM, 32-byte plaintext", phase, threads, raw(bench),
                endpoint(bench.clients(), hsmKey), endpoint(bench.clients(), softwareKey));
        auditDisabledAndEnabled(bench, phase, threads, endpoint(bench.clients(), softwareKey));
    }

    /** What one phase measured: operations per second, records per fsync, objects delivered. */
    private record AuditPhase(double rate, double recordsPerSync, long objects) {
    }

    private static void auditDisabledAndEnabled(BenchInstance bench, Duration phase, int threads, Throughput.Worker encrypt)
            throws Exception {
        System.out.printf("Encrypt, SOFTWARE key, security audit Disabled vs Enabled (audit interval %s); %d threads, %s per phase%n",
                BenchInstance.AUDIT_INTERVAL, threads, phase);
        AuditPhase disabled = measure(bench, phase, threads, encrypt);
        bench.securityAudit(true);
        AuditPhase enabled = measure(bench, phase, threads, encrypt);
        bench.securityAudit(false);
        AuditPhase again = measure(bench, phase, threads, encrypt);
        System.out.printf("  %-48s %10.0f ops/s  (%.1f records per fsync)%n", "audit Disabled: records fsynced to the spool",
                disabled.rate(), disabled.recordsPerSync());
        System.out.printf("  %-48s %10.0f ops/s  (%.2f x Disabled; %.1f records per fsync; %d objects delivered)%n",
                "audit Enabled: the same, and delivered to a bucket", enabled.rate(), enabled.rate() / disabled.rate(),
                enabled.recordsPerSync(), enabled.objects());
        System.out.printf("  %-48s %10.0f ops/s  (drift check)%n", "audit Disabled, again", again.rate());
    }

    private static AuditPhase measure(BenchInstance bench, Duration phase, int threads, Throughput.Worker encrypt) throws Exception {
        SecurityAudit.SpoolActivity before = bench.spoolActivity();
        long objects = bench.bucketObjects();
        double rate = Throughput.measure(phase, threads, encrypt);
        SecurityAudit.SpoolActivity after = bench.spoolActivity();
        return new AuditPhase(rate, (after.records() - before.records()) / (double) Math.max(1, after.syncs() - before.syncs()),
                bench.bucketObjects() - objects);
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
