package io.strongroom.store;

import io.strongroom.platform.Config;
import io.strongroom.platform.DataDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteStoreTest extends StoreContract {
    @TempDir
    static Path home;
    static Store store;

    @BeforeAll
    static void open() {
        store = Store.open(Config.defaults().store(), new DataDirectory(home));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    Store store() {
        return store;
    }
}
