package io.strongroom.hsm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * One node of a connected cluster: its token, the logged-in session on it (when healthy) and
 * what the last check found. Calls on the node are serialised (a PKCS#11 session serves one
 * caller at a time).
 */
final class NodeLink {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLink.class);

    private final HsmNode node;
    private final HsmToken token;
    private final ReentrantLock lock = new ReentrantLock();
    private HsmSession session;
    private volatile NodeHealth health = new NodeHealth(NodeHealth.State.Unknown, "not checked yet", java.time.Instant.now());
    /** Reload back-off: a node whose token stays away is not reloaded every round (it would end its siblings' sessions). */
    private volatile java.time.Instant nextReload = java.time.Instant.MIN;
    private volatile java.time.Duration reloadBackoff = java.time.Duration.ZERO;
    /** Set once the node refused the credential: it is never tried again with it (no lock-out by retries). */
    private volatile boolean credentialRefused;

    NodeLink(HsmNode node, HsmToken token) {
        this.node = requireNonNull(node, "node");
        this.token = requireNonNull(token, "token");
    }

    HsmNode node() {
        return node;
    }

    HsmToken token() {
        return token;
    }

    NodeHealth health() {
        return health;
    }

    boolean credentialRefused() {
        return credentialRefused;
    }

    boolean usable() {
        return health.state() == NodeHealth.State.Healthy;
    }

    /** Logs in and checks the domain key. Leaves the node healthy, or throws and leaves it unhealthy. */
    void open(char[] pin, String domainKeyLabel, Optional<String> expectedCheckValue) throws HsmException, DomainKeyMismatch {
        lock.lock();
        try {
            closeSession();
            TokenInfo info = token.probe();
            if (info.userPinLocked()) {
                throw new HsmException(HsmFailure.USER_LOCKED_OUT, "the token reports the crypto user's PIN locked");
            }
            HsmSession opened;
            try {
                opened = token.login(pin);
            } catch (HsmException e) {
                if (e.failure() == HsmFailure.INVALID_CREDENTIALS) {
                    credentialRefused = true;
                }
                throw e;
            }
            try {
                KeyHandle domainKey = opened.findSecretKey(domainKeyLabel).orElseThrow(() -> new DomainKeyMismatch(
                        "node " + node.nodeId() + " (token '" + node.location().tokenLabel() + "') has no domain key '" + domainKeyLabel + "'"));
                String checkValue = opened.checkValue(domainKey);
                if (expectedCheckValue.isPresent() && !expectedCheckValue.get().equals(checkValue)) {
                    throw new DomainKeyMismatch("node " + node.nodeId() + " (token '" + node.location().tokenLabel()
                            + "') holds a domain key with check value " + checkValue + ", not the cluster's " + expectedCheckValue.get());
                }
            } catch (HsmException | DomainKeyMismatch | RuntimeException e) {
                opened.close();
                throw e;
            }
            session = opened;
            health = NodeHealth.healthy("logged in; domain key verified");
            reloadBackoff = java.time.Duration.ZERO;
            nextReload = java.time.Instant.MIN;
        } catch (HsmException e) {
            health = NodeHealth.unhealthy(describe(e));
            throw e;
        } catch (DomainKeyMismatch e) {
            health = NodeHealth.unhealthy(e.getMessage());
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a call on this node's session; a failure that means the node is gone marks it unhealthy. */
    <T> T call(HsmCall<T> call) throws HsmException {
        lock.lock();
        try {
            if (session == null) {
                throw new HsmException(HsmFailure.UNREACHABLE, "node " + node.nodeId() + " is not connected: " + health.message());
            }
            try {
                return call.apply(session);
            } catch (HsmException e) {
                if (e.failure() == HsmFailure.UNREACHABLE || e.failure() == HsmFailure.TIMEOUT) {
                    health = NodeHealth.unhealthy(describe(e));
                    closeSession();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean reloadDue() {
        return !java.time.Instant.now().isBefore(nextReload);
    }

    /** Records a reload: the next one waits 5 s, doubling to a minute while the token stays away. */
    void reloaded() {
        reloadBackoff = reloadBackoff.isZero() ? java.time.Duration.ofSeconds(5)
                : java.time.Duration.ofSeconds(Math.min(60, reloadBackoff.toSeconds() * 2));
        nextReload = java.time.Instant.now().plus(reloadBackoff);
    }

    void markUnhealthy(String message) {
        health = NodeHealth.unhealthy(message);
    }

    /** Logs out and closes the session. */
    void close() {
        lock.lock();
        try {
            closeSession();
            health = new NodeHealth(NodeHealth.State.Unknown, "disconnected", java.time.Instant.now());
        } finally {
            lock.unlock();
        }
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the session on node {} failed: {}", node.nodeId(), e.toString());
            }
            session = null;
        }
    }

    static String describe(HsmException e) {
        return e.failure() + ": " + e.getMessage() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
    }

    /** The node's token holds no domain key with the cluster's label, or one with another check value. */
    static final class DomainKeyMismatch extends Exception {
        DomainKeyMismatch(String message) {
            super(message);
        }
    }
}
