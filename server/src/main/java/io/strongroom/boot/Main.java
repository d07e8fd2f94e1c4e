package io.strongroom.boot;

import io.strongroom.platform.DataDirectory;

import io.strongroom.instance.Instance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code strongroom up}: initialises the data directory on first run (admin credential, TLS,
 * store, the demo HSM cluster and instance) and serves in the foreground until stopped.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].equals("up")) {
            System.err.println("usage: strongroom up   (the other commands are the CLI's: strongroom --help)");
            System.exit(2);
        }
        DataDirectory home = new DataDirectory(Path.of(System.getenv().getOrDefault("STRONGROOM_HOME", "data")));
        Strongroom server;
        Optional<Instance> demo;
        try {
            server = Strongroom.start(home, System.getenv());
            demo = Demo.provisionIfFirstRun(server);
        } catch (Exception e) {
            LOG.debug("start-up failed", e);
            System.err.println("Strongroom could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "strongroom-shutdown"));
        System.out.println(banner(server, demo));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String banner(Strongroom server, Optional<Instance> demo) {
        DataDirectory home = server.home();
        Path cwd = Path.of("").toAbsolutePath();
        StringBuilder text = new StringBuilder()
                .append("\nStrongroom ").append(Strongroom.VERSION).append(" is up (data directory ").append(shown(cwd, home.root())).append(")\n")
                .append("  Management API:    ").append(server.apiUrl()).append("/api/v1   (OpenAPI: ").append(server.apiUrl()).append("/api/v1/openapi.yaml)\n")
                .append("  Web console:       ").append(server.consoleUrl()).append("   (log on with the admin credential)\n")
                .append("  Admin credential:  ").append(shown(cwd, home.adminCredentialFile())).append("   (bin/strongroom admin credential)\n")
                .append("  API TLS CA:        ").append(shown(cwd, home.managementCaCertificate())).append('\n')
                .append("  Instance endpoints ").append(server.status().instanceEndpoint()).append("   (dkms-gcs-0.2; the key actions are listed in the README)\n");
        demo.ifPresent(instance -> text
                .append("  Demo instance:     ").append(instance.instanceId()).append(" in ").append(instance.regionId())
                .append(", ").append(instance.status()).append(instance.errorCode().map(code -> " (" + code + ": " + instance.errorMessage().orElse("") + ")").orElse(""))
                .append("\n  Demo HSM password: ").append(shown(cwd, home.demoCredentialFile())).append("   (for 'instance connect --password-file')\n"));
        text.append("\nTry:  bin/strongroom instance list --region cn-hangzhou\n");
        text.append("Stop with Ctrl-C.\n");
        return text.toString();
    }

    private static String shown(Path cwd, Path path) {
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
