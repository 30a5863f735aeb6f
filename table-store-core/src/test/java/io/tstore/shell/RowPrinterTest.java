package io.tstore.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class RowPrinterTest {

    @Test
    void printsTsvWithNullsAndEscapes() {
        assertThat(print(ShellOptions.Format.TSV)).isEqualTo("id\tname\n1\ta\\tb\n2\tNULL\n");
    }

    @Test
    void printsAnAlignedTable() {
        assertThat(print(ShellOptions.Format.TABLE)).isEqualTo(String.join("\n",
                "+----+--------+", "| id | name   |", "+----+--------+", "| 1  | a\tb    |", "| 2  | <NULL> |",
                "+----+--------+", "2 rows in set", ""));
    }

    private static String print(ShellOptions.Format format) {
        StringWriter text = new StringWriter();
        RowPrinter.print(List.of("id", "name"), List.of(new String[] {"1", "a\tb"}, new String[] {"2", null}), format,
                new PrintWriter(text));
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
