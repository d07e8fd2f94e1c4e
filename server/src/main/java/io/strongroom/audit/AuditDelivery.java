package io.strongroom.audit;

import io.strongroom.store.AuditRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Moves each sealed spool interval of an instance with audit Enabled to its bucket, as two
 * objects: {@code <name>.log.gz} (the original service's lines) and {@code <name>.json.gz} (one
 * JSON object per line), names from {@link AuditObjectNames}.
 *
 * <p>At least once: a segment is removed only after both its objects are stored, and names
 * depend only on instance, node and interval, so a repeated delivery (after a crash between
 * store and remove) replaces an object with the same content. While a bucket fails, its
 * segments stay in the spool and the bucket is retried with a doubling delay, up to
 * {@link #MAX_BACKOFF}. Records of an instance whose audit is Disabled when their interval is
 * delivered, and of calls that name no instance, are dropped then (they have no bucket).
 */
public final class AuditDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(AuditDelivery.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What waits in the spool for one instance. */
    public record Backlog(int segments, long records) {
    }

    private record Failure(String message, int failures, Instant retryAt) {
    }

    private final AuditSpool spool;
    private final AuditBuckets buckets;
    private final AuditRepository settings;
    private final String node;
    private final Duration interval;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> delivered = new ConcurrentHashMap<>();

    AuditDelivery(AuditSpool spool, AuditBuckets buckets, AuditRepository settings, String node, Duration interval) {
        this.spool = requireNonNull(spool, "spool");
        this.buckets = requireNonNull(buckets, "buckets");
        this.settings = requireNonNull(settings, "settings");
        this.node = requireNonNull(node, "node");
        this.interval = requireNonNull(interval, "interval");
    }

    /** Seals past intervals and delivers each sealed segment whose bucket is not backing off. */
    public synchronized void deliver(Instant now) {
        spool.roll();
        Map<String, String> destinations = settings.destinations();
        for (AuditSpool.Segment segment : spool.sealed()) {
            Optional<AuditBucket> bucket = Optional.ofNullable(destinations.get(segment.partition())).flatMap(buckets::find);
            if (bucket.isEmpty()) {
                delete(segment);
                continue;
            }
            Failure failure = failures.get(bucket.get().name());
            if (failure != null && now.isBefore(failure.retryAt())) {
                continue;
            }
            try {
                put(bucket.get(), segment);
                delete(segment);
                failures.remove(bucket.get().name());
                delivered.put(segment.partition(), now);
            } catch (IOException | RuntimeException e) {
                int count = failure == null ? 1 : failure.failures() + 1;
                Duration delay = backoff(count);
                failures.put(bucket.get().name(), new Failure(e.getMessage(), count, now.plus(delay)));
                LOG.warn("audit delivery to bucket {} failed ({} in a row), retrying in {}: {}", bucket.get().name(), count, delay,
                        e.toString());
            }
        }
    }

    private void put(AuditBucket bucket, AuditSpool.Segment segment) throws IOException {
        // Not readAllLines: its strict decoder throws on a line torn inside a multi-byte character
        // by a crash, and that segment would then fail its bucket forever. Decoded leniently, the
        // torn line is no JSON record and is skipped like any other torn line.
        String content = new String(Files.readAllBytes(segment.file()), StandardCharsets.UTF_8);
        StringBuilder log = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (String line : content.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            AuditRecord record;
            try {
                record = AuditFormat.fromJson(line);
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping a torn line in audit spool segment {}", segment.file());
                continue;
            }
            log.append(AuditFormat.line(record)).append('\n');
            json.append(AuditFormat.json(record)).append('\n');
        }
        String name = AuditObjectNames.of(bucket.prefix(), segment.partition(), node, segment.intervalStart(), interval);
        bucket.put(name.substring(0, name.length() - ".log.gz".length()) + ".json.gz", gzip(json.toString()));
        bucket.put(name, gzip(log.toString()));
    }

    Duration backoff(int failuresInARow) {
        Duration first = interval.compareTo(Duration.ofSeconds(2)) < 0 ? interval : Duration.ofSeconds(2);
        Duration delay = first.multipliedBy(1L << Math.min(failuresInARow - 1, 16));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** What waits for the instance: its sealed segments and the open one. */
    public Backlog backlog(String instanceId) {
        List<Path> files = spool.files(instanceId);
        long records = 0;
        for (Path file : files) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                records += lines.filter(line -> !line.isEmpty()).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.debug("counting {}: {}", file, e.toString());
            }
        }
        return new Backlog(files.size(), records);
    }

    String node() {
        return node;
    }

    public Optional<Instant> lastDelivered(String instanceId) {
        return Optional.ofNullable(delivered.get(instanceId));
    }

    public Optional<String> lastError(String bucketName) {
        return Optional.ofNullable(failures.get(bucketName)).map(Failure::message);
    }

    /** How often delivery should run: often enough that an interval goes out soon after it ends. */
    public Duration period() {
        Duration half = interval.dividedBy(2);
        Duration max = Duration.ofSeconds(30);
        return half.compareTo(max) > 0 ? max : half;
    }

    private static void delete(AuditSpool.Segment segment) {
        try {
            Files.deleteIfExists(segment.file());
        } catch (IOException e) {
            LOG.warn("cannot remove delivered audit spool segment {}: {}", segment.file(), e.toString());
        }
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
