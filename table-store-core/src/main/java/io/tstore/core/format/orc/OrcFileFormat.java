package io.tstore.core.format.orc;

import io.tstore.core.format.FileCompression;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FormatReaderFactory;
import io.tstore.core.format.FormatWriterFactory;
import io.tstore.core.options.FileFormatType;
import org.apache.orc.CompressionKind;

import static java.util.Objects.requireNonNull;

/** ORC data files: {@link OrcTypes} maps the types, {@link OrcWriterFactory} and {@link OrcReaderFactory} do the work. */
public final class OrcFileFormat implements FileFormat {
    private final FileCompression compression;
    private final OrcWriterFactory writerFactory;
    private final OrcReaderFactory readerFactory;

    public OrcFileFormat(FileCompression compression) {
        this.compression = requireNonNull(compression, "compression is null");
        this.writerFactory = new OrcWriterFactory(toCompressionKind(compression));
        this.readerFactory = new OrcReaderFactory();
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

    @Override
    public FileFormatType type() {
        return FileFormatType.ORC;
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
        return "orc/" + compression;
    }
}
