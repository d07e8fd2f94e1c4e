package io.strongroom.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import static java.util.Objects.requireNonNull;

/**
 * The layout of {@code $STRONGROOM_HOME}. Secret files are created with mode 0600 before any
 * byte is written, and replaced atomically, so a crash never leaves half a secret.
 */
public record DataDirectory(Path root) {
    public DataDirectory {
        requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public Path configFile() {
        return root.resolve("strongroom.yaml");
    }

    public Path adminCredentialFile() {
        return root.resolve("admin").resolve("credential.json");
    }

    public Path managementCaCertificate() {
        return root.resolve("tls").resolve("management-ca.pem");
    }

    public Path managementTlsCertificate() {
        return root.resolve("tls").resolve("management.pem");
    }

    /** The management API's TLS private key, PKCS#8 in base64, mode 0600. */
    public Path managementTlsKey() {
        return root.resolve("tls").resolve("management-key.pk8");
    }

    public Path serverStatusFile() {
        return root.resolve("run").resolve("server.json");
    }

    /** The durable spool of audit records not delivered yet. */
    public Path auditSpoolDirectory() {
        return root.resolve("audit-spool");
    }

    /** Where this node's audit digest chains stand, one file per instance. */
    public Path auditDigestDirectory() {
        return root.resolve("audit-digests");
    }

    public Path sqliteDatabase() {
        return root.resolve("store").resolve("strongroom.db");
    }

    public Path defaultSealingKeyFile() {
        return root.resolve("secrets").resolve("node-sealing.key");
    }

    public Path demoCredentialFile() {
        return root.resolve("demo").resolve("hsm-credential");
    }

    public Path softHsmDirectory() {
        return root.resolve("softhsm");
    }

    public Path insecureHsmDirectory() {
        return root.resolve("insecure-software-hsm");
    }

    /** This node's operator audit log: the records of requests that belong to no instance. */
    public Path operatorAuditDirectory() {
        return root.resolve("audit-operator");
    }

    /** Writes a file readable by its owner alone (0600), atomically. */
    public static void writeSecret(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a non-secret file atomically. */
    public static void writePublic(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
