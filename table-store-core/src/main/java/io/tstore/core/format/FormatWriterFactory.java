package io.tstore.core.format;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.types.RowType;

import java.io.IOException;

/** Creates {@link FormatWriter}s of one format and compression. */
public interface FormatWriterFactory {

    /**
     * A writer of rows of {@code rowType} into {@code out}, which must be positioned at the start of a new file. The
     * caller owns the stream: the writer flushes it when the file is finished but never closes it, so the caller
     * closes it (on an object store, that is when the file appears).
     */
    FormatWriter create(PositionOutputStream out, RowType rowType) throws IOException;

    /**
     * A writer of a new file at {@code path}, which must not exist yet. The writer owns the stream: {@link
     * FormatWriter#close} closes it, and {@link FormatWriter#abort} closes it and deletes the file.
     */
    default FormatWriter create(FileIO fileIO, Path path, RowType rowType) throws IOException {
        PositionOutputStream out = fileIO.newOutputStream(path, false);
        try {
            return new StreamOwningWriter(create(out, rowType), out, fileIO, path);
        } catch (IOException | RuntimeException | Error e) {
            StreamOwningWriter.closeQuietly(out, e);
            fileIO.deleteQuietly(path);
            throw e;
        }
    }
}
