package io.tstore.core.format;

import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.FileFormatType;
import io.tstore.options.Options;

import static java.util.Objects.requireNonNull;

/**
 * A columnar format of data files with its compression: the writers and readers of the files of a table.
 *
 * <p>Formats work over any {@link io.tstore.core.fs.FileIO}, not only over local or Hadoop paths. Every format
 * records each column's field id in the file, maps every logical type, and computes exact statistics while
 * writing ({@link FieldStatsCollector}).
 */
public interface FileFormat {

    /**
     * The format of this type with this compression ({@link FileCompression#parse} names the values), made by the
     * {@link FileFormatFactory} registered for the type.
     */
    static FileFormat of(FileFormatType type, String compression) {
        requireNonNull(type, "type is null");
        return FileFormatFactory.forType(type).create(FileCompression.parse(compression));
    }

    /** The format that a table's options {@code file.format} and {@code file.compression} choose. */
    static FileFormat fromOptions(Options options) {
        requireNonNull(options, "options is null");
        return of(options.get(CoreOptions.FILE_FORMAT), options.get(CoreOptions.FILE_COMPRESSION));
    }

    FileFormatType type();

    FileCompression compression();

    /** The extension of data file names, without the dot: {@code orc}, {@code parquet}. */
    default String fileExtension() {
        return type().toString();
    }

    FormatWriterFactory writerFactory();

    FormatReaderFactory readerFactory();
}
