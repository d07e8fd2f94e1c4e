package io.strongroom.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where this node's digest chain of each instance stands, kept in {@code <data>/audit-digests/<InstanceId>.json}
 * (written whole, fsynced, renamed): the last digest delivered, and the log objects delivered since,
 * which the next digest names. Log objects are added before their spool segment is removed, and the
 * chain moves on only after the digest is stored, so a crash at any point repeats work (same names,
 * same content) but never leaves a delivered object out of the chain.
 */
final class DigestChain {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** The stored state; {@code pendingIntervalStart} is the interval of the newest pending object. */
    record State(AuditDigest.Entry previous, List<AuditDigest.Entry> pending, Instant pendingIntervalStart) {
        State {
            pending = List.copyOf(pending);
        }
    }

    private final Path directory;

    DigestChain(Path directory) {
        this.directory = requireNonNull(directory, "directory");
    }

    State state(String instanceId) {
        try {
            return JSON.readValue(Files.readAllBytes(file(instanceId)), State.class);
        } catch (NoSuchFileException e) {
            return new State(null, List.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit digest chain " + file(instanceId), e);
        }
    }

    /** Adds delivered objects (replacing any of the same name: a repeated delivery) to what the next digest names. */
    void addPending(String instanceId, Instant intervalStart, List<AuditDigest.Entry> objects) throws IOException {
        State state = state(instanceId);
        List<AuditDigest.Entry> pending = new ArrayList<>(state.pending());
        for (AuditDigest.Entry object : objects) {
            pending.removeIf(entry -> entry.name().equals(object.name()));
            pending.add(object);
        }
        Instant newest = state.pendingIntervalStart() == null || intervalStart.isAfter(state.pendingIntervalStart())
                ? intervalStart : state.pendingIntervalStart();
        write(instanceId, new State(state.previous(), pending, newest));
    }

    /** After {@code digest} is stored: it is the previous digest, and nothing is pending. */
    void advance(String instanceId, AuditDigest.Entry digest) throws IOException {
        write(instanceId, new State(digest, List.of(), null));
    }

    /** The instances with objects waiting for a digest. */
    List<String> withPending() {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .filter(instanceId -> !state(instanceId).pending().isEmpty())
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<AuditDigest.Entry> previous(String instanceId) {
        return Optional.ofNullable(state(instanceId).previous());
    }

    private void write(String instanceId, State state) throws IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".chain-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(state)));
                channel.force(true);
            }
            Files.move(temporary, file(instanceId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Path file(String instanceId) {
        return directory.resolve(instanceId + ".json");
    }
}
