package io.strongroom.key;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.Regions;
import io.strongroom.platform.Certificates;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.Ids;
import io.strongroom.platform.StrongroomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Keys of an instance: create, describe, list, enable, disable, rotate, schedule and cancel
 * deletion. Key material is generated in the instance's HSM cluster and stored only wrapped by its
 * domain key, so creating or rotating a key needs the instance connected. Wherever a key id is
 * accepted, {@code alias/<name>} names the key too. Specs: AES, RSA and EC key pairs, HMAC-SHA224/256/384/512 ({@link KeySpec}).
 */
public final class KeyService {
    private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_DESCRIPTION = 1024;
    static final int DEFAULT_PENDING_DAYS = 30;

    private final KeyRepository keys;
    private final InstanceService instances;
    private final Regions regions;
    private final KeyAliases aliases;
    private final KeyTags tags;
    final KeyMaterial material = new KeyMaterial();

    public KeyService(KeyRepository keys, InstanceService instances, Regions regions) {
        this.keys = requireNonNull(keys, "keys");
        this.instances = requireNonNull(instances, "instances");
        this.regions = requireNonNull(regions, "regions");
        this.aliases = new KeyAliases(keys, this);
        this.tags = new KeyTags(keys, this);
    }

    public KeyAliases aliases() {
        return aliases;
    }

    public KeyTags tags() {
        return tags;
    }

    /** Creates a key, with its tags, generated in the instance's HSM cluster. */
    public Key createKey(String instanceId, CreateKey request) {
        Instance instance = instances.describe(instanceId);
        KeySpec spec = KeySpec.parse(request.keySpec());
        ProtectionLevel protection = ProtectionLevel.parse(request.protectionLevel());
        String usage = spec.usage(request.keyUsage());
        AesModes aesModes = AesModes.parse(request.aesModes(), spec);
        if (spec == KeySpec.EC_P256K && protection == ProtectionLevel.SOFTWARE) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "KeySpec EC_P256K needs ProtectionLevel HSM: the server's"
                    + " Java runtime has no secp256k1 to use it in memory");
        }
        String text = request.description() == null ? "" : request.description();
        if (text.length() > MAX_DESCRIPTION) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "Description must be at most " + MAX_DESCRIPTION + " characters");
        }
        String rotationInterval = request.rotationInterval();
        Duration interval = rotationInterval == null || rotationInterval.isBlank() ? null : RotationInterval.parse(rotationInterval);
        if (interval != null) {
            requireRotatable(spec);
        }
        List<KeyTag> tags = KeyTags.requireValid(request.tags());
        KeyMaterial.Generated generated = generate(connection(instance), spec);
        String keyId = "key-" + regions.require(instance.regionId()).code() + Ids.random(20);
        Instant now = Instant.now();
        KeyVersion version = new KeyVersion(keyId + "-" + UUID.randomUUID(), keyId, generated.wrapped(), generated.publicKey(), now);
        Key key = new Key(keyId, instance.instanceId(), spec, usage, protection, aesModes, text, KeyState.Enabled, now,
                version.keyVersionId(), version.keyVersionId(), interval, interval == null ? null : now.plus(interval), null, tags);
        keys.insert(key, KeyVersionUse.note(version));
        LOG.info("key {} ({}, {}{}) created in instance {}", keyId, spec, protection, aesModes == null ? "" : ", " + aesModes,
                instance.instanceId());
        return key;
    }

    private KeyMaterial.Generated generate(ClusterConnection connection, KeySpec spec) {
        try {
            return material.generate(connection, spec);
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.MECHANISM_UNSUPPORTED) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "the instance's HSM cannot make " + spec + " keys ("
                        + e.getMessage() + "); choose another KeySpec");
            }
            throw new StrongroomException(ErrorCode.HSM_UNAVAILABLE, "the HSM cluster could not generate the key ("
                    + e.failure() + "); retry, and check 'hsm-cluster describe' if it persists");
        }
    }

    /** The key {@code keyRef} (a key id or {@code alias/<name>}) names. */
    public Key describeKey(String keyRef) {
        if (keyRef == null || keyRef.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "KeyId is required");
        }
        return find(keyRef).orElseThrow(() -> new StrongroomException(ErrorCode.KEY_NOT_FOUND,
                "there is no key " + keyRef + ": 'key list --instance <InstanceId>' shows an instance's keys"));
    }

    private Optional<Key> find(String keyRef) {
        if (keyRef.startsWith(KeyAliases.PREFIX)) {
            return keys.alias(keyRef).flatMap(alias -> keys.find(alias.keyId()));
        }
        return keys.find(keyRef);
    }

    /** The key id {@code keyRef} names, for policies (which grant {@code key/<KeyId>}); unknown references unchanged. */
    public String resolveKeyId(String keyRef) {
        return keyRef == null || !keyRef.startsWith(KeyAliases.PREFIX) ? keyRef
                : keys.alias(keyRef).map(KeyAlias::keyId).orElse(keyRef);
    }

    Instance instance(String instanceId) {
        return instances.describe(instanceId);
    }

    /**
     * Page {@code pageNumber} (from 1) of {@code pageSize} (1..100, default 20) keys, oldest first; only
     * those with the TagKey {@code tagKey} (and the TagValue {@code tagValue}) when given.
     */
    public KeyPage listKeys(String instanceId, Integer pageNumber, Integer pageSize, String tagKey, String tagValue) {
        Instance instance = instances.describe(instanceId);
        int number = pageNumber == null ? 1 : pageNumber;
        int size = pageSize == null ? 20 : pageSize;
        if (number < 1) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "PageNumber must be 1 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "PageSize must be from 1 to " + MAX_PAGE_SIZE);
        }
        KeyTagFilter filter = KeyTags.filter(tagKey, tagValue);
        long offset = (long) (number - 1) * size;
        int total = keys.count(instance.instanceId(), filter);
        return new KeyPage(offset >= total ? List.of() : keys.page(instance.instanceId(), filter, (int) offset, size),
                number, size, total);
    }

    public Key enableKey(String keyId) {
        return setState(keyId, KeyState.Enabled);
    }

    public Key disableKey(String keyId) {
        return setState(keyId, KeyState.Disabled);
    }

    private Key setState(String keyRef, KeyState state) {
        Key key = describeKey(keyRef);
        requireNotPendingDeletion(key);
        keys.updateState(key.keyId(), state);
        LOG.info("key {} of instance {} is now {}", key.keyId(), key.instanceId(), state);
        return key.withState(state);
    }

    private static void requireNotPendingDeletion(Key key) {
        if (key.keyState() == KeyState.PendingDeletion) {
            throw new StrongroomException(ErrorCode.INCORRECT_KEY_STATE, "key " + key.keyId() + " is PendingDeletion:"
                    + " 'key cancel-deletion " + key.keyId() + "' first");
        }
    }

    /** The key {@code keyRef} names in {@code instanceId}, usable now; the refusals the endpoint answers otherwise. */
    Key usableKey(String instanceId, String keyRef) {
        if (keyRef == null || keyRef.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Parameter KeyId does not exist in http header or body.");
        }
        Key key = find(keyRef).filter(k -> k.instanceId().equals(instanceId)).orElseThrow(() ->
                new StrongroomException(ErrorCode.KEY_NOT_FOUND, "The specified Key is not found."));
        return usable(key);
    }

    /**
     * As {@link #usableKey(String, String)}, and of {@code usage}: {@code action} with a key of another
     * usage is refused saying which keys it needs.
     */
    Key usableKey(String instanceId, String keyRef, String usage, String action) {
        Key key = usableKey(instanceId, keyRef);
        if (!key.keyUsage().equals(usage)) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The key " + key.keyId() + " is a " + key.keySpec() + " key for "
                    + key.keyUsage() + ": " + action + " needs a key with KeyUsage " + usage + ".");
        }
        return key;
    }

    /** {@code key} if it is Enabled; the refusal the endpoint answers otherwise. */
    static Key usable(Key key) {
        if (key.keyState() == KeyState.PendingDeletion) {
            throw new StrongroomException(ErrorCode.KEY_PENDING_DELETION, "The key " + key.keyId() + " is pending deletion on "
                    + key.deletionDate() + " and cannot be used; an operator can cancel the deletion (strongroom key"
                    + " cancel-deletion " + key.keyId() + ") and then enable it.");
        }
        if (key.keyState() != KeyState.Enabled) {
            throw new StrongroomException(ErrorCode.KEY_DISABLED, "The key " + key.keyId() + " is " + key.keyState()
                    + ": an operator must enable it (strongroom key enable " + key.keyId() + ") before it can be used.");
        }
        return key;
    }

    /** The key's initial version: the one plain Encrypt, Decrypt and GenerateDataKey use. */
    KeyVersion initialVersion(Key key) {
        return version(key, key.initialKeyVersion());
    }

    /** The key's primary (newest) version: the one the Advance* calls encrypt with. */
    KeyVersion primaryVersion(Key key) {
        return version(key, key.primaryKeyVersion());
    }

    /** The version {@code keyVersionId} of the key, for AdvanceDecrypt; the key and version must belong together. */
    Optional<KeyVersion> findVersion(String keyVersionId) {
        return keys.version(keyVersionId).map(KeyVersionUse::note);
    }

    private KeyVersion version(Key key, String keyVersionId) {
        return keys.version(keyVersionId).map(KeyVersionUse::note).orElseThrow(() -> new StrongroomException(
                ErrorCode.INTERNAL_FAILURE, "the version of key " + key.keyId() + " is missing from the store"));
    }

    /** A new primary version, generated in the HSM; the initial version stays what plain Encrypt uses. */
    public KeyVersion rotateKey(String keyRef) {
        Key key = describeKey(keyRef);
        if (key.keyState() != KeyState.Enabled) {
            throw new StrongroomException(ErrorCode.INCORRECT_KEY_STATE, "key " + key.keyId() + " is " + key.keyState()
                    + ": only an Enabled key can be rotated");
        }
        requireRotatable(key.keySpec());
        return rotate(key, Instant.now());
    }

    private KeyVersion rotate(Key key, Instant now) {
        KeyMaterial.Generated generated = generate(connection(instance(key.instanceId())), key.keySpec());
        KeyVersion version = new KeyVersion(key.keyId() + "-" + UUID.randomUUID(), key.keyId(), generated.wrapped(),
                generated.publicKey(), now);
        keys.rotate(key.keyId(), KeyVersionUse.note(version), key.rotation().map(now::plus).orElse(null));
        LOG.info("key {} of instance {} rotated: primary version is now {}", key.keyId(), key.instanceId(), version.keyVersionId());
        return version;
    }

    /** HMAC keys do not rotate: the protocol has no call to check a MAC, so a new version would change every MAC. */
    private static void requireRotatable(KeySpec spec) {
        if (spec.isHmac()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, spec + " keys cannot be rotated: a new version would change"
                    + " every MAC; create a new key instead");
        }
    }

    /** The primary version of a key pair, for its public key; refused for a secret key. */
    public KeyVersion publicKeyVersion(String keyRef) {
        return publicKeyVersion(describeKey(keyRef));
    }

    KeyVersion publicKeyVersion(Key key) {
        if (key.keySpec().keyPair().isEmpty()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "The key " + key.keyId() + " is a " + key.keySpec()
                    + " key and has no public key: only RSA and EC keys have one.");
        }
        return primaryVersion(key);
    }

    /** The PEM ("PUBLIC KEY", X.509 SubjectPublicKeyInfo) of a key pair version. */
    public static String publicKeyPem(KeyVersion version) {
        return Certificates.pem("PUBLIC KEY", version.publicKey());
    }

    /** A key's versions, oldest (the initial one) first. */
    public List<KeyVersion> listKeyVersions(String keyRef) {
        return keys.versions(describeKey(keyRef).keyId());
    }

    /** Turns automatic rotation on with {@code rotationInterval} (7d..365d), or off when it is null or blank. */
    public Key updateRotationPolicy(String keyRef, String rotationInterval) {
        Key key = describeKey(keyRef);
        Duration interval = rotationInterval == null || rotationInterval.isBlank() ? null : RotationInterval.parse(rotationInterval);
        if (interval != null) {
            requireRotatable(key.keySpec());
        }
        Instant next = interval == null ? null : Instant.now().plus(interval);
        keys.updateRotation(key.keyId(), interval, next);
        LOG.info("key {} automatic rotation: {}", key.keyId(), interval == null ? "off" : "every " + interval);
        return describeKey(key.keyId());
    }

    /** Schedules deletion after {@code pendingWindowInDays} (7..366, default 30): the key is unusable from now on. */
    public Key scheduleKeyDeletion(String keyRef, Integer pendingWindowInDays) {
        Key key = describeKey(keyRef);
        int days = pendingWindowInDays == null ? DEFAULT_PENDING_DAYS : pendingWindowInDays;
        if (days < 7 || days > 366) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "PendingWindowInDays must be from 7 to 366");
        }
        requireNotPendingDeletion(key);
        Instant deletion = Instant.now().plus(Duration.ofDays(days));
        keys.updateLifecycle(key.keyId(), KeyState.PendingDeletion, deletion);
        LOG.info("key {} of instance {} is PendingDeletion: deleted for good on {}", key.keyId(), key.instanceId(), deletion);
        return describeKey(key.keyId());
    }

    /** Cancels a scheduled deletion; the key becomes Disabled (as in AWS KMS), to be enabled deliberately. */
    public Key cancelKeyDeletion(String keyRef) {
        Key key = describeKey(keyRef);
        if (key.keyState() != KeyState.PendingDeletion) {
            throw new StrongroomException(ErrorCode.INCORRECT_KEY_STATE, "key " + key.keyId() + " is " + key.keyState()
                    + ", not PendingDeletion");
        }
        keys.updateLifecycle(key.keyId(), KeyState.Disabled, null);
        LOG.info("key {} of instance {}: deletion cancelled, the key is Disabled", key.keyId(), key.instanceId());
        return describeKey(key.keyId());
    }

    /**
     * Deletes keys whose deletion window has passed and rotates Enabled keys whose rotation is due.
     * Run by the server's scheduler; a rotation whose instance is not connected waits for the next run.
     */
    public void runScheduledWork(Instant now) {
        for (Key key : keys.withScheduledWork()) {
            try {
                if (key.keyState() == KeyState.PendingDeletion && key.deletion().filter(date -> !date.isAfter(now)).isPresent()) {
                    keys.delete(key.keyId());
                    LOG.info("key {} of instance {} deleted: its deletion window ended on {}", key.keyId(), key.instanceId(),
                            key.deletionDate());
                } else if (key.keyState() == KeyState.Enabled && key.nextRotation().filter(date -> !date.isAfter(now)).isPresent()
                        && instances.connection(key.instanceId()).isPresent()) {
                    rotate(key, now);
                }
            } catch (RuntimeException e) {
                LOG.warn("scheduled work on key {} failed, retried on the next run: {}", key.keyId(), e.toString());
            }
        }
    }

    ClusterConnection connection(Instance instance) {
        return instances.connection(instance.instanceId()).orElseThrow(() -> new StrongroomException(ErrorCode.INCORRECT_INSTANCE_STATUS,
                "instance " + instance.instanceId() + " is " + instance.status() + ": keys need it connected to its HSM cluster"
                        + " ('instance connect')"));
    }
}
