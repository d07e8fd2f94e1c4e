package io.strongroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Name resolution for tests: surefire points {@code jdk.net.hosts.file} at a file this writes, so
 * instance host names reach the loopback endpoint the way DNS would send them in production.
 */
public final class TestHosts {
    private TestHosts() {
    }

    /** Makes {@code host} resolve to 127.0.0.1 in this JVM. */
    public static synchronized void add(String host) {
        String file = System.getProperty("jdk.net.hosts.file");
        if (file == null) {
            throw new IllegalStateException("run with -Djdk.net.hosts.file=<file> (the server module's surefire does)");
        }
        try {
            Path hosts = Path.of(file);
            Files.createDirectories(hosts.getParent());
            Files.writeString(hosts, "127.0.0.1 " + host + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
