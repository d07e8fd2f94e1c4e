package io.strongroom.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strongroom.platform.Config;
import io.strongroom.platform.DataDirectory;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The metadata store: SQLite in the data directory by default, PostgreSQL for deployments of
 * several Strongroom nodes. Schema changes are numbered Flyway migrations in portable SQL.
 * SQLite runs in WAL mode with {@code synchronous=FULL}: a committed state change survives a
 * crash, so the API acknowledges only what is durable.
 */
public final class Store implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String kind;

    private Store(HikariDataSource dataSource, String kind) {
        this.dataSource = dataSource;
        this.kind = kind;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Store open(Config.StoreConfig config, DataDirectory home) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("strongroom-store");
        switch (config.kind()) {
            case "sqlite" -> {
                Path file = home.sqliteDatabase();
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + file.getParent(), e);
                }
                hikari.setJdbcUrl("jdbc:sqlite:" + file);
                hikari.addDataSourceProperty("journal_mode", "WAL");
                hikari.addDataSourceProperty("synchronous", "FULL");
                hikari.addDataSourceProperty("busy_timeout", "10000");
                hikari.addDataSourceProperty("foreign_keys", "true");
                hikari.setMaximumPoolSize(4);
            }
            case "postgresql" -> {
                if (config.url() == null) {
                    throw new IllegalArgumentException("store.url is required for store.kind postgresql (e.g. jdbc:postgresql://127.0.0.1:5432/strongroom)");
                }
                hikari.setJdbcUrl(config.url());
                if (config.user() != null) {
                    hikari.setUsername(config.user());
                }
                if (config.passwordFile() != null) {
                    hikari.setPassword(readPasswordFile(home.root().resolve(config.passwordFile())));
                }
                hikari.setMaximumPoolSize(10);
            }
            default -> throw new IllegalArgumentException("store.kind must be sqlite or postgresql, not '" + config.kind() + "'");
        }
        return new Store(new HikariDataSource(hikari), config.kind());
    }

    private static String readPasswordFile(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the store password file " + file, e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public String kind() {
        return kind;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
