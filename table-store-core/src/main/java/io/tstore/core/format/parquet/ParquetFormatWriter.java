package io.tstore.core.format.parquet;

import io.tstore.core.data.InternalRow;
import io.tstore.core.format.FieldStatsCollector;
import io.tstore.core.format.FileStats;
import io.tstore.core.format.FormatWriter;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.types.RowType;
import org.apache.parquet.hadoop.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Writes rows into a Parquet file on a {@link PositionOutputStream} through {@link ParquetRowWriteSupport}. */
final class ParquetFormatWriter implements FormatWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetFormatWriter.class);

    private final PositionOutputStream out;
    private final ParquetStreams.StreamOutputFile file;
    private final long startPos;
    private final ParquetWriter<InternalRow> writer;
    private final FieldStatsCollector stats;
    private long rowCount;
    private FileStats result;
    private boolean aborted;

    ParquetFormatWriter(
            PositionOutputStream out, ParquetStreams.StreamOutputFile file, long startPos,
            ParquetWriter<InternalRow> writer, RowType rowType) {
        this.out = requireNonNull(out, "out is null");
        this.file = requireNonNull(file, "file is null");
        this.startPos = startPos;
        this.writer = requireNonNull(writer, "writer is null");
        this.stats = new FieldStatsCollector(rowType);
    }

    @Override
    public void addRow(InternalRow row) throws IOException {
        checkOpen();
        stats.collect(row);
        writer.write(row);
        rowCount++;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public long length() {
        return result != null ? result.fileSize() : writer.getDataSize();
    }

    @Override
    public FileStats close() throws IOException {
        if (result != null) {
            return result;
        }
        checkOpen();
        writer.close();
        result = new FileStats(rowCount, out.getPos() - startPos, stats.result());
        return result;
    }

    @Override
    public void abort() {
        if (result != null || aborted) {
            return;
        }
        aborted = true;
        // Closing releases the compressors (some hold native memory); what it would still write is dropped.
        file.discard();
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not release the aborted Parquet writer on {}", out, e);
        }
    }

    private void checkOpen() {
        if (result != null || aborted) {
            throw new IllegalStateException("The Parquet writer on " + out + " is " + (aborted ? "aborted" : "closed"));
        }
    }

    @Override
    public String toString() {
        return "ParquetFormatWriter(" + out + ", " + rowCount + " rows)";
    }
}
