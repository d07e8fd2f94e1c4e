package io.strongroom.boot;

import io.strongroom.platform.DataDirectory;
import io.strongroom.platform.Ids;

import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmTokens;
import io.strongroom.hsm.NodeSpec;
import io.strongroom.hsm.TokenLocation;
import io.strongroom.instance.CreateInstance;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The embedded demo, made on a data directory's first run: two tokens in two zones as an HSM
 * cluster (SoftHSM2 when installed, otherwise the insecure in-process fallback), its
 * domain-key ceremony, and one instance in {@code cn-hangzhou}, connected. The crypto user's
 * password goes to {@code demo/hsm-credential} (0600) so the user can practise reconnecting.
 */
public final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    public static final String SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Demo() {
    }

    /** Provisions the demo unless this data directory has any HSM cluster already. Returns the demo instance, if made now. */
    public static Optional<Instance> provisionIfFirstRun(Strongroom server) throws HsmException {
        DataDirectory home = server.home();
        if (!server.clusters().list(Optional.empty()).isEmpty() || Files.exists(home.demoCredentialFile())) {
            return Optional.empty();
        }
        boolean softHsm = Files.isRegularFile(Path.of(SOFTHSM_MODULE)) && System.getenv("SOFTHSM2_CONF") != null;
        if (!softHsm) {
            LOG.warn("*** SoftHSM2 is not installed: the demo uses the INSECURE in-process software HSM. "
                    + "Keys are NOT protected by hardware. Install softhsm2 (apt-get install softhsm2) for a real PKCS#11 token. ***");
        }
        return Optional.of(provision(server, softHsm ? SOFTHSM_MODULE
                : TokenLocation.INSECURE_SOFTWARE_PREFIX + home.insecureHsmDirectory()));
    }

    /** Makes the demo tokens in {@code module}, the cluster and the instance; waits for the connect to settle. */
    static Instance provision(Strongroom server, String module) throws HsmException {
        DataDirectory home = server.home();
        char[] pin = password(24);
        char[] soPin = password(24);
        try {
            DataDirectory.writeSecret(home.demoCredentialFile(), bytes(pin));
            DataDirectory.writeSecret(home.root().resolve("demo").resolve("hsm-so-pin"), bytes(soPin));
            String prefix = "sr-demo-" + Ids.random(6);
            List<NodeSpec> nodes = List.of(
                    new NodeSpec(module, prefix + "-a", "cn-hangzhou-h"),
                    new NodeSpec(module, prefix + "-b", "cn-hangzhou-i"));
            for (NodeSpec node : nodes) {
                HsmTokens.initializeToken(new TokenLocation(node.modulePath(), node.tokenLabel()), soPin, pin);
            }
            HsmCluster cluster = server.clusters().create("cn-hangzhou", "demo-cluster", null, null, nodes);
            server.clusters().initialize(cluster.hsmClusterId(), server.config().hsm().cryptoUser(), pin);
            Instance created = server.instances().create(new CreateInstance("cn-hangzhou", "demo", "vpc-demo",
                    List.of("127.0.0.0/8", "::1/128"), 1000, cluster.hsmClusterId(), server.config().hsm().cryptoUser(), pin));
            return awaitConnected(server, created.instanceId());
        } finally {
            Arrays.fill(pin, '\0');
            Arrays.fill(soPin, '\0');
        }
    }

    private static Instance awaitConnected(Strongroom server, String instanceId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Instance instance = server.instances().describe(instanceId);
        while (instance.status() == InstanceStatus.Creating && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            instance = server.instances().describe(instanceId);
        }
        return instance;
    }

    private static char[] password(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return password;
    }

    private static byte[] bytes(char[] chars) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return out;
    }
}
