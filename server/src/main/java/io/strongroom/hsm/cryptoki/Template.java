package io.strongroom.hsm.cryptoki;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** A CK_ATTRIBUTE array ({type, pValue, ulValueLen}, 24 bytes each) built in an arena. */
final class Template {
    static final long ATTRIBUTE_SIZE = 24;
    private final Arena arena;
    private final List<long[]> types = new ArrayList<>();
    private final List<MemorySegment> values = new ArrayList<>();

    Template(Arena arena) {
        this.arena = arena;
    }

    Template bool(long type, boolean value) {
        MemorySegment segment = arena.allocate(1);
        segment.set(JAVA_BYTE, 0, (byte) (value ? 1 : 0));
        return add(type, segment);
    }

    Template ulong(long type, long value) {
        MemorySegment segment = arena.allocate(JAVA_LONG);
        segment.set(JAVA_LONG, 0, value);
        return add(type, segment);
    }

    Template bytes(long type, byte[] value) {
        MemorySegment segment = arena.allocate(Math.max(1, value.length));
        MemorySegment.copy(value, 0, segment, JAVA_BYTE, 0, value.length);
        types.add(new long[]{type, value.length});
        values.add(segment);
        return this;
    }

    Template text(long type, String value) {
        return bytes(type, value.getBytes(StandardCharsets.UTF_8));
    }

    private Template add(long type, MemorySegment value) {
        types.add(new long[]{type, value.byteSize()});
        values.add(value);
        return this;
    }

    long count() {
        return types.size();
    }

    MemorySegment segment() {
        MemorySegment array = arena.allocate(ATTRIBUTE_SIZE * Math.max(1, types.size()), 8);
        for (int i = 0; i < types.size(); i++) {
            long offset = i * ATTRIBUTE_SIZE;
            array.set(JAVA_LONG, offset, types.get(i)[0]);
            array.set(ADDRESS, offset + 8, values.get(i));
            array.set(JAVA_LONG, offset + 16, types.get(i)[1]);
        }
        return array;
    }

    /** A one-attribute template with room for {@code length} bytes, for C_GetAttributeValue. */
    static MemorySegment query(Arena arena, long type, long length) {
        MemorySegment array = arena.allocate(ATTRIBUTE_SIZE, 8);
        array.set(JAVA_LONG, 0, type);
        array.set(ADDRESS, 8, length == 0 ? MemorySegment.NULL : arena.allocate(length));
        array.set(JAVA_LONG, 16, length);
        return array;
    }

    /** The value bytes a C_GetAttributeValue call filled into a {@link #query} template. */
    static byte[] valueOf(MemorySegment query) {
        long length = query.get(JAVA_LONG, 16);
        MemorySegment value = query.get(ADDRESS, 8).reinterpret(length);
        return value.toArray(JAVA_BYTE);
    }
}
