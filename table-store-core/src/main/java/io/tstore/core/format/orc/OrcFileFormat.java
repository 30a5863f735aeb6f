package io.tstore.core.format.orc;

import io.tstore.core.format.FileCompression;
import io.tstore.core.format.ColumnarFileFormat;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FileFormatFactory;
import io.tstore.core.options.FileFormatType;
import org.apache.orc.CompressionKind;

/** ORC data files (the factory of their {@link FileFormat}): {@link OrcTypes} maps the types, {@link OrcWriterFactory} and {@link OrcReaderFactory} do the work. */
public final class OrcFileFormat implements FileFormatFactory {

    @Override
    public FileFormatType type() {
        return FileFormatType.ORC;
    }

    /** The format with this compression: the codec goes to the writer; readers learn it from each file. */
    @Override
    public FileFormat create(FileCompression compression) {
        return new ColumnarFileFormat(FileFormatType.ORC, compression, new OrcWriterFactory(toCompressionKind(compression)), new OrcReaderFactory());
    }

    static CompressionKind toCompressionKind(FileCompression compression) {
        switch (compression) {
            case ZSTD:
                return CompressionKind.ZSTD;
            case LZ4:
                return CompressionKind.LZ4;
            case SNAPPY:
                return CompressionKind.SNAPPY;
            case ZLIB:
                return CompressionKind.ZLIB;
            case NONE:
                return CompressionKind.NONE;
            default:
                throw new IllegalArgumentException("No ORC compression for " + compression);
        }
    }
}
