package io.tstore.core.format.parquet;

import io.tstore.core.format.FileCompression;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FormatReaderFactory;
import io.tstore.core.format.FormatWriterFactory;
import io.tstore.core.options.FileFormatType;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import static java.util.Objects.requireNonNull;

/**
 * Parquet data files: {@link ParquetTypes} maps the types, {@link ParquetWriterFactory} and
 * {@link ParquetReaderFactory} do the work.
 */
public final class ParquetFileFormat implements FileFormat {
    private final FileCompression compression;
    private final ParquetWriterFactory writerFactory;
    private final ParquetReaderFactory readerFactory;

    public ParquetFileFormat(FileCompression compression) {
        this.compression = requireNonNull(compression, "compression is null");
        this.writerFactory = new ParquetWriterFactory(toCodec(compression));
        this.readerFactory = new ParquetReaderFactory();
    }

    /** Parquet's codec for a compression: {@code lz4} is LZ4_RAW, the block format (Parquet's LZ4 is deprecated). */
    static CompressionCodecName toCodec(FileCompression compression) {
        switch (compression) {
            case ZSTD:
                return CompressionCodecName.ZSTD;
            case LZ4:
                return CompressionCodecName.LZ4_RAW;
            case SNAPPY:
                return CompressionCodecName.SNAPPY;
            case ZLIB:
                return CompressionCodecName.GZIP;
            case NONE:
                return CompressionCodecName.UNCOMPRESSED;
            default:
                throw new IllegalArgumentException("No Parquet codec for " + compression);
        }
    }

    @Override
    public FileFormatType type() {
        return FileFormatType.PARQUET;
    }

    @Override
    public FileCompression compression() {
        return compression;
    }

    @Override
    public FormatWriterFactory writerFactory() {
        return writerFactory;
    }

    @Override
    public FormatReaderFactory readerFactory() {
        return readerFactory;
    }

    @Override
    public String toString() {
        return "parquet/" + compression;
    }
}
