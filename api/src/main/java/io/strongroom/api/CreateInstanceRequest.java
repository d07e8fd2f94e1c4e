package io.strongroom.api;

import java.util.List;

/**
 * Creates an instance bound to an initialised HSM cluster and connects it with the credential:
 * the instance starts {@code Creating} and ends {@code Enabled}, or {@code Disabled} with an
 * {@code ErrorCode}. {@code Spec} is the QPS limit of its endpoint.
 */
public record CreateInstanceRequest(
        String regionId,
        String instanceName,
        String vpcId,
        List<String> allowedCidrs,
        Integer spec,
        String hsmClusterId,
        Credential credential) {
}
