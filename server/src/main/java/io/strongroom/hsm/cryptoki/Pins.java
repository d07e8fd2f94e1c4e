package io.strongroom.hsm.cryptoki;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** PINs into native memory as UTF-8; the Java-side copies are zeroed at once, the native one by {@link #wipe}. */
final class Pins {
    private Pins() {
    }

    static MemorySegment of(Arena arena, char[] pin) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        Arrays.fill(bytes, (byte) 0);
        return segment.asSlice(0, bytes.length);
    }

    static void wipe(MemorySegment pin) {
        pin.fill((byte) 0);
    }
}
