package io.tstore.core.io;

import io.tstore.core.format.FileFormat;
import io.tstore.core.options.FileFormatType;

/**
 * The format of an existing data file. A file keeps the format it was written in, which its name's extension
 * tells, even after the table's {@code file.format} changed.
 */
public final class DataFileFormats {
    private DataFileFormats() {}

    public static FileFormat forFile(String fileName, FileFormat tableFormat) {
        FileFormatType type = fileName.endsWith(".parquet") ? FileFormatType.PARQUET : FileFormatType.ORC;
        // Compression matters only for writing; readers learn it from the file.
        return type == tableFormat.type() ? tableFormat : FileFormat.of(type, "none");
    }
}
