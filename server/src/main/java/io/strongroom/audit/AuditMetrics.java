package io.strongroom.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The security audit's metrics (Prometheus names): {@code strongroom_audit_backlog_records} and
 * {@code strongroom_audit_backlog_segments} per instance (what waits in this node's spool, the open
 * interval included), {@code strongroom_audit_awaiting_digest_objects} per instance (delivered, not
 * yet in a signed digest), {@code strongroom_audit_bucket_failing} per bucket (1 while delivery to it
 * fails), and the counters {@code strongroom_audit_records_total} and {@code strongroom_audit_spool_syncs_total}.
 */
public final class AuditMetrics {
    private final SecurityAudit audit;
    private final MultiGauge backlogRecords;
    private final MultiGauge backlogSegments;
    private final MultiGauge awaitingDigest;
    private final MultiGauge bucketFailing;

    public AuditMetrics(SecurityAudit audit, MeterRegistry registry) {
        this.audit = requireNonNull(audit, "audit");
        backlogRecords = MultiGauge.builder("strongroom.audit.backlog.records")
                .description("audit records of the instance not delivered yet on this node").register(registry);
        backlogSegments = MultiGauge.builder("strongroom.audit.backlog.segments")
                .description("spool intervals of the instance not delivered yet on this node, the open one included").register(registry);
        awaitingDigest = MultiGauge.builder("strongroom.audit.awaiting.digest.objects")
                .description("delivered log objects of the instance not yet named by a signed digest").register(registry);
        bucketFailing = MultiGauge.builder("strongroom.audit.bucket.failing")
                .description("1 while delivery to the bucket fails (retried with backoff), else 0").register(registry);
        FunctionCounter.builder("strongroom.audit.records", audit.spool(), AuditSpool::lines)
                .description("audit records made durable in this node's spool since start").register(registry);
        FunctionCounter.builder("strongroom.audit.spool.syncs", audit.spool(), AuditSpool::syncs)
                .description("fsyncs of this node's audit spool since start (group commit: fewer than records)").register(registry);
    }

    /** Brings the per-instance and per-bucket gauges up to date; run before each scrape. */
    public void refresh() {
        AuditDelivery delivery = audit.delivery();
        List<MultiGauge.Row<?>> records = new ArrayList<>();
        List<MultiGauge.Row<?>> segments = new ArrayList<>();
        List<MultiGauge.Row<?>> digests = new ArrayList<>();
        for (String instanceId : audit.spool().partitions()) {
            AuditDelivery.Backlog backlog = delivery.backlog(instanceId);
            records.add(MultiGauge.Row.of(Tags.of("instance", instanceId), backlog.records()));
            segments.add(MultiGauge.Row.of(Tags.of("instance", instanceId), backlog.segments()));
        }
        for (String instanceId : audit.routedInstances()) {
            digests.add(MultiGauge.Row.of(Tags.of("instance", instanceId), delivery.awaitingDigest(instanceId)));
        }
        List<MultiGauge.Row<?>> failing = audit.bucketNames().stream()
                .<MultiGauge.Row<?>>map(bucket -> MultiGauge.Row.of(Tags.of("bucket", bucket), delivery.lastError(bucket).isPresent() ? 1 : 0))
                .toList();
        backlogRecords.register(records, true);
        backlogSegments.register(segments, true);
        awaitingDigest.register(digests, true);
        bucketFailing.register(failing, true);
    }
}
