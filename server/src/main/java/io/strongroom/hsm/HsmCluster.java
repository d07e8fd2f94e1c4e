package io.strongroom.hsm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A registered HSM cluster. {@code domainKeyCheckValue} is present once the key ceremony has
 * run: every node then holds the domain key labelled {@code domainKeyLabel} with that value.
 */
public record HsmCluster(
        String hsmClusterId,
        String regionId,
        String name,
        int minimumNodes,
        String cryptoUser,
        String domainKeyLabel,
        Optional<String> domainKeyCheckValue,
        List<HsmNode> nodes,
        Instant createTime) {

    public HsmCluster {
        requireNonNull(hsmClusterId, "hsmClusterId");
        requireNonNull(domainKeyCheckValue, "domainKeyCheckValue");
        nodes = List.copyOf(nodes);
    }

    public boolean initialized() {
        return domainKeyCheckValue.isPresent();
    }
}
