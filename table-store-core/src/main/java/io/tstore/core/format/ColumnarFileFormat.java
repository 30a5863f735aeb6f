package io.tstore.core.format;

import io.tstore.core.options.FileFormatType;

import static java.util.Objects.requireNonNull;

/** A {@link FileFormat} made of its writer and reader factories; each format module supplies those. */
public record ColumnarFileFormat(
        FileFormatType type, FileCompression compression, FormatWriterFactory writerFactory, FormatReaderFactory readerFactory)
        implements FileFormat {

    public ColumnarFileFormat {
        requireNonNull(type, "type is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(writerFactory, "writerFactory is null");
        requireNonNull(readerFactory, "readerFactory is null");
    }

    @Override
    public String toString() {
        return type + "/" + compression;
    }
}
