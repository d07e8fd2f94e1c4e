package io.strongroom.api;

import java.util.List;

/**
 * An HSM cluster. {@code Status} is {@code Uninitialized} until the domain-key ceremony has
 * run, then {@code Initialized}. {@code InstanceId} names the instance bound to it, if any.
 */
public record HsmClusterView(
        String hsmClusterId,
        String regionId,
        String name,
        String status,
        int minimumNodes,
        String cryptoUser,
        String domainKeyCheckValue,
        String instanceId,
        List<HsmNodeView> nodes,
        String createTime) {
}
