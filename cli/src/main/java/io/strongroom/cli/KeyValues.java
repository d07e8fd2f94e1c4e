package io.strongroom.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Text for one object: {@code Key: value} lines with the values aligned; a missing value shows as {@code -}. */
final class KeyValues {
    private final List<String[]> lines = new ArrayList<>();

    KeyValues add(String key, Object value) {
        lines.add(new String[] {key, value == null || value.toString().isEmpty() ? "-" : value.toString()});
        return this;
    }

    /** Adds the line only when the value is present. */
    KeyValues addIfPresent(String key, Object value) {
        return value == null ? this : add(key, value);
    }

    void print(PrintStream out) {
        int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0);
        for (String[] line : lines) {
            out.println(line[0] + ":" + " ".repeat(width - line[0].length() + 1) + line[1]);
        }
    }
}
