package io.strongroom.key;

import io.strongroom.audit.AuditSigner;
import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.KeyPairSpec;
import io.strongroom.hsm.SignatureAlgorithm;
import io.strongroom.hsm.WrappedKeyPair;
import io.strongroom.instance.InstanceService;
import io.strongroom.audit.AuditRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Each instance's audit signing key: an EC P-256 key pair generated in the instance's HSM cluster
 * the first time a digest needs it (two nodes racing keep the first one stored), its private key stored only wrapped by the domain key and used
 * inside the HSM. It is no user key: not listed, not reachable through the endpoint, never rotated
 * or deleted by a user, so that digests stay verifiable with one public key per instance.
 */
public final class AuditSigningKeys implements AuditSigner {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSigningKeys.class);

    private final KeyService keys;
    private final InstanceService instances;
    private final AuditRepository store;

    public AuditSigningKeys(KeyService keys, InstanceService instances, AuditRepository store) {
        this.keys = requireNonNull(keys, "keys");
        this.instances = requireNonNull(instances, "instances");
        this.store = requireNonNull(store, "store");
    }

    @Override
    public Optional<byte[]> signingKey(String instanceId) {
        Optional<WrappedKeyPair> existing = store.signingKey(instanceId);
        if (existing.isPresent()) {
            return existing.map(WrappedKeyPair::publicKey);
        }
        Optional<ClusterConnection> connection = instances.connection(instanceId);
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        try {
            KeyMaterial.Generated generated = keys.material.generate(connection.get(), KeySpec.EC_P256);
            WrappedKeyPair kept = store.addSigningKey(instanceId, new WrappedKeyPair(generated.wrapped(), generated.publicKey()),
                    Instant.now().toString());
            LOG.info("audit signing key (EC P-256) generated for instance {} in HSM cluster {}", instanceId,
                    connection.get().cluster().hsmClusterId());
            return Optional.of(kept.publicKey());
        } catch (HsmException e) {
            LOG.warn("instance {} cannot make its audit signing key now, retried on the next delivery: {}", instanceId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> sign(String instanceId, byte[] payload) {
        Optional<ClusterConnection> connection = instances.connection(instanceId);
        Optional<WrappedKeyPair> key = store.signingKey(instanceId);
        if (connection.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(keys.material.signInHsm(connection.get(), "audit-signing-key#" + instanceId, KeyPairSpec.EC_P256,
                    key.get().wrappedPrivateKey(), SignatureAlgorithm.ECDSA_SHA_256, Signing.sha256(payload)));
        } catch (HsmException e) {
            LOG.warn("instance {} cannot sign its audit digest now, retried on the next delivery: {}", instanceId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> publicKey(String instanceId) {
        return store.signingKey(instanceId).map(WrappedKeyPair::publicKey);
    }
}
