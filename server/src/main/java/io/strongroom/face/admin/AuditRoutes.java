package io.strongroom.face.admin;

import io.strongroom.api.AuditBucketList;
import io.strongroom.api.EnableSecurityAuditRequest;
import io.strongroom.api.SecurityAuditView;
import io.strongroom.audit.AuditStatus;
import io.strongroom.audit.SecurityAudit;

import java.time.Instant;
import java.util.List;

/** Routes for an instance's security audit and the configured audit buckets. */
final class AuditRoutes {
    private static final String BASE = "/api/v1/instances/{InstanceId}/security-audit";

    private AuditRoutes() {
    }

    static List<Route> routes(SecurityAudit audit, Views views) {
        return List.of(
                new Route("GET", "/api/v1/audit-buckets", "ListAuditBuckets", true, request ->
                        ApiResponse.ok(new AuditBucketList(audit.bucketNames()))),
                new Route("GET", BASE, "DescribeSecurityAudit", true, request ->
                        ApiResponse.ok(view(audit.status(request.path("InstanceId")), audit.node()))),
                new Route("POST", BASE + "/enable", "EnableSecurityAudit", true, request -> ApiResponse.ok(views.instance(
                        audit.enable(request.path("InstanceId"), request.body(EnableSecurityAuditRequest.class).bucket())))),
                new Route("POST", BASE + "/disable", "DisableSecurityAudit", true, request ->
                        ApiResponse.ok(views.instance(audit.disable(request.path("InstanceId"))))));
    }

    private static SecurityAuditView view(AuditStatus status, String node) {
        return new SecurityAuditView(status.instanceId(), status.enabled() ? "Enabled" : "Disabled", status.bucket().orElse(null),
                status.backlog().segments(), status.backlog().records(), status.lastDelivered().map(Instant::toString).orElse(null),
                status.lastError().orElse(null), node);
    }
}
