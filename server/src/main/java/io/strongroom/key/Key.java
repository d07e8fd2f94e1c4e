package io.strongroom.key;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A customer key's metadata. Its material lives only in its {@link KeyVersion}s, wrapped. */
public record Key(String keyId, String instanceId, KeySpec keySpec, String keyUsage, ProtectionLevel protectionLevel,
                  String description, KeyState keyState, Instant creationDate, String primaryKeyVersion) {
    public static final String ENCRYPT_DECRYPT = "ENCRYPT/DECRYPT";

    public Key {
        requireNonNull(keyId, "keyId");
        requireNonNull(instanceId, "instanceId");
        requireNonNull(keySpec, "keySpec");
        requireNonNull(keyUsage, "keyUsage");
        requireNonNull(protectionLevel, "protectionLevel");
        requireNonNull(description, "description");
        requireNonNull(keyState, "keyState");
        requireNonNull(creationDate, "creationDate");
        requireNonNull(primaryKeyVersion, "primaryKeyVersion");
    }

    public Key withState(KeyState state) {
        return new Key(keyId, instanceId, keySpec, keyUsage, protectionLevel, description, state, creationDate, primaryKeyVersion);
    }
}
