package io.tstore.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a finished result (column names and rows of values as text, null for NULL) in the shell's formats, for
 * engines whose results come whole: {@code tsv} (a header line, then tab-separated rows; NULL as {@code NULL}; a
 * tab, line break, carriage return or backslash inside a value as {@code \t}, {@code \n}, {@code \r},
 * {@code \\}) or {@code table} (an aligned table with a border, {@code <NULL>} for NULL, and a row-count footer).
 */
public final class RowPrinter {
    private RowPrinter() {}

    public static void print(List<String> columns, List<String[]> rows, ShellOptions.Format format, PrintWriter out) {
        if (format == ShellOptions.Format.TSV) {
            out.println(String.join("\t", columns.stream().map(RowPrinter::escape).toList()));
            for (String[] row : rows) {
                List<String> fields = new ArrayList<>();
                for (String value : row) {
                    fields.add(value == null ? "NULL" : escape(value));
                }
                out.println(String.join("\t", fields));
            }
        } else {
            int[] widths = new int[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = columns.get(i).length();
                for (String[] row : rows) {
                    widths[i] = Math.max(widths[i], display(row[i]).length());
                }
            }
            String border = border(widths);
            out.println(border);
            out.println(line(columns.toArray(new String[0]), widths));
            out.println(border);
            for (String[] row : rows) {
                String[] shown = new String[row.length];
                for (int i = 0; i < row.length; i++) {
                    shown[i] = display(row[i]);
                }
                out.println(line(shown, widths));
            }
            if (!rows.isEmpty()) {
                out.println(border);
            }
            out.println(rows.size() + (rows.size() == 1 ? " row in set" : " rows in set"));
        }
        out.flush();
    }

    /** A value with tabs, line breaks and backslashes escaped, as TSV writes it. */
    public static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\\' -> escaped.append("\\\\");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String display(String value) {
        return value == null ? "<NULL>" : value;
    }

    private static String border(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width + 2)).append('+');
        }
        return line.toString();
    }

    private static String line(String[] values, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ').append(values[i]).append(" ".repeat(widths[i] - values[i].length())).append(" |");
        }
        return line.toString();
    }
}
