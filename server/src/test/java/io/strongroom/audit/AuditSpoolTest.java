package io.strongroom.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSpoolTest {
    @TempDir
    Path directory;

    @Test
    void append_concurrentCallers_shareFsyncs_andEveryLineIsOnDiskWhenTheyReturn() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-29T01:00:00Z").toEpochMilli());
        try (AuditSpool spool = new AuditSpool(directory, Duration.ofHours(1), InstantSource.fixed(Instant.ofEpochMilli(now.get())));
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String line = "{\"n\":" + i + "}";
                done.add(callers.submit(() -> spool.append("kst-1", line)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(spool.lines()).isEqualTo(2000);
            assertThat(spool.syncs()).isLessThan(2000);
            assertThat(spool.files("kst-1")).hasSize(1);
            assertThat(Files.readAllLines(spool.files("kst-1").getFirst())).hasSize(2000).contains("{\"n\":1999}");
        }
    }

    @Test
    void roll_sealsPastIntervals_andAnOpenFileLeftByACrashIsSealedByTheNextRun() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-29T01:00:00Z").toEpochMilli());
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        AuditSpool first = new AuditSpool(directory, Duration.ofHours(1), clock);
        first.append("kst-1", "{\"a\":1}");
        first.close();
        assertThat(first.sealed()).isEmpty();
        now.addAndGet(Duration.ofHours(1).toMillis());
        try (AuditSpool second = new AuditSpool(directory, Duration.ofHours(1), clock)) {
            second.append("kst-1", "{\"a\":2}");
            second.roll();
            assertThat(second.sealed()).singleElement().satisfies(segment -> {
                assertThat(segment.intervalStart()).isEqualTo(Instant.parse("2026-11-29T01:00:00Z"));
                assertThat(Files.readAllLines(segment.file())).containsExactly("{\"a\":1}");
            });
            assertThat(second.files("kst-1")).hasSize(2);
        }
    }

    @Test
    void append_afterARunKilledMidLine_startsALineOfItsOwn() throws Exception {
        Instant now = Instant.parse("2026-11-29T01:00:00Z");
        Path partition = Files.createDirectories(directory.resolve("kst-1"));
        Files.writeString(partition.resolve(now.toEpochMilli() + ".open"), "{\"a\":1}\n{\"torn\":");
        try (AuditSpool spool = new AuditSpool(directory, Duration.ofHours(1), InstantSource.fixed(now))) {
            spool.append("kst-1", "{\"a\":2}");
            assertThat(Files.readAllLines(spool.files("kst-1").getFirst())).containsExactly("{\"a\":1}", "{\"torn\":", "{\"a\":2}");
        }
    }
}
