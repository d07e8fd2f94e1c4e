package io.strongroom.key;

import io.strongroom.store.Store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Keys with their tags, key versions and aliases. A version's material is stored only as the domain-key-wrapped blob. */
public final class KeyRepository {
    /** Keys with their tags, one row per tag: {@code %s} is the condition on {@code keys k}. */
    private static final String KEYS_WITH_TAGS = """
            SELECT k.*, t.tag_key, t.tag_value FROM keys k LEFT JOIN key_tags t ON t.key_id = k.key_id
            WHERE %s ORDER BY k.creation_date, k.key_id""";

    private final Jdbi jdbi;

    public KeyRepository(Store store) {
        this.jdbi = requireNonNull(store, "store").jdbi();
    }

    /** Inserts a key with its first version and its tags, in one transaction. */
    public void insert(Key key, KeyVersion version) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO keys (key_id, instance_id, key_spec, key_usage, protection_level, aes_modes, description,
                                              key_state, creation_date, primary_version, initial_version,
                                              rotation_interval_seconds, next_rotation_date)
                            VALUES (:id, :instance, :spec, :usage, :protection, :aesModes, :description, :state, :created,
                                    :primary, :primary, :interval, :next)""")
                    .bind("id", key.keyId()).bind("instance", key.instanceId()).bind("spec", key.keySpec().name())
                    .bind("usage", key.keyUsage()).bind("protection", key.protectionLevel().name())
                    .bind("aesModes", key.modes().map(Enum::name).orElse(null))
                    .bind("description", key.description()).bind("state", key.keyState().name())
                    .bind("created", key.creationDate().toString()).bind("primary", key.primaryKeyVersion())
                    .bind("interval", key.rotation().map(Duration::toSeconds).orElse(null))
                    .bind("next", key.nextRotation().map(Instant::toString).orElse(null)).execute();
            insertVersion(handle, version);
            upsertTags(handle, key.keyId(), key.tags());
        });
    }

    /** Adds a new primary version to a key and sets its next rotation date (null: none), in one transaction. */
    public void rotate(String keyId, KeyVersion version, Instant nextRotation) {
        jdbi.useTransaction(handle -> {
            insertVersion(handle, version);
            handle.createUpdate("UPDATE keys SET primary_version = :primary, next_rotation_date = :next WHERE key_id = :id")
                    .bind("primary", version.keyVersionId()).bind("next", nextRotation == null ? null : nextRotation.toString())
                    .bind("id", keyId).execute();
        });
    }

    /** Key-pair versions keep their (longer) wrapped private key and their public key in the columns of V6. */
    private static void insertVersion(Handle handle, KeyVersion version) {
        boolean pair = version.publicKey().length > 0;
        handle.createUpdate("""
                        INSERT INTO key_versions (key_version_id, key_id, wrapped_material, wrapped_private_key, public_key,
                                                  creation_date)
                        VALUES (:id, :key, :wrapped, :private, :public, :created)""")
                .bind("id", version.keyVersionId()).bind("key", version.keyId())
                .bind("wrapped", pair ? "" : Base64.getEncoder().encodeToString(version.wrappedMaterial()))
                .bind("private", pair ? Base64.getEncoder().encodeToString(version.wrappedMaterial()) : null)
                .bind("public", pair ? Base64.getEncoder().encodeToString(version.publicKey()) : null)
                .bind("created", version.creationDate().toString()).execute();
    }

    /** A key's versions, oldest first. */
    public List<KeyVersion> versions(String keyId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM key_versions WHERE key_id = :key")
                .bind("key", keyId).map((rs, context) -> version(rs)).list()).stream()
                .sorted(Comparator.comparing(KeyVersion::creationDate).thenComparing(KeyVersion::keyVersionId)).toList();
    }

    /** Sets the automatic rotation interval and next rotation date (both null: no automatic rotation). */
    public void updateRotation(String keyId, Duration interval, Instant nextRotation) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE keys SET rotation_interval_seconds = :interval, next_rotation_date = :next WHERE key_id = :id")
                .bind("interval", interval == null ? null : interval.toSeconds())
                .bind("next", nextRotation == null ? null : nextRotation.toString()).bind("id", keyId).execute());
    }

    /** Sets the state and the deletion date (null unless the state is PendingDeletion). */
    public void updateLifecycle(String keyId, KeyState state, Instant deletionDate) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE keys SET key_state = :state, deletion_date = :deletion WHERE key_id = :id")
                .bind("state", state.name()).bind("deletion", deletionDate == null ? null : deletionDate.toString())
                .bind("id", keyId).execute());
    }

    /** Keys with scheduled work (a pending deletion or an automatic rotation), for the scheduler to check. */
    public List<Key> withScheduledWork() {
        return jdbi.withHandle(handle -> keys(handle.createQuery(
                KEYS_WITH_TAGS.formatted("k.deletion_date IS NOT NULL OR k.next_rotation_date IS NOT NULL"))));
    }

    /** Deletes a key, its versions, aliases and tags for good, in one transaction. */
    public void delete(String keyId) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM key_tags WHERE key_id = :id").bind("id", keyId).execute();
            handle.createUpdate("DELETE FROM key_aliases WHERE key_id = :id").bind("id", keyId).execute();
            handle.createUpdate("DELETE FROM key_versions WHERE key_id = :id").bind("id", keyId).execute();
            handle.createUpdate("DELETE FROM keys WHERE key_id = :id").bind("id", keyId).execute();
        });
    }

    public void insertAlias(KeyAlias alias) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO key_aliases (alias_name, instance_id, key_id, creation_date)
                        VALUES (:name, :instance, :key, :created)""")
                .bind("name", alias.aliasName()).bind("instance", alias.instanceId()).bind("key", alias.keyId())
                .bind("created", alias.creationDate().toString()).execute());
    }

    public Optional<KeyAlias> alias(String aliasName) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM key_aliases WHERE alias_name = :name")
                .bind("name", aliasName).map((rs, context) -> alias(rs)).findOne());
    }

    /** An instance's aliases, by name. */
    public List<KeyAlias> aliases(String instanceId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM key_aliases WHERE instance_id = :instance ORDER BY alias_name")
                .bind("instance", instanceId).map((rs, context) -> alias(rs)).list());
    }

    public void updateAlias(String aliasName, String keyId) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE key_aliases SET key_id = :key WHERE alias_name = :name")
                .bind("key", keyId).bind("name", aliasName).execute());
    }

    /** Deletes an alias; false if there is none. */
    public boolean deleteAlias(String aliasName) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM key_aliases WHERE alias_name = :name")
                .bind("name", aliasName).execute()) == 1;
    }

    private static KeyAlias alias(ResultSet rs) throws SQLException {
        return new KeyAlias(rs.getString("alias_name"), rs.getString("instance_id"), rs.getString("key_id"),
                Instant.parse(rs.getString("creation_date")));
    }

    private static KeyVersion version(ResultSet rs) throws SQLException {
        String wrappedPrivateKey = rs.getString("wrapped_private_key");
        String publicKey = rs.getString("public_key");
        return new KeyVersion(rs.getString("key_version_id"), rs.getString("key_id"),
                Base64.getDecoder().decode(wrappedPrivateKey == null ? rs.getString("wrapped_material") : wrappedPrivateKey),
                publicKey == null ? new byte[0] : Base64.getDecoder().decode(publicKey), Instant.parse(rs.getString("creation_date")));
    }

    public Optional<Key> find(String keyId) {
        return jdbi.withHandle(handle -> keys(handle.createQuery(KEYS_WITH_TAGS.formatted("k.key_id = :id")).bind("id", keyId)))
                .stream().findFirst();
    }

    public Optional<KeyVersion> version(String keyVersionId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM key_versions WHERE key_version_id = :id")
                .bind("id", keyVersionId)
                .map((rs, context) -> version(rs)).findOne());
    }

    /** A page of an instance's keys that {@code filter} lets through, oldest first; {@code offset} counts from zero. */
    public List<Key> page(String instanceId, KeyTagFilter filter, int offset, int limit) {
        return jdbi.withHandle(handle -> keys(bindFilter(handle.createQuery(KEYS_WITH_TAGS.formatted("""
                        k.key_id IN (SELECT key_id FROM keys WHERE instance_id = :instance%s
                                     ORDER BY creation_date, key_id LIMIT :limit OFFSET :offset)""".formatted(tagCondition(filter)))), filter)
                .bind("instance", instanceId).bind("limit", limit).bind("offset", offset)));
    }

    /** How many of an instance's keys {@code filter} lets through. */
    public int count(String instanceId, KeyTagFilter filter) {
        return jdbi.withHandle(handle -> bindFilter(handle.createQuery(
                        "SELECT COUNT(*) FROM keys WHERE instance_id = :instance" + tagCondition(filter)), filter)
                .bind("instance", instanceId).mapTo(Integer.class).one());
    }

    private static String tagCondition(KeyTagFilter filter) {
        if (filter.tagKey() == null) {
            return "";
        }
        return " AND key_id IN (SELECT key_id FROM key_tags WHERE tag_key = :tagKey"
                + (filter.tagValue() == null ? "" : " AND tag_value = :tagValue") + ")";
    }

    private static Query bindFilter(Query query, KeyTagFilter filter) {
        if (filter.tagKey() != null) {
            query.bind("tagKey", filter.tagKey());
        }
        if (filter.tagValue() != null) {
            query.bind("tagValue", filter.tagValue());
        }
        return query;
    }

    /**
     * Adds tags to a key and overwrites the values of TagKeys it has, unless it would then have more
     * than {@code maxTags}: then nothing changes. The key's row is locked first (on PostgreSQL; SQLite
     * has one writer), so that concurrent requests cannot pass the limit together.
     * Answers how many tags the key has, or would have had.
     */
    public int tag(String keyId, List<KeyTag> tags, int maxTags) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE keys SET key_state = key_state WHERE key_id = :id").bind("id", keyId).execute();
            Set<String> tagKeys = new HashSet<>(handle.createQuery("SELECT tag_key FROM key_tags WHERE key_id = :id")
                    .bind("id", keyId).mapTo(String.class).list());
            tags.forEach(tag -> tagKeys.add(tag.tagKey()));
            if (tagKeys.size() <= maxTags) {
                upsertTags(handle, keyId, tags);
            }
            return tagKeys.size();
        });
    }

    /** Removes TagKeys from a key; those it does not have are ignored. */
    public void untag(String keyId, List<String> tagKeys) {
        jdbi.useTransaction(handle -> tagKeys.forEach(tagKey -> handle.createUpdate(
                        "DELETE FROM key_tags WHERE key_id = :id AND tag_key = :tagKey")
                .bind("id", keyId).bind("tagKey", tagKey).execute()));
    }

    private static void upsertTags(Handle handle, String keyId, List<KeyTag> tags) {
        for (KeyTag tag : tags) {
            handle.createUpdate("""
                            INSERT INTO key_tags (key_id, tag_key, tag_value) VALUES (:id, :tagKey, :tagValue)
                            ON CONFLICT (key_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value""")
                    .bind("id", keyId).bind("tagKey", tag.tagKey()).bind("tagValue", tag.tagValue()).execute();
        }
    }

    /** Sets the state; false if there is no such key. */
    public boolean updateState(String keyId, KeyState state) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE keys SET key_state = :state WHERE key_id = :id")
                .bind("state", state.name()).bind("id", keyId).execute()) == 1;
    }

    /** A row of {@link #KEYS_WITH_TAGS}: a key, and one of its tags or none. */
    private record KeyRow(Key key, KeyTag tag) {
    }

    private static List<Key> keys(Query query) {
        Map<String, Key> keys = new LinkedHashMap<>();
        Map<String, List<KeyTag>> tags = new HashMap<>();
        for (KeyRow row : query.map((rs, context) -> keyRow(rs)).list()) {
            keys.putIfAbsent(row.key().keyId(), row.key());
            if (row.tag() != null) {
                tags.computeIfAbsent(row.key().keyId(), id -> new ArrayList<>()).add(row.tag());
            }
        }
        return keys.values().stream().map(key -> key.withTags(tags.getOrDefault(key.keyId(), List.of()))).toList();
    }

    private static KeyRow keyRow(ResultSet rs) throws SQLException {
        String tagKey = rs.getString("tag_key");
        return new KeyRow(key(rs), tagKey == null ? null : new KeyTag(tagKey, rs.getString("tag_value")));
    }

    private static Key key(ResultSet rs) throws SQLException {
        String initial = rs.getString("initial_version");
        long seconds = rs.getLong("rotation_interval_seconds");
        Duration interval = rs.wasNull() ? null : Duration.ofSeconds(seconds);
        String aesModes = rs.getString("aes_modes");
        return new Key(rs.getString("key_id"), rs.getString("instance_id"), KeySpec.valueOf(rs.getString("key_spec")),
                rs.getString("key_usage"), ProtectionLevel.valueOf(rs.getString("protection_level")),
                aesModes == null ? null : AesModes.valueOf(aesModes), rs.getString("description"),
                KeyState.valueOf(rs.getString("key_state")), Instant.parse(rs.getString("creation_date")),
                rs.getString("primary_version"), initial == null ? rs.getString("primary_version") : initial,
                interval, instant(rs.getString("next_rotation_date")),
                instant(rs.getString("deletion_date")), List.of());
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
