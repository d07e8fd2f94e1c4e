package io.strongroom.api;

import java.util.List;

/**
 * An instance as describe and list show it. {@code ErrorCode}/{@code ErrorMessage} only after a failed connect;
 * {@code AuditBucket} only while {@code SecurityAudit} is Enabled.
 */
public record InstanceView(
        String instanceId,
        String instanceName,
        String regionId,
        String edition,
        String status,
        String vpcId,
        String vpcAddress,
        List<String> allowedCidrs,
        String hsmClusterId,
        String securityAudit,
        int spec,
        String createTime,
        String caCertificateChainPem,
        String errorCode,
        String errorMessage,
        String auditBucket) {
}
