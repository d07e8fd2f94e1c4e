package io.strongroom.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A bucket that is a local directory (the embedded default). An object is written to a
 * temporary file, fsynced, then renamed onto its name: a reader sees a whole object or none,
 * and writing the same name again replaces it whole (delivery is idempotent by name).
 */
public final class LocalDirectoryBucket implements AuditBucket {
    private final String name;
    private final Path directory;
    private final String prefix;

    public LocalDirectoryBucket(String name, Path directory, String prefix) {
        this.name = requireNonNull(name, "name");
        this.directory = requireNonNull(directory, "directory");
        this.prefix = requireNonNull(prefix, "prefix");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void checkWritable() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("the directory " + directory + " does not exist");
        }
        Path probe = Files.createTempFile(directory, ".probe-", ".tmp");
        Files.delete(probe);
    }

    @Override
    public void put(String objectName, byte[] content) throws IOException {
        Path target = inside(objectName);
        checkWritable();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public List<String> list(String namePrefix) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("the directory " + directory + " does not exist");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .map(file -> directory.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(objectName -> objectName.startsWith(namePrefix))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public Optional<byte[]> get(String objectName) throws IOException {
        Path file = inside(objectName);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path inside(String objectName) {
        Path target = directory.resolve(objectName).normalize();
        if (!target.startsWith(directory.normalize())) {
            throw new IllegalArgumentException("object name leaves the bucket: " + objectName);
        }
        return target;
    }

    @Override
    public String toString() {
        return "bucket " + name + " (directory " + directory + ")";
    }

}
