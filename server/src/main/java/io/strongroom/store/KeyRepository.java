package io.strongroom.store;

import io.strongroom.key.Key;
import io.strongroom.key.KeySpec;
import io.strongroom.key.KeyState;
import io.strongroom.key.KeyVersion;
import io.strongroom.key.ProtectionLevel;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Keys and key versions. A version's material is stored only as the domain-key-wrapped blob. */
public final class KeyRepository {
    private final Jdbi jdbi;

    public KeyRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    /** Inserts a key with its first version, in one transaction. */
    public void insert(Key key, KeyVersion version) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO keys (key_id, instance_id, key_spec, key_usage, protection_level, description, key_state,
                                              creation_date, primary_version)
                            VALUES (:id, :instance, :spec, :usage, :protection, :description, :state, :created, :primary)""")
                    .bind("id", key.keyId()).bind("instance", key.instanceId()).bind("spec", key.keySpec().name())
                    .bind("usage", key.keyUsage()).bind("protection", key.protectionLevel().name())
                    .bind("description", key.description()).bind("state", key.keyState().name())
                    .bind("created", key.creationDate().toString()).bind("primary", key.primaryKeyVersion()).execute();
            handle.createUpdate("""
                            INSERT INTO key_versions (key_version_id, key_id, wrapped_material, creation_date)
                            VALUES (:id, :key, :wrapped, :created)""")
                    .bind("id", version.keyVersionId()).bind("key", version.keyId())
                    .bind("wrapped", Base64.getEncoder().encodeToString(version.wrappedMaterial()))
                    .bind("created", version.creationDate().toString()).execute();
        });
    }

    public Optional<Key> find(String keyId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM keys WHERE key_id = :id").bind("id", keyId)
                .map((rs, context) -> key(rs)).findOne());
    }

    public Optional<KeyVersion> version(String keyVersionId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM key_versions WHERE key_version_id = :id")
                .bind("id", keyVersionId)
                .map((rs, context) -> new KeyVersion(rs.getString("key_version_id"), rs.getString("key_id"),
                        Base64.getDecoder().decode(rs.getString("wrapped_material")), Instant.parse(rs.getString("creation_date"))))
                .findOne());
    }

    /** A page of an instance's keys, oldest first; {@code offset} counts from zero. */
    public List<Key> page(String instanceId, int offset, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM keys WHERE instance_id = :instance ORDER BY creation_date, key_id LIMIT :limit OFFSET :offset""")
                .bind("instance", instanceId).bind("limit", limit).bind("offset", offset)
                .map((rs, context) -> key(rs)).list());
    }

    public int count(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM keys WHERE instance_id = :instance")
                .bind("instance", instanceId).mapTo(Integer.class).one());
    }

    /** Sets the state; false if there is no such key. */
    public boolean updateState(String keyId, KeyState state) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE keys SET key_state = :state WHERE key_id = :id")
                .bind("state", state.name()).bind("id", keyId).execute()) == 1;
    }

    private static Key key(ResultSet rs) throws SQLException {
        return new Key(rs.getString("key_id"), rs.getString("instance_id"), KeySpec.valueOf(rs.getString("key_spec")),
                rs.getString("key_usage"), ProtectionLevel.valueOf(rs.getString("protection_level")), rs.getString("description"),
                KeyState.valueOf(rs.getString("key_state")), Instant.parse(rs.getString("creation_date")),
                rs.getString("primary_version"));
    }
}
