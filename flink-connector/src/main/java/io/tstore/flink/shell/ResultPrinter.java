package io.tstore.flink.shell;

import io.tstore.shell.ShellOptions;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.utils.print.PrintStyle;
import org.apache.flink.table.utils.print.RowDataToStringConverter;
import org.apache.flink.table.utils.print.TableauStyle;
import org.apache.flink.util.CloseableIterator;

/**
 * Prints results as an aligned table (Flink's tableau style) or as tab-separated values.
 *
 * <p>TSV: a header line of column names, then one line per row; fields are separated by tabs, NULL
 * is {@code NULL}, and a tab, line break or backslash inside a value is written {@code \t}, {@code
 * \n}, {@code \r} or {@code \\}. A streaming query adds a first column {@code op} holding the row
 * kind ({@code +I}, {@code -U}, {@code +U}, {@code -D}).
 */
final class ResultPrinter {

    /** Why a query stopped before its end, or null when it ran to its end. */
    enum Stop { MAX_ROWS, STOPPED }

    private final ShellOptions.Format format;
    private final PrintWriter out;

    ResultPrinter(ShellOptions.Format format, PrintWriter out) {
        this.format = requireNonNull(format, "format is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Prints the rows of a finished result ({@code SHOW}, {@code DESCRIBE}, ...). */
    void printContent(TableResultInternal result, boolean raw) {
        try (CloseableIterator<RowData> rows = result.collectInternal()) {
            RowDataToStringConverter converter = result.getRowDataToStringConverter();
            if (raw && format == ShellOptions.Format.TABLE) {
                // EXPLAIN and SHOW CREATE return one long text: print it as it is.
                while (rows.hasNext()) {
                    for (String field : converter.convert(rows.next())) {
                        out.println(field);
                    }
                }
                out.flush();
                return;
            }
            printQuery(result, rows, false, Long.MAX_VALUE, () -> false);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Prints the rows of a running query until it ends, {@code maxRows} rows are printed, or {@code
     * stopped} turns true (then a failure of the iterator counts as the end of the query).
     *
     * @return how the query stopped; the number of rows is printed in the table footer
     */
    Stop printQuery(TableResultInternal result, CloseableIterator<RowData> rows, boolean streaming,
            long maxRows, BooleanSupplier stopped) {
        RowDataToStringConverter converter = result.getRowDataToStringConverter();
        List<String> names = new ArrayList<>();
        if (streaming) {
            names.add("op");
        }
        result.getResolvedSchema().getColumns().stream().map(Column::getName).forEach(names::add);

        if (format == ShellOptions.Format.TSV) {
            out.println(String.join("\t", names));
            out.flush();
            long count = 0;
            while (count < maxRows && hasNext(rows, stopped)) {
                RowData row = rows.next();
                out.println(tsvLine(row, converter.convert(row), streaming));
                out.flush();
                count++;
            }
            return stop(count >= maxRows && (streaming || hasNext(rows, stopped)), stopped);
        }

        if (!streaming) {
            // A bounded result: collect it, then size the columns to the data, as Flink's tableau does.
            List<RowData> collected = new ArrayList<>();
            while (collected.size() < maxRows && hasNext(rows, stopped)) {
                collected.add(rows.next());
            }
            TableauStyle style = PrintStyle.tableauWithDataInferredColumnWidths(
                    result.getResolvedSchema(), converter, PrintStyle.DEFAULT_MAX_COLUMN_WIDTH, false, false);
            style.print(collected.iterator(), out);
            out.flush();
            return stop(collected.size() >= maxRows && hasNext(rows, stopped), stopped);
        }

        // A changelog: column widths come from the types, rows are printed as they arrive.
        TableauStyle style = PrintStyle.tableauWithTypeInferredColumnWidths(
                result.getResolvedSchema(), converter, PrintStyle.DEFAULT_MAX_COLUMN_WIDTH, false, true);
        style.printBorderLine(out);
        style.printColumnNamesTableauRow(out);
        style.printBorderLine(out);
        out.flush();
        long count = 0;
        while (count < maxRows && hasNext(rows, stopped)) {
            style.printTableauRow(style.rowFieldsToString(rows.next()), out);
            out.flush();
            count++;
        }
        style.printBorderLine(out);
        out.println("Received a total of " + count + (count == 1 ? " row" : " rows"));
        out.flush();
        return stop(count >= maxRows, stopped);
    }

    /**
     * How a query stopped: at the row limit when {@code cut} (a bounded result is asked for one more row, so
     * that a result of exactly the limit does not count as cut), else by a stop signal, else at its end.
     */
    private static Stop stop(boolean cut, BooleanSupplier stopped) {
        return cut ? Stop.MAX_ROWS : stopped.getAsBoolean() ? Stop.STOPPED : null;
    }

    /** Whether there is a next row; once the query was stopped, a failure means there is none. */
    private static boolean hasNext(CloseableIterator<RowData> rows, BooleanSupplier stopped) {
        if (stopped.getAsBoolean()) {
            return false;
        }
        try {
            return rows.hasNext();
        } catch (RuntimeException e) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            throw e;
        }
    }

    private static String tsvLine(RowData row, String[] fields, boolean streaming) {
        StringBuilder line = new StringBuilder();
        if (streaming) {
            line.append(row.getRowKind().shortString()).append('\t');
        }
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            if (row.isNullAt(i)) {
                line.append("NULL");
            } else {
                escape(fields[i], line);
            }
        }
        return line.toString();
    }

    private static void escape(String value, StringBuilder line) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\\' -> line.append("\\\\");
                default -> line.append(c);
            }
        }
    }
}
