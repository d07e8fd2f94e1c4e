package io.strongroom.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static java.util.Objects.requireNonNull;

/**
 * This node's operator audit log: the records of requests that belong to no instance (HSM cluster
 * and region calls, instance listing, console log-on and log-off, requests refused before an
 * instance was known or naming one that does not exist). They have no instance bucket to go to, so
 * they stay on the node, as durable as any record (a spool of their own: fsynced with group commit
 * before the answer), in one file of JSON records per audit interval:
 * {@code <directory>/_server/<interval-start-epoch-ms>.open} while current, {@code .log} once sealed.
 * {@link #prune} removes the files of intervals that ended longer than the retention ago, so the log
 * is bounded by the retention, never by a size at which an attacker's noise could push records out.
 */
public final class OperatorAuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAuditLog.class);

    private final AuditSpool spool;
    private final Duration interval;
    private final Duration retention;

    public OperatorAuditLog(Path directory, Duration interval, Duration retention, InstantSource clock) {
        this.interval = requireNonNull(interval, "interval");
        this.retention = requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the operator audit log's retention must be positive");
        }
        this.spool = new AuditSpool(directory, interval, clock);
    }

    /** Appends one record (its JSON form) and returns once it is on disk; see {@link AuditSpool#append}. */
    void append(String json) {
        spool.append(AuditSpool.SERVER_PARTITION, json);
    }

    /** Seals past intervals and removes the files of intervals that ended more than the retention before {@code now}. */
    public void prune(Instant now) {
        spool.roll();
        Instant oldestKept = now.minus(retention);
        for (AuditSpool.Segment segment : spool.sealed()) {
            if (segment.intervalStart().plus(interval).isBefore(oldestKept)) {
                try {
                    Files.deleteIfExists(segment.file());
                    LOG.info("operator audit log {} removed: older than its retention ({})", segment.file().getFileName(), retention);
                } catch (IOException e) {
                    LOG.warn("cannot remove operator audit log {}: {}", segment.file(), e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        spool.close();
    }
}
