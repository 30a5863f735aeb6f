package io.tstore.core.format.orc;

import io.tstore.core.format.FormatWriter;
import io.tstore.core.format.FormatWriterFactory;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.types.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * Creates {@link OrcFormatWriter}s. Files are written with timestamps in UTC (no writer time zone enters the
 * values), the proleptic Gregorian calendar (as {@link java.time.LocalDate}), and no block padding (which only
 * helps HDFS and wastes space on object stores); stripe size and the rest are ORC's defaults.
 */
final class OrcWriterFactory implements FormatWriterFactory {
    /** The rows per {@link org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch}. */
    static final int BATCH_SIZE = 1024;

    private final CompressionKind compression;

    OrcWriterFactory(CompressionKind compression) {
        this.compression = requireNonNull(compression, "compression is null");
    }

    @Override
    public FormatWriter create(PositionOutputStream out, RowType rowType) throws IOException {
        requireNonNull(out, "out is null");
        requireNonNull(rowType, "rowType is null");
        // A Configuration without default resources: the ORC settings come from ORC's defaults and from here only.
        OrcFile.WriterOptions options = OrcFile.writerOptions(new Configuration(false))
                .compress(compression)
                .useUTCTimestamp(true)
                .setProlepticGregorian(true)
                .blockPadding(false);
        return new OrcFormatWriter(out, rowType, options, BATCH_SIZE);
    }
}
