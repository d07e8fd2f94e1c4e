package io.strongroom.audit;

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
import java.util.function.Supplier;
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
 * {@link #MAX_BACKOFF}. After audit is disabled, records from before that moment still go to the
 * bucket it had; later ones, and records of calls that name no instance, are dropped at delivery
 * (they have no bucket).
 *
 * <p>Each round then writes, per instance, a signed {@link AuditDigest} naming the objects delivered
 * since the previous digest and linking to it ({@link DigestChain}). While the instance cannot use
 * its HSM cluster (Disabled), its objects wait for the next digest.
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
    private final Supplier<Map<String, AuditRepository.Route>> routes;
    private final AuditSigner signer;
    private final DigestChain chain;
    private final String node;
    private final Duration interval;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> delivered = new ConcurrentHashMap<>();

    /** {@code routes}: where each instance's records go now ({@link AuditRepository#routes}). */
    AuditDelivery(AuditSpool spool, AuditBuckets buckets, Supplier<Map<String, AuditRepository.Route>> routes, AuditSigner signer,
                  DigestChain chain, String node,
                  Duration interval) {
        this.spool = requireNonNull(spool, "spool");
        this.signer = requireNonNull(signer, "signer");
        this.chain = requireNonNull(chain, "chain");
        this.buckets = requireNonNull(buckets, "buckets");
        this.routes = requireNonNull(routes, "routes");
        this.node = requireNonNull(node, "node");
        this.interval = requireNonNull(interval, "interval");
    }

    /**
     * Seals past intervals, delivers each sealed segment whose bucket is not backing off, then
     * writes the digest of each instance with delivered objects not yet in a digest.
     */
    public synchronized void deliver(Instant now) {
        spool.roll();
        Map<String, AuditRepository.Route> current = routes.get();
        for (AuditSpool.Segment segment : spool.sealed()) {
            AuditRepository.Route route = current.get(segment.partition());
            Optional<AuditBucket> bucket = Optional.ofNullable(route).flatMap(r -> buckets.find(r.bucket()));
            if (bucket.isEmpty()) {
                delete(segment);
                continue;
            }
            // A segment of an interval that began after audit was disabled may still hold records made
            // before it (a record is appended when its request ends), so records are filtered, not segments.
            attempt(bucket.get(), now, () -> {
                List<AuditDigest.Entry> objects = put(bucket.get(), segment, route.disabledAt());
                if (!objects.isEmpty()) {
                    chain.addPending(segment.partition(), segment.intervalStart(), objects);
                }
                delete(segment);
                delivered.put(segment.partition(), now);
            });
        }
        for (String instanceId : chain.withPending()) {
            Optional.ofNullable(current.get(instanceId)).flatMap(r -> buckets.find(r.bucket()))
                    .ifPresent(bucket -> attempt(bucket, now, () -> digest(bucket, instanceId)));
        }
    }

    private interface BucketWork {
        void run() throws IOException;
    }

    /** Runs {@code work} unless the bucket is backing off; a failure starts or lengthens its backoff. */
    private void attempt(AuditBucket bucket, Instant now, BucketWork work) {
        Failure failure = failures.get(bucket.name());
        if (failure != null && now.isBefore(failure.retryAt())) {
            return;
        }
        try {
            work.run();
            failures.remove(bucket.name());
        } catch (IOException | RuntimeException e) {
            int count = failure == null ? 1 : failure.failures() + 1;
            Duration delay = backoff(count);
            failures.put(bucket.name(), new Failure(e.getMessage(), count, now.plus(delay)));
            LOG.warn("audit delivery to bucket {} failed ({} in a row), retrying in {}: {}", bucket.name(), count, delay, e.toString());
        }
    }

    /** Stores the digest of the objects delivered since the last one, unless the instance cannot sign now (not connected). */
    private void digest(AuditBucket bucket, String instanceId) throws IOException {
        DigestChain.State state = chain.state(instanceId);
        Optional<byte[]> publicKey = signer.signingKey(instanceId);
        if (publicKey.isEmpty()) {
            return;
        }
        AuditDigest unsigned = new AuditDigest(instanceId, node, state.pendingIntervalStart(), interval,
                Optional.ofNullable(state.previous()), state.pending(), AuditDigest.sha256Hex(publicKey.get()), new byte[0]);
        Optional<byte[]> signature = signer.sign(instanceId, unsigned.signedPart());
        if (signature.isEmpty()) {
            return;
        }
        byte[] content = unsigned.signed(signature.get()).bytes();
        String name = AuditObjectNames.digest(bucket.prefix(), instanceId, node, state.pendingIntervalStart(), interval);
        bucket.put(name, content);
        chain.advance(instanceId, AuditDigest.Entry.of(name, content));
    }

    /**
     * Stores the segment's records (those before {@code until}, if given) as its two objects; returns
     * them as digest entries, or nothing (and stores nothing) when no record is left.
     */
    private List<AuditDigest.Entry> put(AuditBucket bucket, AuditSpool.Segment segment, Optional<Instant> until) throws IOException {
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
            if (until.isPresent() && !record.time().isBefore(until.get())) {
                continue;
            }
            log.append(AuditFormat.line(record)).append('\n');
            json.append(AuditFormat.json(record)).append('\n');
        }
        if (log.isEmpty()) {
            return List.of();
        }
        String logName = AuditObjectNames.of(bucket.prefix(), segment.partition(), node, segment.intervalStart(), interval);
        String jsonName = AuditObjectNames.json(bucket.prefix(), segment.partition(), node, segment.intervalStart(), interval);
        byte[] jsonObject = gzip(json.toString());
        byte[] logObject = gzip(log.toString());
        bucket.put(jsonName, jsonObject);
        bucket.put(logName, logObject);
        return List.of(AuditDigest.Entry.of(logName, logObject), AuditDigest.Entry.of(jsonName, jsonObject));
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

    /** Delivered objects of the instance not yet named by a digest (while it cannot sign, or until the next round). */
    public int awaitingDigest(String instanceId) {
        return chain.state(instanceId).pending().size();
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
