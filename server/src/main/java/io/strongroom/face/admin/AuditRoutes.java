package io.strongroom.face.admin;

import io.strongroom.api.AuditBucketList;
import io.strongroom.api.AuditPublicKeyView;
import io.strongroom.api.AuditVerificationView;
import io.strongroom.api.EnableSecurityAuditRequest;
import io.strongroom.api.SecurityAuditView;
import io.strongroom.api.VerifySecurityAuditRequest;
import io.strongroom.audit.AuditStatus;
import io.strongroom.audit.AuditVerifier;
import io.strongroom.audit.SecurityAudit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
                        ApiResponse.ok(views.instance(audit.disable(request.path("InstanceId"))))),
                new Route("POST", BASE + "/verify", "VerifySecurityAudit", true, request -> {
                    VerifySecurityAuditRequest body = request.body(VerifySecurityAuditRequest.class);
                    String instanceId = request.path("InstanceId");
                    return ApiResponse.ok(view(audit.verify(instanceId, body.bucket(),
                            Optional.ofNullable(AccessRoutes.instant(body.from(), "From")),
                            Optional.ofNullable(AccessRoutes.instant(body.to(), "To"))), body.bucket()));
                }),
                new Route("GET", BASE + "/public-key", "GetSecurityAuditPublicKey", true, request -> {
                    String instanceId = request.path("InstanceId");
                    return ApiResponse.ok(new AuditPublicKeyView(instanceId, audit.publicKeyPem(instanceId)));
                }));
    }

    private static AuditVerificationView view(AuditVerifier.Report report, String bucket) {
        return new AuditVerificationView(report.instanceId(), bucket, report.valid(), report.digests(), report.objects(), report.nodes(),
                report.first().map(Instant::toString).orElse(null), report.last().map(Instant::toString).orElse(null),
                report.findings().stream().map(finding -> new AuditVerificationView.Finding(finding.problem().name(),
                        finding.objectName(), finding.message())).toList());
    }

    private static SecurityAuditView view(AuditStatus status, String node) {
        return new SecurityAuditView(status.instanceId(), status.enabled() ? "Enabled" : "Disabled", status.bucket().orElse(null),
                status.backlog().segments(), status.backlog().records(), status.lastDelivered().map(Instant::toString).orElse(null),
                status.lastError().orElse(null), node);
    }
}
