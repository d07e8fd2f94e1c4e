package io.strongroom.audit;

import java.io.IOException;

/**
 * A destination of delivered audit objects. {@link #put} stores an object whole or not at all,
 * and storing the same name again replaces it: delivery is at least once, and names depend only
 * on instance, node and interval, so a repeat is harmless. Failures are {@link IOException}s
 * whose message says why; delivery keeps the segment and tries again later. {@link #list} and
 * {@link #get} read what was delivered, for {@code audit verify}.
 */
public interface AuditBucket {
    String name();

    /** The prefix every object name starts with (may be empty). */
    String prefix();

    /** Throws (saying why) unless the bucket can take objects now. */
    void checkWritable() throws IOException;

    /** Stores {@code content} under {@code objectName} (a relative path of {@code /}-separated parts). */
    void put(String objectName, byte[] content) throws IOException;

    /** The names of the objects whose names start with {@code namePrefix}, in name order. */
    java.util.List<String> list(String namePrefix) throws IOException;

    /** The content of an object, or empty when there is none of that name. */
    java.util.Optional<byte[]> get(String objectName) throws IOException;
}
