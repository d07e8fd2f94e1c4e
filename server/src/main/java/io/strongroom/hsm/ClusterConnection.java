package io.strongroom.hsm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * An instance's live connection to its HSM cluster: a logged-in session on every reachable
 * node whose domain key matches the cluster's check value.
 *
 * <p>Guarantees: {@link #open} either returns with at least the cluster's minimum number of
 * healthy nodes or fails with the reason; a wrong credential stops at the first node that
 * refuses it (never tried on the next node, never retried); {@link #execute} fails over to the
 * next healthy node when one goes away and fails fast when none is left; {@link #checkHealth}
 * brings a node that came back into service without a restart (reloading its module when the
 * token was gone); {@link #close} logs out of every node and forgets the credential.
 */
public final class ClusterConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);

    private final HsmCluster cluster;
    private final List<NodeLink> nodes;
    private final char[] pin;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;
    private final List<Runnable> closeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long lastRecovery = System.nanoTime() - 2_000_000_000L;

    private ClusterConnection(HsmCluster cluster, List<NodeLink> nodes, char[] pin) {
        this.cluster = cluster;
        this.nodes = List.copyOf(nodes);
        this.pin = pin;
    }

    /**
     * Connects: checks the user, logs in on each node, verifies each domain key. The PIN is
     * copied; the caller zeroes its own array.
     */
    public static ClusterConnection open(HsmCluster cluster, String user, char[] pin, TokenRegistry tokens) throws ConnectException {
        requireNonNull(cluster, "cluster");
        if (cluster.domainKeyCheckValue().isEmpty()) {
            throw new ConnectException(ConnectionErrorCode.INTERNAL_ERROR,
                    "HSM cluster " + cluster.hsmClusterId() + " is not initialised: run 'hsm-cluster init' first");
        }
        if (!cluster.cryptoUser().equals(user)) {
            throw new ConnectException(ConnectionErrorCode.INVALID_CREDENTIALS, "the user '" + user
                    + "' is not the crypto user of HSM cluster " + cluster.hsmClusterId() + ": use '" + cluster.cryptoUser() + "'");
        }
        List<NodeLink> links = new ArrayList<>();
        for (HsmNode node : cluster.nodes()) {
            links.add(new NodeLink(node, tokens.token(node.location())));
        }
        ClusterConnection connection = new ClusterConnection(cluster, links, Arrays.copyOf(pin, pin.length));
        try {
            connection.connectAll();
            return connection;
        } catch (ConnectException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void connectAll() throws ConnectException {
        List<String> unreachable = new ArrayList<>();
        int healthy = 0;
        for (NodeLink link : nodes) {
            try {
                link.open(pin, cluster.domainKeyLabel(), cluster.domainKeyCheckValue());
                healthy++;
            } catch (NodeLink.DomainKeyMismatch e) {
                throw new ConnectException(ConnectionErrorCode.DOMAIN_KEY_MISMATCH, e.getMessage()
                        + ". This token is not one the cluster was initialised on: check the node's module and token label.");
            } catch (HsmException e) {
                switch (e.failure()) {
                    case INVALID_CREDENTIALS -> throw new ConnectException(ConnectionErrorCode.INVALID_CREDENTIALS,
                            "node " + link.node().nodeId() + " refused the password of '" + cluster.cryptoUser()
                                    + "'. Check the credential and connect again; Strongroom does not retry a refused password.");
                    case USER_LOCKED_OUT -> throw new ConnectException(ConnectionErrorCode.USER_LOCKED_OUT,
                            "the crypto user is locked out on node " + link.node().nodeId()
                                    + ". Have the HSM's security officer unlock or reset it, then connect again.");
                    case UNREACHABLE, TIMEOUT -> unreachable.add(link.node().nodeId() + " (" + e.getMessage() + ")");
                    case KEY_NOT_FOUND -> throw new ConnectException(ConnectionErrorCode.DOMAIN_KEY_MISMATCH,
                            "node " + link.node().nodeId() + " has no domain key: " + e.getMessage());
                    default -> throw new ConnectException(ConnectionErrorCode.INTERNAL_ERROR,
                            "node " + link.node().nodeId() + " failed: " + NodeLink.describe(e));
                }
            }
        }
        if (healthy == 0) {
            throw new ConnectException(ConnectionErrorCode.HSM_UNREACHABLE,
                    "no node of HSM cluster " + cluster.hsmClusterId() + " answered: " + String.join("; ", unreachable)
                            + ". Check that the HSMs are up and their module paths and token labels are right.");
        }
        if (healthy < cluster.minimumNodes()) {
            throw new ConnectException(ConnectionErrorCode.INSUFFICIENT_HSMS, healthy + " of " + nodes.size()
                    + " nodes answered, fewer than the cluster's minimum of " + cluster.minimumNodes()
                    + ". Unreachable: " + String.join("; ", unreachable) + ".");
        }
    }

    /**
     * Runs a call on a healthy node, failing over to the next when a node goes away. When no
     * node can serve, the nodes are logged in again once (at most once a second): a module
     * reload elsewhere in the process ends every session on it, and the tokens are still there.
     */
    public <T> T execute(HsmCall<T> call) throws HsmException {
        try {
            return tryNodes(call);
        } catch (HsmException e) {
            if (closed || e.failure() != HsmFailure.UNREACHABLE || !recoveryDue()) {
                throw e;
            }
            for (NodeLink link : nodes) {
                if (!link.usable() && !link.credentialRefused()) {
                    try {
                        link.open(pin, cluster.domainKeyLabel(), cluster.domainKeyCheckValue());
                    } catch (HsmException | NodeLink.DomainKeyMismatch ignored) {
                        // still out; the health checks keep trying
                    }
                }
            }
            return tryNodes(call);
        }
    }

    private synchronized boolean recoveryDue() {
        long now = System.nanoTime();
        if (now - lastRecovery < 1_000_000_000L) {
            return false;
        }
        lastRecovery = now;
        return true;
    }

    private <T> T tryNodes(HsmCall<T> call) throws HsmException {
        HsmException last = null;
        int start = Math.floorMod(next.getAndIncrement(), nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            NodeLink link = nodes.get((start + i) % nodes.size());
            if (closed) {
                break;
            }
            if (!link.usable()) {
                continue;
            }
            try {
                return link.call(call);
            } catch (HsmException e) {
                if (e.failure() != HsmFailure.UNREACHABLE && e.failure() != HsmFailure.TIMEOUT) {
                    throw e;
                }
                last = e;
            }
        }
        throw new HsmException(HsmFailure.UNREACHABLE, closed ? "the instance is disconnected from its HSM cluster"
                : "no healthy node in HSM cluster " + cluster.hsmClusterId()
                        + (last == null ? "" : " (last failure: " + last.getMessage() + ")"));
    }

    /** Runs a call on one node only: health checks and tests that must reach a given node. */
    public <T> T executeOn(String nodeId, HsmCall<T> call) throws HsmException {
        for (NodeLink link : nodes) {
            if (link.node().nodeId().equals(nodeId)) {
                return link.call(call);
            }
        }
        throw new IllegalArgumentException("no node " + nodeId);
    }

    /**
     * Checks every node: a healthy one must still hold the domain key (a token that went away
     * no longer does); an unhealthy one is logged in again once its token answers, after
     * reloading the module when a fresh login alone does not find it. A node that refused the
     * credential is left alone.
     */
    public void checkHealth() {
        for (NodeLink link : nodes) {
            if (closed) {
                return;
            }
            if (link.usable()) {
                try {
                    link.call(this::requireDomainKey);
                } catch (HsmException e) {
                    LOG.warn("HSM node {} of cluster {} became unhealthy: {}", link.node().nodeId(), cluster.hsmClusterId(), NodeLink.describe(e));
                }
            } else if (!link.credentialRefused() && link.reloadDue()) {
                reconnect(link);
            }
        }
    }

    private Void requireDomainKey(HsmSession session) throws HsmException {
        if (session.findSecretKey(cluster.domainKeyLabel()).isEmpty()) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the domain key is no longer on the token (was the token removed?)");
        }
        return null;
    }

    private void reconnect(NodeLink link) {
        try {
            link.open(pin, cluster.domainKeyLabel(), cluster.domainKeyCheckValue());
        } catch (HsmException | NodeLink.DomainKeyMismatch first) {
            try {
                link.token().reload();
                link.reloaded();
                reopenSiblings(link);
                link.open(pin, cluster.domainKeyLabel(), cluster.domainKeyCheckValue());
            } catch (HsmException e) {
                link.markUnhealthy(NodeLink.describe(e));
                return;
            } catch (NodeLink.DomainKeyMismatch e) {
                LOG.error("HSM node {} of cluster {} answers without the cluster's domain key; it stays out of service: {}",
                        link.node().nodeId(), cluster.hsmClusterId(), e.getMessage());
                return;
            }
        }
        LOG.info("HSM node {} of cluster {} is back in service", link.node().nodeId(), cluster.hsmClusterId());
    }

    /** A reload ends every session on that module: log the other healthy nodes on it in again at once. */
    private void reopenSiblings(NodeLink reloaded) {
        for (NodeLink sibling : nodes) {
            if (sibling != reloaded && sibling.usable()
                    && sibling.node().location().modulePath().equals(reloaded.node().location().modulePath())) {
                try {
                    sibling.open(pin, cluster.domainKeyLabel(), cluster.domainKeyCheckValue());
                } catch (HsmException | NodeLink.DomainKeyMismatch e) {
                    LOG.warn("HSM node {} did not come back after its module was reloaded: {}", sibling.node().nodeId(), e.getMessage());
                }
            }
        }
    }

    public HsmCluster cluster() {
        return cluster;
    }

    /** Each node's health, by node id, in cluster order. */
    public Map<String, NodeHealth> health() {
        Map<String, NodeHealth> health = new LinkedHashMap<>();
        for (NodeLink link : nodes) {
            health.put(link.node().nodeId(), link.health());
        }
        return health;
    }

    public boolean closed() {
        return closed;
    }

    /**
     * Runs {@code listener} when this connection closes, or at once if it is closed already: for
     * state that must not outlive the sessions, such as key material loaded through them. A
     * listener may run more than once and must be idempotent.
     */
    public void onClose(Runnable listener) {
        closeListeners.add(requireNonNull(listener, "listener"));
        if (closed) {
            listener.run();
        }
    }

    /**
     * Runs the close listeners (destroying key material loaded through this connection), logs out
     * of every node, closes every session (and with it every session key object) and zeroes the PIN.
     */
    @Override
    public void close() {
        closed = true;
        for (Runnable listener : closeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("a close listener of the connection to HSM cluster {} failed", cluster.hsmClusterId(), e);
            }
        }
        for (NodeLink link : nodes) {
            link.close();
        }
        Arrays.fill(pin, '\0');
    }
}
