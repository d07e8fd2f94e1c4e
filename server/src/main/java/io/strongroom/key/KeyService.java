package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceService;
import io.strongroom.instance.Regions;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.Ids;
import io.strongroom.platform.StrongroomException;
import io.strongroom.store.KeyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Keys of an instance: create, describe, list, enable, disable. Key material is generated in
 * the instance's HSM cluster and stored only wrapped by its domain key, so creating a key needs
 * the instance connected. This release makes symmetric (AES) keys only.
 */
public final class KeyService {
    private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_DESCRIPTION = 1024;

    private final KeyRepository keys;
    private final InstanceService instances;
    private final Regions regions;
    final KeyMaterial material = new KeyMaterial();

    public KeyService(KeyRepository keys, InstanceService instances, Regions regions) {
        this.keys = requireNonNull(keys, "keys");
        this.instances = requireNonNull(instances, "instances");
        this.regions = requireNonNull(regions, "regions");
    }

    public Key createKey(String instanceId, String keySpec, String keyUsage, String protectionLevel, String description) {
        Instance instance = instances.describe(instanceId);
        KeySpec spec = KeySpec.parse(keySpec);
        ProtectionLevel protection = ProtectionLevel.parse(protectionLevel);
        if (keyUsage != null && !keyUsage.isBlank() && !keyUsage.equals(Key.ENCRYPT_DECRYPT)) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeyUsage of an AES key must be " + Key.ENCRYPT_DECRYPT
                    + "; SIGN/VERIFY keys are not in this release");
        }
        String text = description == null ? "" : description;
        if (text.length() > MAX_DESCRIPTION) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "Description must be at most " + MAX_DESCRIPTION + " characters");
        }
        ClusterConnection connection = connection(instance);
        byte[] wrapped;
        try {
            wrapped = material.generate(connection, spec.bits());
        } catch (HsmException e) {
            throw new StrongroomException(ErrorCode.HSM_UNAVAILABLE, "the HSM cluster could not generate the key ("
                    + e.failure() + "); retry, and check 'hsm-cluster describe' if it persists");
        }
        String keyId = "key-" + regions.require(instance.regionId()).code() + Ids.random(20);
        Instant now = Instant.now();
        KeyVersion version = new KeyVersion(keyId + "-" + UUID.randomUUID(), keyId, wrapped, now);
        Key key = new Key(keyId, instance.instanceId(), spec, Key.ENCRYPT_DECRYPT, protection, text, KeyState.Enabled, now,
                version.keyVersionId());
        keys.insert(key, version);
        LOG.info("key {} ({}, {}) created in instance {}", keyId, spec, protection, instance.instanceId());
        return key;
    }

    public Key describeKey(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "KeyId is required");
        }
        return keys.find(keyId).orElseThrow(() -> new StrongroomException(ErrorCode.KEY_NOT_FOUND,
                "there is no key " + keyId + ": 'key list --instance <InstanceId>' shows an instance's keys"));
    }

    /** Page {@code pageNumber} (from 1) of {@code pageSize} (1..100, default 20) keys, oldest first. */
    public KeyPage listKeys(String instanceId, Integer pageNumber, Integer pageSize) {
        Instance instance = instances.describe(instanceId);
        int number = pageNumber == null ? 1 : pageNumber;
        int size = pageSize == null ? 20 : pageSize;
        if (number < 1) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "PageNumber must be 1 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "PageSize must be from 1 to " + MAX_PAGE_SIZE);
        }
        long offset = (long) (number - 1) * size;
        int total = keys.count(instance.instanceId());
        return new KeyPage(offset >= total ? java.util.List.of() : keys.page(instance.instanceId(), (int) offset, size),
                number, size, total);
    }

    public Key enableKey(String keyId) {
        return setState(keyId, KeyState.Enabled);
    }

    public Key disableKey(String keyId) {
        return setState(keyId, KeyState.Disabled);
    }

    private Key setState(String keyId, KeyState state) {
        Key key = describeKey(keyId);
        keys.updateState(keyId, state);
        LOG.info("key {} of instance {} is now {}", keyId, key.instanceId(), state);
        return key.withState(state);
    }

    /** The key {@code keyRef} names in {@code instanceId}, usable now; the refusals the endpoint answers otherwise. */
    Key usableKey(String instanceId, String keyRef) {
        if (keyRef == null || keyRef.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Parameter KeyId does not exist in http header or body.");
        }
        Key key = keyRef.startsWith("alias/") ? null : keys.find(keyRef).filter(k -> k.instanceId().equals(instanceId)).orElse(null);
        if (key == null) {
            throw new StrongroomException(ErrorCode.KEY_NOT_FOUND, "The specified Key is not found.");
        }
        if (key.keyState() != KeyState.Enabled) {
            throw new StrongroomException(ErrorCode.KEY_DISABLED, "The key " + key.keyId() + " is " + key.keyState()
                    + ": an operator must enable it (strongroom key enable " + key.keyId() + ") before it can be used.");
        }
        return key;
    }

    KeyVersion version(Key key) {
        return keys.version(key.primaryKeyVersion()).orElseThrow(() -> new StrongroomException(ErrorCode.INTERNAL_FAILURE,
                "the version of key " + key.keyId() + " is missing from the store"));
    }

    ClusterConnection connection(Instance instance) {
        return instances.connection(instance.instanceId()).orElseThrow(() -> new StrongroomException(ErrorCode.INCORRECT_INSTANCE_STATUS,
                "instance " + instance.instanceId() + " is " + instance.status() + ": keys need it connected to its HSM cluster"
                        + " ('instance connect')"));
    }
}
