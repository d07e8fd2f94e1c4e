package io.strongroom.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The local, durable spool of audit lines: {@link #append} returns only once its line is written
 * and fsynced, and throws a {@code StrongroomException} with {@code AUDIT_UNAVAILABLE} when it cannot be (the caller decides
 * whether to refuse the request).
 *
 * <p>Group commit: one writer thread takes every line queued meanwhile, writes them, and syncs
 * each touched file once; all callers of that batch wait on the same sync. So N concurrent
 * requests cost about one fsync, not N.
 *
 * <p>Layout: {@code <directory>/<partition>/<interval-start-epoch-ms>.open} while the interval
 * (by the writer's clock) is current; {@link #roll} closes the files of past intervals and renames
 * them to {@code .log}: a sealed segment that no line will ever be appended to again, ready for
 * delivery. A partition is an instance id, or {@value #SERVER_PARTITION} for calls that name none.
 */
public final class AuditSpool implements AutoCloseable {
    public static final String SERVER_PARTITION = "_server";
    private static final Logger LOG = LoggerFactory.getLogger(AuditSpool.class);
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BATCH = 8192;

    /** A sealed segment: the lines of one partition in the interval starting at {@code intervalStart}. */
    public record Segment(String partition, Instant intervalStart, Path file) {
    }

    private sealed interface Entry permits Append, Roll {
    }

    private record Append(String partition, byte[] line, CompletableFuture<Void> done) implements Entry {
    }

    private record Roll(CompletableFuture<Void> done) implements Entry {
    }

    private final Path directory;
    private final long intervalMillis;
    private final InstantSource clock;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Map<Path, FileChannel> open = new HashMap<>(); // confined to the writer thread
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public AuditSpool(Path directory, Duration interval, InstantSource clock) {
        this.directory = requireNonNull(directory, "directory");
        this.intervalMillis = requireNonNull(interval, "interval").toMillis();
        if (intervalMillis < 1000) {
            throw new IllegalArgumentException("the audit interval must be at least one second");
        }
        this.clock = requireNonNull(clock, "clock");
        this.writer = Thread.ofPlatform().name("strongroom-audit-spool").daemon().start(this::run);
    }

    /** Appends one line (no line break in it) and returns once it is on disk. */
    public void append(String partition, String line) {
        if (!PARTITION.matcher(partition).matches()) {
            throw new IllegalArgumentException("not a spool partition: " + partition);
        }
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an audit line must not hold a line break");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            throw unavailable("the audit spool is closed");
        }
        queue.add(new Append(partition, (line + "\n").getBytes(StandardCharsets.UTF_8), done));
        await(done);
    }

    /** Seals the segments of every interval before the current one; returns once they are sealed. */
    public void roll() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Roll(done));
        await(done);
    }

    /** The sealed segments, oldest interval first. */
    public List<Segment> sealed() {
        List<Segment> segments = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return segments;
        }
        try (DirectoryStream<Path> partitions = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path partition : partitions) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, "*.log")) {
                    for (Path file : files) {
                        segments.add(new Segment(partition.getFileName().toString(), start(file), file));
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // an empty partition, removed by the writer meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        segments.sort(java.util.Comparator.comparing(Segment::intervalStart).thenComparing(Segment::partition));
        return segments;
    }

    /** The partitions (instance ids, and {@link #SERVER_PARTITION}) with a folder in the spool. */
    public List<String> partitions() {
        List<String> partitions = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return partitions;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, Files::isDirectory)) {
            found.forEach(folder -> partitions.add(folder.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        partitions.sort(null);
        return partitions;
    }

    /** The partition's files not delivered yet: sealed segments and the open one. */
    public List<Path> files(String partition) {
        Path folder = directory.resolve(partition);
        List<Path> files = new ArrayList<>();
        if (!PARTITION.matcher(partition).matches() || !Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*.{log,open}")) {
            found.forEach(files::add);
        } catch (java.nio.file.NoSuchFileException e) {
            return files; // removed meanwhile: nothing waits
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** How many fsyncs the spool has made (a batch syncs each file it touched once). */
    public long syncs() {
        return syncs.get();
    }

    /** How many lines the spool has made durable. */
    public long lines() {
        return lines.get();
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.get(APPEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable("the audit record could not be written to the spool: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unavailable("the audit spool did not write the record within " + APPEND_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while writing the audit record");
        }
    }

    private static io.strongroom.platform.StrongroomException unavailable(String message) {
        return new io.strongroom.platform.StrongroomException(io.strongroom.platform.ErrorCode.AUDIT_UNAVAILABLE, message);
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH);
                commit(batch);
            } catch (InterruptedException e) {
                closed = true;
            } catch (RuntimeException e) {
                LOG.error("the audit spool writer failed a batch", e);
                batch.forEach(entry -> done(entry).completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        closeAll();
    }

    private static CompletableFuture<Void> done(Entry entry) {
        return switch (entry) {
            case Append append -> append.done();
            case Roll roll -> roll.done();
        };
    }

    private void commit(List<Entry> batch) {
        long current = intervalStart(clock.millis());
        boolean rollAsked = batch.stream().anyMatch(entry -> entry instanceof Roll);
        if (rollAsked || open.keySet().stream().anyMatch(file -> start(file).toEpochMilli() < current)) {
            try {
                sealBefore(current);
            } catch (IOException e) {
                LOG.warn("sealing audit spool segments: {}", e.toString());
            }
        }
        Map<Path, List<Append>> byFile = new HashMap<>();
        for (Entry entry : batch) {
            if (entry instanceof Append append) {
                byFile.computeIfAbsent(directory.resolve(append.partition()).resolve(current + ".open"), file -> new ArrayList<>()).add(append);
            }
        }
        for (Map.Entry<Path, List<Append>> file : byFile.entrySet()) {
            write(file.getKey(), file.getValue());
        }
        batch.stream().filter(entry -> entry instanceof Roll).forEach(entry -> done(entry).complete(null));
    }

    private void write(Path file, List<Append> appends) {
        try {
            FileChannel channel = channel(file);
            for (Append append : appends) {
                ByteBuffer buffer = ByteBuffer.wrap(append.line());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(false);
            syncs.incrementAndGet();
            lines.addAndGet(appends.size());
            appends.forEach(append -> append.done().complete(null));
        } catch (IOException | RuntimeException e) {
            closeQuietly(open.remove(file));
            appends.forEach(append -> append.done().completeExceptionally(e));
        }
    }

    private FileChannel channel(Path file) throws IOException {
        FileChannel channel = open.get(file);
        if (channel == null) {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            // Not APPEND (it cannot be combined with READ): only this thread writes, at the end.
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
            if (created) {
                syncDirectory(file.getParent());
            } else {
                endTornLine(channel);
            }
            open.put(file, channel);
        }
        return channel;
    }

    /**
     * A file left by a run that was killed mid-write may end in part of a line: end it, so that
     * the next record starts a line of its own (delivery skips the torn part; its request was never
     * answered, because a request is answered only after its whole line is synced).
     */
    private static void endTornLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            channel.position(size).write(ByteBuffer.wrap(new byte[]{'\n'}));
        }
    }

    /** Closes and renames to {@code .log} every {@code .open} file (open here or left by an earlier run) before {@code current}. */
    private void sealBefore(long current) throws IOException {
        for (Iterator<Map.Entry<Path, FileChannel>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, FileChannel> entry = it.next();
            if (start(entry.getKey()).toEpochMilli() < current) {
                entry.getValue().force(false);
                closeQuietly(entry.getValue());
                it.remove();
            }
        }
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> partitions = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path partition : partitions) {
                boolean renamed = false;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, "*.open")) {
                    for (Path file : files) {
                        if (start(file).toEpochMilli() < current) {
                            String name = file.getFileName().toString();
                            Files.move(file, file.resolveSibling(name.substring(0, name.length() - ".open".length()) + ".log"),
                                    StandardCopyOption.ATOMIC_MOVE);
                            renamed = true;
                        }
                    }
                }
                if (renamed) {
                    syncDirectory(partition);
                } else {
                    removeIfEmpty(partition);
                }
            }
        }
    }

    /**
     * Removes a partition whose files delivery has taken, so that partitions named by requests
     * (instance ids, even made-up ones in refused requests) do not pile up. Only this thread
     * creates files, so none can appear in it meanwhile.
     */
    private void removeIfEmpty(Path partition) throws IOException {
        if (open.keySet().stream().anyMatch(file -> file.getParent().equals(partition))) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(partition)) {
            if (entries.iterator().hasNext()) {
                return;
            }
        }
        try {
            Files.delete(partition);
        } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
            LOG.debug("audit spool partition {} not removed: {}", partition, e.toString());
        }
    }

    private long intervalStart(long millis) {
        return Math.floorDiv(millis, intervalMillis) * intervalMillis;
    }

    private static Instant start(Path file) {
        String name = file.getFileName().toString();
        return Instant.ofEpochMilli(Long.parseLong(name.substring(0, name.indexOf('.'))));
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing an audit spool file: {}", e.toString());
            }
        }
    }

    private void closeAll() {
        open.values().forEach(AuditSpool::closeQuietly);
        open.clear();
    }

    /** Writes what is queued, then stops the writer. Appends after this are refused. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
