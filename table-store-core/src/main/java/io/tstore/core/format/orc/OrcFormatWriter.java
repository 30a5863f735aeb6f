package io.tstore.core.format.orc;

import io.tstore.core.data.InternalRow;
import io.tstore.core.format.FieldStatsCollector;
import io.tstore.core.format.FileStats;
import io.tstore.core.format.FormatWriter;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.types.RowType;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DateColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.PhysicalWriter;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.impl.PhysicalFsWriter;
import org.apache.orc.impl.WriterImpl;
import org.apache.orc.impl.writer.WriterEncryptionVariant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows into an ORC file on a {@link PositionOutputStream}, {@link OrcWriterFactory#BATCH_SIZE} rows per
 * {@link VectorizedRowBatch}.
 *
 * <p>ORC's writer normally creates its file through a Hadoop file system. Here it gets a {@link PhysicalFsWriter}
 * over our stream instead (ORC's extension point {@link OrcFile.WriterOptions#physicalWriter}), so the file can
 * live on any {@link io.tstore.core.fs.FileIO}. The Hadoop path ORC still asks for is only a name for its memory
 * manager and logs.
 */
final class OrcFormatWriter implements FormatWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OrcFormatWriter.class);

    private final PositionOutputStream out;
    private final long startPos;
    private final Path name;
    private final DiscardingOutputStream stream;
    private final Writer writer;
    private final VectorizedRowBatch batch;
    private final OrcVectorWriters.VectorWriter[] fieldWriters;
    private final FieldStatsCollector stats;
    private long rowCount;
    private FileStats result;
    private boolean aborted;

    OrcFormatWriter(PositionOutputStream out, RowType rowType, OrcFile.WriterOptions options, int batchSize)
            throws IOException {
        this.out = requireNonNull(out, "out is null");
        requireNonNull(rowType, "rowType is null");
        this.startPos = out.getPos();
        this.name = new Path("tstore-orc:/" + UUID.randomUUID());
        this.stats = new FieldStatsCollector(rowType);
        TypeDescription schema = OrcTypes.toOrcType(rowType);
        this.stream = new DiscardingOutputStream(out);
        options.setSchema(schema);
        // Positions start at the stream's own, so that the offsets ORC records count from the file's first byte.
        PhysicalWriter physicalWriter =
                new NamedPhysicalWriter(new FSDataOutputStream(stream, null, startPos), options, out.toString());
        options.physicalWriter(physicalWriter);
        // OrcFile.createWriter would look up a Hadoop file system for the path; the physical writer needs none.
        this.writer = new WriterImpl(null, name, options);
        this.batch = schema.createRowBatch(TypeDescription.RowBatchVersion.ORIGINAL, batchSize);
        // Our dates and timestamps count days and milliseconds in the proleptic Gregorian calendar, as the file does.
        for (ColumnVector vector : batch.cols) {
            markProleptic(vector);
        }
        // Resetting also sets up the byte buffers of string and binary vectors.
        batch.reset();
        this.fieldWriters = new OrcVectorWriters.VectorWriter[rowType.fieldCount()];
        for (int i = 0; i < fieldWriters.length; i++) {
            fieldWriters[i] = OrcVectorWriters.forType(rowType.typeAt(i), rowType.fields().get(i).name());
        }
    }

    private static void markProleptic(ColumnVector vector) {
        if (vector instanceof DateColumnVector dates) {
            dates.changeCalendar(true, false);
        } else if (vector instanceof TimestampColumnVector timestamps) {
            timestamps.changeCalendar(true, false);
        } else if (vector instanceof ListColumnVector list) {
            markProleptic(list.child);
        } else if (vector instanceof MapColumnVector map) {
            markProleptic(map.keys);
            markProleptic(map.values);
        } else if (vector instanceof StructColumnVector struct) {
            for (ColumnVector field : struct.fields) {
                markProleptic(field);
            }
        }
    }

    @Override
    public void addRow(InternalRow row) throws IOException {
        checkOpen();
        stats.collect(row);
        int slot = batch.size;
        for (int i = 0; i < fieldWriters.length; i++) {
            fieldWriters[i].write(row, i, batch.cols[i], slot);
        }
        batch.size++;
        rowCount++;
        if (batch.size == batch.getMaxSize()) {
            flushBatch();
        }
    }

    private void flushBatch() throws IOException {
        if (batch.size > 0) {
            writer.addRowBatch(batch);
            batch.reset();
        }
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public long length() throws IOException {
        if (result != null) {
            return result.fileSize();
        }
        return out.getPos() - startPos + writer.estimateMemory();
    }

    @Override
    public FileStats close() throws IOException {
        if (result != null) {
            return result;
        }
        checkOpen();
        flushBatch();
        writer.close();
        out.flush();
        result = new FileStats(rowCount, out.getPos() - startPos, stats.result());
        return result;
    }

    @Override
    public void abort() {
        if (result != null || aborted) {
            return;
        }
        aborted = true;
        // Closing releases the codecs and leaves ORC's shared memory manager; what it would still write is dropped.
        stream.discard();
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not release the aborted ORC writer on {}", out, e);
        }
    }

    private void checkOpen() {
        if (result != null || aborted) {
            throw new IllegalStateException("The ORC writer on " + out + " is " + (aborted ? "aborted" : "closed"));
        }
    }

    @Override
    public String toString() {
        return "OrcFormatWriter(" + out + ", " + rowCount + " rows)";
    }

    /** ORC's physical writer over a stream, named for ORC's logs (the stream constructor leaves it without a path). */
    private static final class NamedPhysicalWriter extends PhysicalFsWriter {
        private final String name;

        NamedPhysicalWriter(FSDataOutputStream stream, OrcFile.WriterOptions options, String name) throws IOException {
            super(stream, options, new WriterEncryptionVariant[0]);
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Passes everything through but close, which only flushes (the caller owns the stream), until {@link #discard}:
     * from then on it drops everything, so that an aborted writer can be closed without adding to the file.
     */
    private static final class DiscardingOutputStream extends FilterOutputStream {
        private boolean discarding;

        DiscardingOutputStream(OutputStream out) {
            super(out);
        }

        void discard() {
            discarding = true;
        }

        @Override
        public void write(int b) throws IOException {
            if (!discarding) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!discarding) {
                out.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!discarding) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
