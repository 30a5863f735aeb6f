package io.tstore.core.format.parquet;

import io.tstore.core.format.FileCompression;
import io.tstore.core.format.ColumnarFileFormat;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FileFormatFactory;
import io.tstore.core.options.FileFormatType;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet data files: {@link ParquetTypes} maps the types, {@link ParquetWriterFactory} and
 * {@link ParquetReaderFactory} do the work.
 */
public final class ParquetFileFormat implements FileFormatFactory {

    @Override
    public FileFormatType type() {
        return FileFormatType.PARQUET;
    }

    /** The format with this compression: the codec goes to the writer; readers learn it from each file. */
    @Override
    public FileFormat create(FileCompression compression) {
        return new ColumnarFileFormat(FileFormatType.PARQUET, compression, new ParquetWriterFactory(toCodec(compression)), new ParquetReaderFactory());
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
}
