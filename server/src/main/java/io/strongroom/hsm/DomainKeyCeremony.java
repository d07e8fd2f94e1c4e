package io.strongroom.hsm;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The domain-key ceremony. The key is generated inside the first node; every other node makes
 * an RSA transport key pair, and the first node wraps the domain key to that transport key,
 * so the domain key's material never exists outside an HSM. The first node's copy is then
 * made non-extractable; every copy is sensitive, wrap/unwrap only. All copies must give the
 * same check value. Any failure destroys what was created, leaving the tokens as they were.
 */
final class DomainKeyCeremony {
    private static final Logger LOG = LoggerFactory.getLogger(DomainKeyCeremony.class);
    private final TokenRegistry tokens;

    DomainKeyCeremony(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    String run(HsmCluster cluster, char[] pin) {
        List<HsmSession> sessions = new ArrayList<>();
        List<KeyHandle> created = new ArrayList<>();
        boolean done = false;
        try {
            for (HsmNode node : cluster.nodes()) {
                sessions.add(login(node, pin));
            }
            for (int i = 0; i < sessions.size(); i++) {
                if (sessions.get(i).findSecretKey(cluster.domainKeyLabel()).isPresent()) {
                    throw new StrongroomException(ErrorCode.INCORRECT_HSM_CLUSTER_STATUS, "node " + cluster.nodes().get(i).nodeId()
                            + " already holds a key labelled '" + cluster.domainKeyLabel() + "'; remove it with the HSM's tools or use another token");
                }
            }
            HsmSession first = sessions.getFirst();
            boolean copies = sessions.size() > 1;
            KeyHandle domainKey = first.generateDomainKey(cluster.domainKeyLabel(), copies);
            created.add(domainKey);
            String checkValue = first.checkValue(domainKey);
            for (int i = 1; i < sessions.size(); i++) {
                HsmSession target = sessions.get(i);
                TransportKey transport = target.createTransportKey();
                try {
                    KeyHandle copy = target.unwrapDomainKey(cluster.domainKeyLabel(),
                            first.wrapForTransport(domainKey, transport.publicKey()), transport);
                    created.add(copy);
                    String copyCheckValue = target.checkValue(copy);
                    if (!checkValue.equals(copyCheckValue)) {
                        throw new StrongroomException(ErrorCode.INTERNAL_FAILURE, "node " + cluster.nodes().get(i).nodeId()
                                + " computed check value " + copyCheckValue + " for the transported domain key, not " + checkValue);
                    }
                } finally {
                    target.destroy(transport.privateKey());
                }
            }
            if (copies) {
                first.sealAgainstExtraction(domainKey);
            }
            done = true;
            LOG.info("domain key ceremony done for HSM cluster {} on {} nodes, check value {}",
                    cluster.hsmClusterId(), sessions.size(), checkValue);
            return checkValue;
        } catch (HsmException e) {
            throw new StrongroomException(ErrorCode.HSM_NODE_UNAVAILABLE, "the domain key ceremony failed: " + NodeLink.describe(e));
        } finally {
            if (!done) {
                destroy(sessions, created);
            }
            sessions.forEach(HsmSession::close);
        }
    }

    private HsmSession login(HsmNode node, char[] pin) {
        try {
            return tokens.token(node.location()).login(pin);
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.INVALID_CREDENTIALS) {
                throw new StrongroomException(ErrorCode.HSM_LOGIN_FAILED, "node " + node.nodeId()
                        + " refused the crypto user's password; check it and run init again");
            }
            throw new StrongroomException(ErrorCode.HSM_NODE_UNAVAILABLE, "node " + node.nodeId()
                    + " cannot take part in the ceremony (every node must): " + NodeLink.describe(e));
        }
    }

    private static void destroy(List<HsmSession> sessions, List<KeyHandle> created) {
        for (int i = 0; i < created.size(); i++) {
            try {
                sessions.get(i).destroy(created.get(i));
            } catch (HsmException | RuntimeException e) {
                LOG.warn("could not remove a half-made domain key copy: {}", e.getMessage());
            }
        }
    }
}
