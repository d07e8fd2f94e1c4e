package io.strongroom.instance;

import io.strongroom.hsm.ConnectionErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A dedicated KMS instance as the store holds it. {@code sealedCredential} is the HSM
 * credential sealed under the node sealing key (see {@link io.strongroom.platform.SealingKey}), present while
 * the instance should be connected; it is never the credential in clear.
 */
public record Instance(
        String instanceId,
        String regionId,
        String instanceName,
        String vpcId,
        List<String> allowedCidrs,
        int spec,
        String hsmClusterId,
        InstanceStatus status,
        boolean securityAudit,
        Optional<ConnectionErrorCode> errorCode,
        Optional<String> errorMessage,
        Optional<String> sealedCredential,
        String caCertificatePem,
        String sealedCaPrivateKey,
        Instant createTime,
        Instant updateTime) {

    public Instance {
        requireNonNull(instanceId, "instanceId");
        requireNonNull(status, "status");
        allowedCidrs = List.copyOf(allowedCidrs);
        requireNonNull(errorCode, "errorCode");
        requireNonNull(errorMessage, "errorMessage");
        requireNonNull(sealedCredential, "sealedCredential");
    }

    public Instance withStatus(InstanceStatus newStatus, Optional<ConnectionErrorCode> code, Optional<String> message,
                               Optional<String> credential, Instant now) {
        return new Instance(instanceId, regionId, instanceName, vpcId, allowedCidrs, spec, hsmClusterId, newStatus,
                securityAudit, code, message, credential, caCertificatePem, sealedCaPrivateKey, createTime, now);
    }
}
