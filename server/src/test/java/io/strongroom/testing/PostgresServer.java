package io.strongroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server on loopback for one test class: initdb into a fresh folder,
 * pg_ctl start on a free port, pg_ctl stop at close. As root it runs as the postgres user.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private final Path directory;
    private final int port;

    private PostgresServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb"));
    }

    public static PostgresServer start() {
        try {
            Path directory = Files.createTempDirectory("strongroom-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (isRoot()) {
                run(List.of("chown", "postgres", directory.toString()));
            }
            run(asPostgres(BIN.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync", "-E", "UTF8"));
            run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-l",
                    directory.resolve("pg.log").toString(), "-o",
                    "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start"));
            return new PostgresServer(directory, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "immediate", "stop"));
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
