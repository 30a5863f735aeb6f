package io.tstore.benchmarks.table;

import io.tstore.core.options.FileFormatType;

/** Parsing of the table benchmarks' command-line arguments, with errors that end in the benchmark's usage. */
public final class BenchmarkArgs {
    private BenchmarkArgs() {}

    /** A positive whole number; {@code _} and {@code ,} may group digits. */
    public static int positive(String value, String name, String usage) {
        try {
            int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(String.format("%s must be a positive whole number, got '%s'. %s", name, value, usage));
    }

    /** {@code orc} or {@code parquet}, in any case. */
    public static FileFormatType format(String value, String usage) {
        for (FileFormatType type : FileFormatType.values()) {
            if (type.toString().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException(String.format("Unknown format '%s': use orc or parquet. %s", value, usage));
    }
}
