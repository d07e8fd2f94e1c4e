package io.strongroom.hsm;

import static java.util.Objects.requireNonNull;

/** One node of an HSM cluster: its token and the zone it stands in. */
public record HsmNode(String nodeId, TokenLocation location, String zoneId) {
    public HsmNode {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(location, "location");
        requireNonNull(zoneId, "zoneId");
    }
}
