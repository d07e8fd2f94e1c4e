package io.strongroom.bench;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.SignRequest;
import io.strongroom.hsm.KeyHandle;
import io.strongroom.hsm.KeyPairSpec;
import io.strongroom.hsm.SignatureAlgorithm;

import java.time.Duration;
import java.util.List;

/**
 * Sign (ECDSA P-256 over SHA-256, 32-byte message): the endpoint driven by the official SDK over
 * HTTPS for HSM and SOFTWARE keys, beside raw PKCS#11 C_Sign (CKM_ECDSA) on the same tokens.
 */
final class SignThroughput {
    private static final byte[] MESSAGE = new byte[32];

    private SignThroughput() {
    }

    static void run(BenchInstance bench, Duration phase, int threads) throws Exception {
        String hsmKey = bench.createKey("{\"KeySpec\": \"EC_P256\", \"KeyUsage\": \"SIGN/VERIFY\", \"ProtectionLevel\": \"HSM\"}");
        String softwareKey = bench.createKey("{\"KeySpec\": \"EC_P256\", \"KeyUsage\": \"SIGN/VERIFY\", \"ProtectionLevel\": \"SOFTWARE\"}");
        Throughput.report("Sign, ECDSA P-256 (SHA-256), 32-byte message", phase, threads, raw(bench),
                endpoint(bench.clients(), hsmKey), endpoint(bench.clients(), softwareKey));
    }

    private static Throughput.Worker endpoint(List<Client> clients, String keyId) {
        return Throughput.endpoint(clients, client -> client.sign(new SignRequest().setKeyId(keyId).setAlgorithm("ECDSA_SHA_256").setMessage(MESSAGE)));
    }

    /** A P-256 private key generated and wrapped in the token, unwrapped as a session object; C_Sign over a digest. */
    private static Throughput.Worker raw(BenchInstance bench) {
        String label = bench.hsmCluster().domainKeyLabel();
        return Throughput.raw(bench.hsmCluster(), session -> {
            KeyHandle domainKey = session.findSecretKey(label).orElseThrow();
            KeyHandle key = session.unwrapPrivateKey(domainKey, KeyPairSpec.EC_P256,
                    session.generateWrappedKeyPair(domainKey, KeyPairSpec.EC_P256).wrappedPrivateKey(), true);
            return (s, done) -> s.sign(key, SignatureAlgorithm.ECDSA_SHA_256, MESSAGE);
        });
    }
}
