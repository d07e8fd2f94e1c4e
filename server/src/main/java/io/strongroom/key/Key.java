package io.strongroom.key;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A customer key's metadata. Its material lives only in its {@link KeyVersion}s, wrapped.
 * {@code initialKeyVersion} is what plain Encrypt/Decrypt/GenerateDataKey use (the protocol fixes
 * them to it); {@code primaryKeyVersion}, the newest, is what the {@code Advance*} calls use.
 * The rotation interval, next rotation date and deletion date are absent ({@code null}) when unset.
 * {@code tags} are ordered by TagKey (as Java compares strings, whatever the store's collation).
 * {@code aesModes} is fixed at creation; every AES key has them, no other key does ({@code null}).
 */
public record Key(String keyId, String instanceId, KeySpec keySpec, String keyUsage, ProtectionLevel protectionLevel,
                  AesModes aesModes, String description, KeyState keyState, Instant creationDate, String primaryKeyVersion,
                  String initialKeyVersion, Duration rotationInterval, Instant nextRotationDate, Instant deletionDate,
                  List<KeyTag> tags) {
    public static final String ENCRYPT_DECRYPT = "ENCRYPT/DECRYPT";
    public static final String SIGN_VERIFY = "SIGN/VERIFY";
    public static final String GENERATE_VERIFY_MAC = "GENERATE/VERIFY_MAC";

    public Key {
        requireNonNull(keyId, "keyId");
        requireNonNull(instanceId, "instanceId");
        requireNonNull(keySpec, "keySpec");
        requireNonNull(keyUsage, "keyUsage");
        requireNonNull(protectionLevel, "protectionLevel");
        if (keySpec.isAes() != (aesModes != null)) {
            throw new IllegalArgumentException("AesModes are for AES keys, and every AES key has them: " + keySpec + ", " + aesModes);
        }
        requireNonNull(description, "description");
        requireNonNull(keyState, "keyState");
        requireNonNull(creationDate, "creationDate");
        requireNonNull(primaryKeyVersion, "primaryKeyVersion");
        requireNonNull(initialKeyVersion, "initialKeyVersion");
        tags = List.copyOf(tags.stream().sorted(Comparator.comparing(KeyTag::tagKey)).toList());
    }

    /** The AES modes of an AES key; empty for RSA, EC and HMAC keys. */
    public Optional<AesModes> modes() {
        return Optional.ofNullable(aesModes);
    }

    public Optional<Duration> rotation() {
        return Optional.ofNullable(rotationInterval);
    }

    public Optional<Instant> nextRotation() {
        return Optional.ofNullable(nextRotationDate);
    }

    public Optional<Instant> deletion() {
        return Optional.ofNullable(deletionDate);
    }

    public Key withState(KeyState state) {
        return new Key(keyId, instanceId, keySpec, keyUsage, protectionLevel, aesModes, description, state, creationDate,
                primaryKeyVersion, initialKeyVersion, rotationInterval, nextRotationDate,
                state == KeyState.PendingDeletion ? deletionDate : null, tags);
    }

    public Key withTags(List<KeyTag> newTags) {
        return new Key(keyId, instanceId, keySpec, keyUsage, protectionLevel, aesModes, description, keyState, creationDate,
                primaryKeyVersion, initialKeyVersion, rotationInterval, nextRotationDate, deletionDate, newTags);
    }
}
