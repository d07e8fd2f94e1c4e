package io.strongroom.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator audit log keeps one file per interval and removes a file only once its interval ended longer than the retention ago. */
class OperatorAuditLogTest {
    private static final Duration HOUR = Duration.ofHours(1);
    @TempDir
    Path directory;

    @Test
    void prune_removesIntervalsPastTheRetention_andKeepsTheRest() throws IOException {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-20T10:15:00Z").toEpochMilli());
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        try (OperatorAuditLog log = new OperatorAuditLog(directory, HOUR, Duration.ofDays(7), clock)) {
            log.append("{\"RequestId\":\"old\"}");
            now.addAndGet(Duration.ofDays(7).toMillis());
            log.append("{\"RequestId\":\"recent\"}");
            log.prune(Instant.ofEpochMilli(now.get()));
            assertThat(lines()).as("the old interval ended 6 d 23 h 15 min ago: kept").contains("{\"RequestId\":\"old\"}");

            now.addAndGet(HOUR.toMillis());
            log.prune(Instant.ofEpochMilli(now.get()));
            assertThat(lines()).containsExactly("{\"RequestId\":\"recent\"}");
            assertThat(files()).singleElement().satisfies(file -> assertThat(file.getFileName().toString()).endsWith(".log"));
        }
    }

    @Test
    void construct_withoutRetention_isRefused() {
        assertThatThrownBy(() -> new OperatorAuditLog(directory, HOUR, Duration.ZERO, InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private List<String> lines() throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        for (Path file : files()) {
            lines.addAll(Files.readAllLines(file));
        }
        return lines;
    }
}
