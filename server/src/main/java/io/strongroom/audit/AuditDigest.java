package io.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A digest object, a public contract (the README shows it): text lines that name each log object
 * delivered since the previous digest with its SHA-256 and size, link to the previous digest of the
 * same instance and node by its name, SHA-256 and size, and end with an ECDSA P-256 signature by
 * the instance's audit signing key over every byte before the {@code signature} line:
 * <pre>
 * strongroom-audit-digest 1
 * instance kst-...
 * node node-1
 * interval 2026-11-29T04:00:00Z PT1H
 * previous &lt;name&gt; &lt;sha256-hex&gt; &lt;size&gt;      (or "previous - - 0" for the first digest)
 * object &lt;name&gt; &lt;sha256-hex&gt; &lt;size&gt;        (one line per log object)
 * key &lt;sha256-hex of the public key's SubjectPublicKeyInfo&gt;
 * signature ECDSA_SHA_256 &lt;base64 DER signature&gt;
 * </pre>
 * The interval is that of the newest log object named.
 */
public record AuditDigest(String instanceId, String node, Instant intervalStart, Duration interval, Optional<Entry> previous,
                          List<Entry> objects, String keyFingerprint, byte[] signature) {
    static final String MAGIC = "strongroom-audit-digest 1";
    private static final String SIGNATURE_PREFIX = "signature ECDSA_SHA_256 ";

    /** An object a digest names: its name, the SHA-256 of its bytes (lower-case hex) and its size. */
    public record Entry(String name, String sha256, long size) {
        public static Entry of(String name, byte[] content) {
            return new Entry(name, sha256Hex(content), content.length);
        }

        private String line(String label) {
            return label + " " + name + " " + sha256 + " " + size + "\n";
        }
    }

    public AuditDigest {
        objects = List.copyOf(objects);
        signature = signature.clone();
    }

    /** This digest with {@code newSignature} over its {@link #signedPart}. */
    public AuditDigest signed(byte[] newSignature) {
        return new AuditDigest(instanceId, node, intervalStart, interval, previous, objects, keyFingerprint, newSignature);
    }

    /** The bytes the signature covers. */
    public byte[] signedPart() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n')
                .append("instance ").append(instanceId).append('\n')
                .append("node ").append(node).append('\n')
                .append("interval ").append(intervalStart).append(' ').append(interval).append('\n')
                .append(previous.map(entry -> entry.line("previous")).orElse("previous - - 0\n"));
        objects.forEach(entry -> text.append(entry.line("object")));
        text.append("key ").append(keyFingerprint).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The whole object. */
    public byte[] bytes() {
        return (new String(signedPart(), StandardCharsets.UTF_8) + SIGNATURE_PREFIX + Base64.getEncoder().encodeToString(signature)
                + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Reads a digest object; throws {@link IllegalArgumentException} saying what is wrong with a malformed one. */
    public static AuditDigest parse(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 8 || !lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a version 1 digest object");
        }
        try {
            String instance = value(lines[1], "instance");
            String node = value(lines[2], "node");
            String[] interval = value(lines[3], "interval").split(" ");
            if (interval.length != 2) {
                throw new IllegalArgumentException("malformed interval line");
            }
            Entry previousEntry = entry(lines[4], "previous");
            List<Entry> objects = new ArrayList<>();
            int line = 5;
            while (line < lines.length - 3 && lines[line].startsWith("object ")) {
                objects.add(entry(lines[line++], "object"));
            }
            String key = value(lines[line++], "key");
            if (!lines[line].startsWith(SIGNATURE_PREFIX) || line != lines.length - 2) {
                throw new IllegalArgumentException("the signature line is missing or not last");
            }
            byte[] signature = Base64.getDecoder().decode(lines[line].substring(SIGNATURE_PREFIX.length()));
            return new AuditDigest(instance, node, Instant.parse(interval[0]), Duration.parse(interval[1]),
                    previousEntry.name().equals("-") ? Optional.empty() : Optional.of(previousEntry), objects, key, signature);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed digest object: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String label) {
        if (!line.startsWith(label + " ")) {
            throw new IllegalArgumentException("expected a '" + label + "' line, found '" + line + "'");
        }
        return line.substring(label.length() + 1);
    }

    private static Entry entry(String line, String label) {
        String[] parts = value(line, label).split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed '" + label + "' line: '" + line + "'");
        }
        return new Entry(parts[0], parts[1], Long.parseLong(parts[2]));
    }

    public static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
