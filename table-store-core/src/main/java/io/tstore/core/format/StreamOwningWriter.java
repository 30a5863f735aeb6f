package io.tstore.core.format;

import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** A {@link FormatWriter} that also owns its file: it closes the stream when done and deletes the file on abort. */
final class StreamOwningWriter implements FormatWriter {
    private final FormatWriter writer;
    private final PositionOutputStream out;
    private final FileIO fileIO;
    private final Path path;
    private FileStats result;
    private boolean aborted;

    StreamOwningWriter(FormatWriter writer, PositionOutputStream out, FileIO fileIO, Path path) {
        this.writer = requireNonNull(writer, "writer is null");
        this.out = requireNonNull(out, "out is null");
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.path = requireNonNull(path, "path is null");
    }

    @Override
    public void addRow(InternalRow row) throws IOException {
        writer.addRow(row);
    }

    @Override
    public long rowCount() {
        return writer.rowCount();
    }

    @Override
    public long length() throws IOException {
        return writer.length();
    }

    @Override
    public FileStats close() throws IOException {
        if (result == null) {
            if (aborted) {
                throw new IllegalStateException("The writer of " + path + " was aborted");
            }
            FileStats stats = writer.close();
            out.close();
            result = stats;
        }
        return result;
    }

    @Override
    public void abort() {
        if (result != null || aborted) {
            return;
        }
        aborted = true;
        writer.abort();
        closeQuietly(out, null);
        fileIO.deleteQuietly(path);
    }

    static void closeQuietly(PositionOutputStream out, Throwable primary) {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "Writer of " + path + " (" + writer + ")";
    }
}
