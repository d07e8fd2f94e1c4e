package io.strongroom.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Text for a list: a header and rows in columns aligned by padding; a missing value shows as {@code -}. */
final class Table {
    private static final String GAP = "  ";
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    Table row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("a row of " + values.length + " values in a table of " + columns + " columns");
        }
        String[] cells = new String[columns];
        for (int i = 0; i < columns; i++) {
            cells[i] = values[i] == null || values[i].toString().isEmpty() ? "-" : values[i].toString();
        }
        rows.add(cells);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
