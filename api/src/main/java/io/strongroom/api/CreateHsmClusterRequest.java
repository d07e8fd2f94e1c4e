package io.strongroom.api;

import java.util.List;

/**
 * Registers an HSM cluster. {@code MinimumNodes} defaults to the server's configured minimum;
 * {@code CryptoUser} (the HSM user instances log in as) defaults to {@code kmsuser}.
 */
public record CreateHsmClusterRequest(
        String regionId, String name, Integer minimumNodes, String cryptoUser, List<HsmNodeSpec> nodes) {
}
