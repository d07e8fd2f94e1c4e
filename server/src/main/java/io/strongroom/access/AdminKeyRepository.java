package io.strongroom.access;

import io.strongroom.store.Store;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Admin access keys. Only the SHA-256 of each secret is stored (the secrets are 256-bit random). */
public final class AdminKeyRepository {
    private final Jdbi jdbi;

    public AdminKeyRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    public void insert(String accessKeyId, String secretSha256Hex, Instant created) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO admin_access_keys (access_key_id, secret_sha256, create_time) VALUES (:id, :hash, :created)")
                .bind("id", accessKeyId)
                .bind("hash", secretSha256Hex)
                .bind("created", created.toString())
                .execute());
    }

    public Optional<String> secretHash(String accessKeyId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT secret_sha256 FROM admin_access_keys WHERE access_key_id = :id")
                .bind("id", accessKeyId)
                .mapTo(String.class)
                .findOne());
    }

    public boolean any() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM admin_access_keys").mapTo(Integer.class).one()) > 0;
    }
}
