package io.strongroom.store;

import io.strongroom.key.KeyRepository;

import io.strongroom.key.AesModes;
import io.strongroom.key.Key;
import io.strongroom.platform.Config;
import io.strongroom.platform.DataDirectory;
import io.strongroom.testing.PostgresServer;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * V9 on a store whose keys were made before it, on SQLite and on PostgreSQL: AES keys get AesModes
 * GCM (the default, what they were made for), RSA and HMAC keys none.
 */
class AesModesMigrationTest {
    @TempDir
    Path home;

    @Test
    void v9_sqlite_earlierAesKeysAreGcm_otherKeysHaveNone() throws IOException {
        DataDirectory data = new DataDirectory(home);
        Files.createDirectories(data.sqliteDatabase().getParent());
        migrateToV8WithKeys("jdbc:sqlite:" + data.sqliteDatabase(), null);
        try (Store store = Store.open(Config.defaults().store(), data)) {
            assertMigrated(new KeyRepository(store));
        }
    }

    @Test
    void v9_postgresql_earlierAesKeysAreGcm_otherKeysHaveNone() {
        assumeTrue(PostgresServer.available(), "PostgreSQL is not installed");
        try (PostgresServer postgres = PostgresServer.start()) {
            migrateToV8WithKeys(postgres.jdbcUrl(), postgres.user());
            try (Store store = Store.open(new Config.StoreConfig("postgresql", postgres.jdbcUrl(), postgres.user(), null),
                    new DataDirectory(home))) {
                assertMigrated(new KeyRepository(store));
            }
        }
    }

    private static void migrateToV8WithKeys(String url, String user) {
        Flyway flyway = Flyway.configure().dataSource(url, user, null).locations("classpath:db/migration").target("8").load();
        flyway.migrate();
        Jdbi.create(flyway.getConfiguration().getDataSource()).useHandle(handle -> {
            handle.execute("""
                    INSERT INTO hsm_clusters (hsm_cluster_id, region_id, name, minimum_nodes, crypto_user, domain_key_label, create_time)
                    VALUES ('hsmc-1', 'cn-hangzhou', 'c', 2, 'kmsuser', 'label', '2025-01-01T00:00:00Z')""");
            handle.execute("""
                    INSERT INTO instances (instance_id, region_id, instance_name, vpc_id, allowed_cidrs, spec, hsm_cluster_id, status,
                                           security_audit, ca_certificate_pem, sealed_ca_private_key, create_time, update_time)
                    VALUES ('kst-1', 'cn-hangzhou', 'orders', 'vpc-1', '10.0.0.0/8', 1000, 'hsmc-1', 'Enabled', 'Disabled', 'PEM',
                            'v1:key', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')""");
            for (String[] key : new String[][]{{"key-aes", "Aliyun_AES_128", "ENCRYPT/DECRYPT"},
                    {"key-rsa", "RSA_2048", "ENCRYPT/DECRYPT"}, {"key-hmac", "HMAC_SHA256", "GENERATE/VERIFY_MAC"}}) {
                handle.execute("""
                        INSERT INTO keys (key_id, instance_id, key_spec, key_usage, protection_level, description, key_state,
                                          creation_date, primary_version, initial_version)
                        VALUES (?, 'kst-1', ?, ?, 'HSM', '', 'Enabled', '2025-01-01T00:00:00Z', ?, ?)""",
                        key[0], key[1], key[2], key[0] + "-v1", key[0] + "-v1");
            }
        });
    }

    private static void assertMigrated(KeyRepository keys) {
        assertThat(keys.find("key-aes").map(Key::aesModes)).contains(AesModes.GCM);
        assertThat(keys.find("key-rsa").orElseThrow().modes()).isEmpty();
        assertThat(keys.find("key-hmac").orElseThrow().modes()).isEmpty();
    }
}
