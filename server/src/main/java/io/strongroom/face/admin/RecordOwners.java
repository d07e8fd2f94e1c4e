package io.strongroom.face.admin;

import io.strongroom.api.AliasView;
import io.strongroom.api.InstanceView;
import io.strongroom.api.KeyView;
import io.strongroom.key.KeyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Which instance a management call's audit record belongs to, so that it reaches that instance's
 * bucket: the instance its path names; else the instance of the key or alias its path names
 * (looked up before the call, so a refused or failed call on a key is that instance's too); else,
 * once the call succeeded, the instance its answer names (CreateInstance, CreateAlias). A call that
 * names none (HSM clusters, regions, listings, an unknown key) belongs to the operator.
 */
final class RecordOwners {
    private static final Logger LOG = LoggerFactory.getLogger(RecordOwners.class);
    private final KeyService keys;

    /** {@code keys} null: only path InstanceIds and answers count (for tests of the routes alone). */
    RecordOwners(KeyService keys) {
        this.keys = keys;
    }

    /** The instance the path parameters name, directly or through a key or alias. */
    Optional<String> named(Map<String, String> parameters) {
        String instanceId = parameters.get("InstanceId");
        if (instanceId != null) {
            return Optional.of(instanceId);
        }
        String keyRef = parameters.getOrDefault("KeyId", parameters.get("AliasName"));
        if (keyRef == null || keys == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(keys.describeKey(keyRef).instanceId());
        } catch (RuntimeException e) {
            LOG.debug("no instance for the audit record of a call on {}: {}", keyRef, e.toString());
            return Optional.empty();
        }
    }

    /** The instance a successful call's answer names. */
    static Optional<String> answered(Object answer) {
        return Optional.ofNullable(switch (answer) {
            case InstanceView view -> view.instanceId();
            case KeyView view -> view.instanceId();
            case AliasView view -> view.instanceId();
            case null, default -> null;
        });
    }
}
