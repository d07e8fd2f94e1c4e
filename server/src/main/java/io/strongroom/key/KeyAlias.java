package io.strongroom.key;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An alias ({@code alias/<name>}) that names one key of an instance; it can be pointed at another key. */
public record KeyAlias(String aliasName, String instanceId, String keyId, Instant creationDate) {
    public KeyAlias {
        requireNonNull(aliasName, "aliasName");
        requireNonNull(instanceId, "instanceId");
        requireNonNull(keyId, "keyId");
        requireNonNull(creationDate, "creationDate");
    }
}
