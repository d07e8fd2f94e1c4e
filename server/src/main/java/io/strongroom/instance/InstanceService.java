package io.strongroom.instance;

import io.strongroom.platform.Regions;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.ConnectException;
import io.strongroom.hsm.ConnectionErrorCode;
import io.strongroom.hsm.ConnectionRegistry;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmClusterService;
import io.strongroom.hsm.TokenRegistry;
import io.strongroom.platform.Certificates;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.Ids;
import io.strongroom.platform.SealingKey;
import io.strongroom.platform.StrongroomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * Instances and their state machine: create, describe, list, connect, disconnect, and
 * restoring every instance's state when the server starts.
 *
 * <p>Every state change is committed to the store (guarded by the expected current state)
 * before the caller is answered. Connecting runs in the background: the caller gets
 * {@code Creating} and polls.
 */
public final class InstanceService {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceService.class);

    private final InstanceRepository instances;
    private final HsmClusterService clusters;
    private final Regions regions;
    private final TokenRegistry tokens;
    private final ConnectionRegistry connections;
    private final SealingKey sealingKey;
    private final ExecutorService background;
    private final InstanceValidation validation;
    private final java.util.List<java.util.function.Consumer<Instance>> createdListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public InstanceService(InstanceRepository instances, HsmClusterService clusters, Regions regions, TokenRegistry tokens,
                           ConnectionRegistry connections, SealingKey sealingKey, ExecutorService background) {
        this.instances = requireNonNull(instances, "instances");
        this.clusters = requireNonNull(clusters, "clusters");
        this.regions = requireNonNull(regions, "regions");
        this.tokens = requireNonNull(tokens, "tokens");
        this.connections = requireNonNull(connections, "connections");
        this.sealingKey = requireNonNull(sealingKey, "sealingKey");
        this.background = requireNonNull(background, "background");
        this.validation = new InstanceValidation();
    }

    /** Creates an instance on an initialised, unbound cluster and starts connecting it. */
    public Instance create(CreateInstance command) {
        var region = regions.require(command.regionId());
        validation.check(command);
        HsmCluster cluster = clusters.require(command.hsmClusterId());
        if (!cluster.regionId().equals(region.id())) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "HSM cluster " + cluster.hsmClusterId()
                    + " is in region " + cluster.regionId() + ", not " + region.id());
        }
        if (!cluster.initialized()) {
            throw new StrongroomException(ErrorCode.INCORRECT_HSM_CLUSTER_STATUS, "HSM cluster " + cluster.hsmClusterId()
                    + " is not initialised: run 'hsm-cluster init " + cluster.hsmClusterId() + "' first");
        }
        instances.findByCluster(cluster.hsmClusterId()).ifPresent(bound -> {
            throw new StrongroomException(ErrorCode.HSM_CLUSTER_IN_USE, "HSM cluster " + cluster.hsmClusterId()
                    + " is bound to instance " + bound + " already; one cluster serves one instance");
        });
        String instanceId = "kst-" + region.code() + Ids.random(20);
        Certificates.Authority ca = Certificates.newAuthority("PrivateKmsCA_" + instanceId, Duration.ofDays(3650));
        Instant now = Instant.now();
        Instance instance = new Instance(instanceId, region.id(), command.instanceName(), command.vpcId(),
                command.allowedCidrs(), command.spec(), cluster.hsmClusterId(), InstanceStatus.Creating, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Certificates.pem(ca.certificate()),
                sealingKey.seal(ca.privateKey().getEncoded(), caKeyContext(instanceId)), now, now);
        try {
            instances.insert(instance);
        } catch (RuntimeException e) {
            if (instances.findByCluster(cluster.hsmClusterId()).isPresent()) {
                throw new StrongroomException(ErrorCode.HSM_CLUSTER_IN_USE, "HSM cluster " + cluster.hsmClusterId() + " was bound meanwhile");
            }
            throw e;
        }
        startConnect(instance, command.user(), command.password());
        createdListeners.forEach(listener -> listener.accept(instance));
        return instance;
    }

    /** Calls {@code listener} with every instance created from now on (the endpoint adds its TLS certificate). */
    public void onCreated(java.util.function.Consumer<Instance> listener) {
        createdListeners.add(listener);
    }

    public List<Instance> all() {
        return instances.listAll();
    }

    /** The instance's CA with its private key, unsealed: for issuing the endpoint's TLS certificate. */
    public Certificates.Authority certificateAuthority(Instance instance) {
        byte[] key = sealingKey.unseal(instance.sealedCaPrivateKey(), caKeyContext(instance.instanceId()));
        try {
            return new Certificates.Authority(Certificates.parseCertificate(instance.caCertificatePem()), Certificates.parsePrivateKey(key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public Instance describe(String instanceId) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "InstanceId is required");
        }
        return instances.find(instanceId).orElseThrow(() -> new StrongroomException(ErrorCode.INSTANCE_NOT_FOUND,
                "there is no instance " + instanceId + ": 'instance list --region <RegionId>' shows the instances of a region"));
    }

    public List<Instance> list(String regionId) {
        return instances.listByRegion(regions.require(regionId).id());
    }

    /** Disabled → Creating, then Enabled or Disabled with an error code, in the background. */
    public Instance connect(String instanceId, String user, char[] password) {
        Instance current = describe(instanceId);
        if (user == null || user.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Credential.User is required (the HSM crypto user, e.g. kmsuser)");
        }
        if (password == null || password.length == 0) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Credential.Password is required");
        }
        if (current.status() != InstanceStatus.Disabled) {
            throw illegalState(current, "connect", "only a Disabled instance can be connected");
        }
        Instance creating = current.withStatus(InstanceStatus.Creating, Optional.empty(), Optional.empty(), Optional.empty(), Instant.now());
        if (!instances.compareAndSetStatus(InstanceStatus.Disabled, creating)) {
            throw illegalState(describe(instanceId), "connect", "only a Disabled instance can be connected");
        }
        startConnect(creating, user, password);
        return creating;
    }

    /** Enabled → Disabled: the state is committed, then every session is logged out and closed. */
    public Instance disconnect(String instanceId) {
        Instance current = describe(instanceId);
        if (current.status() != InstanceStatus.Enabled) {
            throw illegalState(current, "disconnect", "only an Enabled instance can be disconnected");
        }
        Instance disabled = current.withStatus(InstanceStatus.Disabled, Optional.empty(), Optional.empty(), Optional.empty(), Instant.now());
        if (!instances.compareAndSetStatus(InstanceStatus.Enabled, disabled)) {
            throw illegalState(describe(instanceId), "disconnect", "only an Enabled instance can be disconnected");
        }
        connections.closeAndRemove(current.hsmClusterId());
        LOG.info("instance {} disconnected from HSM cluster {}", instanceId, current.hsmClusterId());
        return disabled;
    }

    /** The instance's live cluster connection, if it is Enabled and connected on this server. */
    public Optional<ClusterConnection> connection(String instanceId) {
        Instance instance = describe(instanceId);
        if (instance.status() != InstanceStatus.Enabled) {
            return Optional.empty();
        }
        return connections.find(instance.hsmClusterId()).filter(connection -> !connection.closed());
    }

    /**
     * Brings every instance back to its stored state after a start: Enabled ones reconnect with
     * their sealed credential; one left Creating by a crash ends Disabled with a message saying
     * to connect again (its credential was never stored).
     */
    public void restore() {
        for (Instance instance : instances.listAll()) {
            switch (instance.status()) {
                case Enabled -> background.submit(() -> reconnect(instance));
                case Creating -> {
                    Instance failed = instance.withStatus(InstanceStatus.Disabled, Optional.of(ConnectionErrorCode.INTERNAL_ERROR),
                            Optional.of("the server stopped while this instance was connecting; connect it again"),
                            Optional.empty(), Instant.now());
                    instances.compareAndSetStatus(InstanceStatus.Creating, failed);
                }
                case Disabled -> {
                }
            }
        }
    }

    private void reconnect(Instance instance) {
        InstanceReconnect.run(instance, this::clusterOf, tokens, connections, sealingKey, credentialContext(instance),
                () -> !background.isShutdown() && instances.find(instance.instanceId())
                        .map(current -> current.status() == InstanceStatus.Enabled).orElse(false),
                failure -> endDisabled(instance, InstanceStatus.Enabled, failure));
    }

    private HsmCluster clusterOf(Instance instance) {
        return clusters.require(instance.hsmClusterId());
    }

    private void startConnect(Instance instance, String user, char[] password) {
        char[] pin = Arrays.copyOf(password, password.length);
        background.submit(() -> {
            try {
                HsmCluster cluster = clusters.require(instance.hsmClusterId());
                ClusterConnection connection = ClusterConnection.open(cluster, user, pin, tokens);
                String sealed = sealingKey.seal(InstanceReconnect.encode(user, pin), credentialContext(instance));
                Instance enabled = instance.withStatus(InstanceStatus.Enabled, Optional.empty(), Optional.empty(), Optional.of(sealed), Instant.now());
                connections.put(connection);
                if (!instances.compareAndSetStatus(InstanceStatus.Creating, enabled)) {
                    connections.closeAndRemove(cluster.hsmClusterId());
                }
                LOG.info("instance {} connected to HSM cluster {}", instance.instanceId(), cluster.hsmClusterId());
            } catch (ConnectException e) {
                LOG.warn("instance {} failed to connect: {} {}", instance.instanceId(), e.code(), e.getMessage());
                endDisabled(instance, InstanceStatus.Creating, e);
            } catch (RuntimeException e) {
                LOG.error("instance {} failed to connect", instance.instanceId(), e);
                endDisabled(instance, InstanceStatus.Creating,
                        new ConnectException(ConnectionErrorCode.INTERNAL_ERROR, "connecting failed unexpectedly: " + e.getMessage()));
            } finally {
                Arrays.fill(pin, '\0');
            }
        });
    }

    private void endDisabled(Instance instance, InstanceStatus expected, ConnectException failure) {
        Instance disabled = instance.withStatus(InstanceStatus.Disabled, Optional.of(failure.code()),
                Optional.of(failure.getMessage()), Optional.empty(), Instant.now());
        instances.compareAndSetStatus(expected, disabled);
    }

    private static StrongroomException illegalState(Instance instance, String action, String rule) {
        return new StrongroomException(ErrorCode.INCORRECT_INSTANCE_STATUS, "cannot " + action + " instance "
                + instance.instanceId() + ": it is " + instance.status() + "; " + rule);
    }

    static String credentialContext(Instance instance) {
        return "hsm-credential|" + instance.instanceId() + "|" + instance.hsmClusterId();
    }

    static String caKeyContext(String instanceId) {
        return "instance-ca-key|" + instanceId;
    }
}
