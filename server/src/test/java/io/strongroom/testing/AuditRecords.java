package io.strongroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The audit records a test server has made durable, read back in their JSON form from its data
 * directory: an instance's spool partition ({@code audit-spool/<InstanceId>/}) or the operator
 * audit log ({@code audit-operator/}). Only for servers whose interval does not end during the test
 * (delivery removes sealed spool segments).
 */
public final class AuditRecords {
    private AuditRecords() {
    }

    /** The records spooled for {@code instanceId}, not delivered yet. */
    public static List<JsonNode> spooled(Path home, String instanceId) {
        return read(home.resolve("audit-spool").resolve(instanceId));
    }

    /** The records of the operator audit log: requests that belong to no instance. */
    public static List<JsonNode> operatorLog(Path home) {
        return read(home.resolve("audit-operator"));
    }

    /** The one record that {@code matches}; fails naming what there is when there is none or several. */
    public static JsonNode only(List<JsonNode> records, Predicate<JsonNode> matches) {
        List<JsonNode> found = records.stream().filter(matches).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " matching records among:\n"
                    + String.join("\n", records.stream().map(JsonNode::toString).toList()));
        }
        return found.getFirst();
    }

    /** Whether a record has {@code field} with {@code value}. */
    public static Predicate<JsonNode> has(String field, String value) {
        return record -> record.hasNonNull(field) && record.get(field).asText().equals(value);
    }

    private static List<JsonNode> read(Path directory) {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        records.add(ApiJson.mapper().readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
