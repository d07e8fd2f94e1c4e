package io.strongroom.hsm;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The live cluster connections of this server, by HSM cluster id. */
public final class ConnectionRegistry {
    private final ConcurrentMap<String, ClusterConnection> byCluster = new ConcurrentHashMap<>();

    public void put(ClusterConnection connection) {
        ClusterConnection previous = byCluster.put(connection.cluster().hsmClusterId(), connection);
        if (previous != null && previous != connection) {
            previous.close();
        }
    }

    public Optional<ClusterConnection> find(String hsmClusterId) {
        return Optional.ofNullable(byCluster.get(hsmClusterId));
    }

    /** Removes and closes the cluster's connection, if any. */
    public void closeAndRemove(String hsmClusterId) {
        ClusterConnection connection = byCluster.remove(hsmClusterId);
        if (connection != null) {
            connection.close();
        }
    }

    public Iterable<ClusterConnection> all() {
        return byCluster.values();
    }

    public void closeAll() {
        byCluster.keySet().forEach(this::closeAndRemove);
    }
}
