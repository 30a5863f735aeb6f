package io.tstore.core.options;

import java.util.Locale;

/** The columnar format of a table's data files. */
public enum FileFormatType {
    ORC,
    PARQUET;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
