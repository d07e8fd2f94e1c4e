package io.strongroom.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery around a disable, on a clock the test moves: a record is spooled into the interval
 * current when its request ends, so a request that began before the disable can land in an
 * interval that began after it; its record is still delivered, and later records are not.
 */
class AuditDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path directory;
    private final MovableClock clock = new MovableClock();
    private AuditSpool spool;

    @AfterEach
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void aRecordFromBeforeTheDisable_spooledInTheNextInterval_isDelivered_laterOnesAreNot() throws IOException {
        spool = new AuditSpool(directory.resolve("spool"), INTERVAL, clock);
        Path bucketDirectory = Files.createDirectories(directory.resolve("bucket"));
        AuditBuckets buckets = new AuditBuckets(List.of(new LocalDirectoryBucket("b", bucketDirectory, "AuditLogs")));
        Instant disabledAt = T0.plusMillis(900);
        Map<String, AuditRepository.Route> routes = Map.of("kst-1", new AuditRepository.Route("b", Optional.of(disabledAt)));
        AuditDelivery delivery = new AuditDelivery(spool, buckets, () -> routes, new NoSigner(), new DigestChain(directory.resolve("chains")),
                "n1", INTERVAL);

        clock.now = T0.plusMillis(1100);
        spool.append("kst-1", AuditFormat.json(record("began-before", T0.plusMillis(800))));
        spool.append("kst-1", AuditFormat.json(record("began-after", T0.plusMillis(1050))));
        clock.now = T0.plusMillis(2500);
        delivery.deliver(clock.instant());

        List<String> lines = delivered(bucketDirectory);
        assertThat(lines).anyMatch(line -> line.contains(" began-before ")).noneMatch(line -> line.contains("began-after"));
        assertThat(delivery.backlog("kst-1").records()).isZero();
        assertThat(delivery.awaitingDigest("kst-1")).as("its two objects wait for a digest (no signer here)").isEqualTo(2);
    }

    @Test
    void aSegmentWithOnlyRecordsFromAfterTheDisable_storesNoObject() throws IOException {
        spool = new AuditSpool(directory.resolve("spool"), INTERVAL, clock);
        Path bucketDirectory = Files.createDirectories(directory.resolve("bucket"));
        AuditBuckets buckets = new AuditBuckets(List.of(new LocalDirectoryBucket("b", bucketDirectory, "AuditLogs")));
        Map<String, AuditRepository.Route> routes = Map.of("kst-1", new AuditRepository.Route("b", Optional.of(T0)));
        AuditDelivery delivery = new AuditDelivery(spool, buckets, () -> routes, new NoSigner(), new DigestChain(directory.resolve("chains")),
                "n1", INTERVAL);

        clock.now = T0.plusMillis(100);
        spool.append("kst-1", AuditFormat.json(record("after", T0.plusMillis(50))));
        clock.now = T0.plusMillis(1500);
        delivery.deliver(clock.instant());

        try (Stream<Path> files = Files.walk(bucketDirectory)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(delivery.backlog("kst-1").records()).isZero();
        assertThat(delivery.awaitingDigest("kst-1")).isZero();
    }

    private static AuditRecord record(String requestId, Instant time) {
        return new AuditRecord(time, AuditRecord.Level.INFO, requestId, "DescribeInstance", "v1", Optional.of("SRAK1"), Optional.of("admin"),
                Optional.of("AdminAccessKey"), Optional.of("kst-1"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                200, Optional.empty(), 3, Optional.empty());
    }

    private static List<String> delivered(Path bucket) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path object : files.filter(path -> path.toString().endsWith(".log.gz")).toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
                }
            }
        }
        return lines;
    }

    private static final class MovableClock implements InstantSource {
        volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An instance that cannot sign (as while it is disconnected): digests wait. */
    private static final class NoSigner implements AuditSigner {
        @Override
        public Optional<byte[]> signingKey(String instanceId) {
            return Optional.empty();
        }

        @Override
        public Optional<byte[]> sign(String instanceId, byte[] payload) {
            return Optional.empty();
        }

        @Override
        public Optional<byte[]> publicKey(String instanceId) {
            return Optional.empty();
        }
    }
}
