package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Aliases: {@code alias/<name>} names one key, and can be pointed at another key of the same
 * instance. Names are unique across the server, so an alias resolves without an instance. An
 * alias only names a key: policies still grant {@code key/<KeyId>}.
 */
public final class KeyAliases {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAliases.class);
    public static final String PREFIX = "alias/";
    /** As existing KMS consoles allow: letters, digits, '_', '-', '/' after the prefix, 1..255 characters. */
    private static final Pattern NAME = Pattern.compile("alias/[A-Za-z0-9_/-]{1,255}");

    private final KeyRepository keys;
    private final KeyService service;

    KeyAliases(KeyRepository keys, KeyService service) {
        this.keys = requireNonNull(keys, "keys");
        this.service = requireNonNull(service, "service");
    }

    public KeyAlias createAlias(String aliasName, String keyId) {
        requireName(aliasName);
        Key key = service.describeKey(keyId);
        if (keys.alias(aliasName).isPresent()) {
            throw new StrongroomException(ErrorCode.RESOURCE_ALREADY_EXISTS, "the alias " + aliasName
                    + " already exists: 'alias update' points it at another key");
        }
        KeyAlias alias = new KeyAlias(aliasName, key.instanceId(), key.keyId(), Instant.now());
        keys.insertAlias(alias);
        LOG.info("alias {} now names key {} of instance {}", aliasName, key.keyId(), key.instanceId());
        return alias;
    }

    /** Points an existing alias at another key of the same instance. */
    public KeyAlias updateAlias(String aliasName, String keyId) {
        KeyAlias alias = describeAlias(aliasName);
        Key key = service.describeKey(keyId);
        if (!key.instanceId().equals(alias.instanceId())) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "the alias " + aliasName + " belongs to instance "
                    + alias.instanceId() + "; key " + key.keyId() + " is in instance " + key.instanceId());
        }
        keys.updateAlias(aliasName, key.keyId());
        LOG.info("alias {} now names key {} (was {})", aliasName, key.keyId(), alias.keyId());
        return new KeyAlias(aliasName, alias.instanceId(), key.keyId(), alias.creationDate());
    }

    public void deleteAlias(String aliasName) {
        KeyAlias alias = describeAlias(aliasName);
        keys.deleteAlias(aliasName);
        LOG.info("alias {} (key {}) deleted", aliasName, alias.keyId());
    }

    public List<KeyAlias> listAliases(String instanceId) {
        return keys.aliases(service.instance(instanceId).instanceId());
    }

    public KeyAlias describeAlias(String aliasName) {
        requireName(aliasName);
        return keys.alias(aliasName).orElseThrow(() -> new StrongroomException(ErrorCode.NOT_FOUND,
                "there is no alias " + aliasName + ": 'alias list --instance <InstanceId>' shows an instance's aliases"));
    }

    private static void requireName(String aliasName) {
        if (aliasName == null || aliasName.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "AliasName is required");
        }
        if (!NAME.matcher(aliasName).matches()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "AliasName must be alias/ followed by 1 to 255 letters,"
                    + " digits, '_', '-' or '/'");
        }
    }
}
