package io.strongroom.hsm;

import io.strongroom.platform.Regions;
import io.strongroom.platform.Config;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.Ids;
import io.strongroom.platform.StrongroomException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Registers HSM clusters, runs their domain-key ceremony and reports their nodes' health. */
public final class HsmClusterService {
    private final HsmClusterRepository clusters;
    private final Regions regions;
    private final TokenRegistry tokens;
    private final ConnectionRegistry connections;
    private final Config.HsmConfig config;
    private final DomainKeyCeremony ceremony;

    public HsmClusterService(HsmClusterRepository clusters, Regions regions, TokenRegistry tokens,
                             ConnectionRegistry connections, Config.HsmConfig config) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.regions = requireNonNull(regions, "regions");
        this.tokens = requireNonNull(tokens, "tokens");
        this.connections = requireNonNull(connections, "connections");
        this.config = requireNonNull(config, "config");
        this.ceremony = new DomainKeyCeremony(tokens);
    }

    public HsmCluster create(String regionId, String name, Integer minimumNodes, String cryptoUser, List<NodeSpec> nodes) {
        Config.RegionConfig region = regions.require(regionId);
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")) {
            throw invalid("Name must be 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        int minimum = minimumNodes == null ? config.minimumNodes() : minimumNodes;
        if (minimum < 1 || minimum > 16) {
            throw invalid("MinimumNodes must be from 1 to 16");
        }
        String user = cryptoUser == null ? config.cryptoUser() : cryptoUser;
        if (!user.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw invalid("CryptoUser must be 1 to 32 letters, digits, '_', '.' or '-'");
        }
        if (nodes == null || nodes.size() < minimum) {
            throw invalid("Nodes must list at least " + minimum + " nodes (the cluster's minimum); got " + (nodes == null ? 0 : nodes.size()));
        }
        Set<String> zones = new HashSet<>();
        Set<TokenLocation> locations = new HashSet<>();
        List<HsmNode> registered = new ArrayList<>();
        for (NodeSpec spec : nodes) {
            HsmNode node = validateNode(spec, registered.size() + 1);
            if (!locations.add(node.location())) {
                throw invalid("two nodes name the same token '" + node.location().tokenLabel() + "' in " + node.location().modulePath());
            }
            zones.add(node.zoneId());
            registered.add(node);
        }
        if (zones.size() < Math.min(2, minimum)) {
            throw invalid("the nodes must stand in at least " + Math.min(2, minimum) + " different zones (ZoneId); all are in " + zones);
        }
        String id = "hsmc-" + region.code() + Ids.random(16);
        HsmCluster cluster = new HsmCluster(id, region.id(), name, minimum, user, "strongroom-domain-key-" + id,
                Optional.empty(), registered, Instant.now());
        clusters.insert(cluster);
        return cluster;
    }

    private HsmNode validateNode(NodeSpec spec, int position) {
        String where = "Nodes[" + position + "]";
        if (spec == null || spec.modulePath() == null || spec.modulePath().isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, where + ".ModulePath is required: the path of the HSM's PKCS#11 library");
        }
        if (spec.tokenLabel() == null || spec.tokenLabel().isBlank() || spec.tokenLabel().length() > 32) {
            throw invalid(where + ".TokenLabel must be the token's label, 1 to 32 characters");
        }
        if (spec.zoneId() == null || !spec.zoneId().matches("[A-Za-z0-9_-]{1,64}")) {
            throw invalid(where + ".ZoneId must be 1 to 64 letters, digits, '_' or '-'");
        }
        TokenLocation location = new TokenLocation(spec.modulePath(), spec.tokenLabel());
        if (!location.isInsecureSoftware() && !Files.isRegularFile(Path.of(spec.modulePath()))) {
            throw new StrongroomException(ErrorCode.HSM_NODE_UNAVAILABLE, where + ".ModulePath: there is no file " + spec.modulePath()
                    + ". Give the path of the HSM's PKCS#11 library (for SoftHSM2: /usr/lib/softhsm/libsofthsm2.so).");
        }
        try {
            tokens.token(location).probe();
        } catch (HsmException e) {
            throw new StrongroomException(ErrorCode.HSM_NODE_UNAVAILABLE, where + ": " + e.getMessage()
                    + ". Check the token label (no token labelled '" + spec.tokenLabel() + "' answers in " + spec.modulePath() + ").");
        }
        return new HsmNode("node-" + position, location, spec.zoneId());
    }

    /** Runs the domain-key ceremony once: the same AES-256 domain key on every node, its check value recorded. */
    public HsmCluster initialize(String hsmClusterId, String user, char[] pin) {
        HsmCluster cluster = require(hsmClusterId);
        synchronized (this) {
            cluster = require(hsmClusterId);
            if (cluster.initialized()) {
                throw new StrongroomException(ErrorCode.INCORRECT_HSM_CLUSTER_STATUS, "HSM cluster " + hsmClusterId
                        + " is initialised already (domain key check value " + cluster.domainKeyCheckValue().get() + ")");
            }
            if (!cluster.cryptoUser().equals(user)) {
                throw new StrongroomException(ErrorCode.HSM_LOGIN_FAILED, "the user '" + user
                        + "' is not this cluster's crypto user: use '" + cluster.cryptoUser() + "'");
            }
            String checkValue = ceremony.run(cluster, pin);
            if (!clusters.recordDomainKey(hsmClusterId, checkValue)) {
                throw new StrongroomException(ErrorCode.INCORRECT_HSM_CLUSTER_STATUS, "HSM cluster " + hsmClusterId + " was initialised meanwhile");
            }
            return require(hsmClusterId);
        }
    }

    public HsmCluster require(String hsmClusterId) {
        if (hsmClusterId == null || hsmClusterId.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "HsmClusterId is required");
        }
        return clusters.find(hsmClusterId).orElseThrow(() -> new StrongroomException(ErrorCode.HSM_CLUSTER_NOT_FOUND,
                "there is no HSM cluster " + hsmClusterId + ": 'hsm-cluster list' shows the clusters"));
    }

    public List<HsmCluster> list(Optional<String> regionId) {
        regionId.ifPresent(regions::require);
        return clusters.list(regionId);
    }

    /**
     * Each node's health: from the live connection when an instance is connected, otherwise
     * from probing the token now (reachable, not logged in).
     */
    public Map<String, NodeHealth> health(HsmCluster cluster) {
        Optional<ClusterConnection> connection = connections.find(cluster.hsmClusterId());
        if (connection.isPresent() && !connection.get().closed()) {
            return connection.get().health();
        }
        Map<String, NodeHealth> health = new LinkedHashMap<>();
        for (HsmNode node : cluster.nodes()) {
            try {
                TokenInfo info = tokens.token(node.location()).probe();
                health.put(node.nodeId(), info.userPinLocked() ? NodeHealth.unhealthy("the crypto user's PIN is locked")
                        : NodeHealth.healthy("token present (no instance connected)"));
            } catch (HsmException e) {
                health.put(node.nodeId(), NodeHealth.unhealthy(NodeLink.describe(e)));
            }
        }
        return health;
    }

    private static StrongroomException invalid(String message) {
        return new StrongroomException(ErrorCode.INVALID_PARAMETER, message);
    }
}
