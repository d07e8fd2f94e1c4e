package io.strongroom.store;

import io.strongroom.platform.Config;
import io.strongroom.platform.DataDirectory;
import io.strongroom.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same migrations and repositories on a real PostgreSQL server. */
class PostgresStoreTest extends StoreContract {
    @TempDir
    static Path home;
    static PostgresServer postgres;
    static Store store;

    @BeforeAll
    static void open() {
        assumeTrue(PostgresServer.available(), "PostgreSQL is not installed");
        postgres = PostgresServer.start();
        store = Store.open(new Config.StoreConfig("postgresql", postgres.jdbcUrl(), postgres.user(), null), new DataDirectory(home));
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    Store store() {
        return store;
    }
}
