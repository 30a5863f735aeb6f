package io.tstore.core.format.parquet;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.fs.SeekableInputStream;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Parquet's file abstractions over ours: {@link InputFile} over a {@link FileIO} path, {@link OutputFile} over a stream. */
final class ParquetStreams {
    private ParquetStreams() {}

    /** A file to read through a {@link FileIO}; its length is looked up once. */
    static final class FileIOInputFile implements InputFile {
        private final FileIO fileIO;
        private final Path path;
        private long length = -1;

        FileIOInputFile(FileIO fileIO, Path path) {
            this.fileIO = requireNonNull(fileIO, "fileIO is null");
            this.path = requireNonNull(path, "path is null");
        }

        @Override
        public long getLength() throws IOException {
            if (length < 0) {
                length = fileIO.getFileStatus(path).length();
            }
            return length;
        }

        @Override
        public org.apache.parquet.io.SeekableInputStream newStream() throws IOException {
            SeekableInputStream in = fileIO.newInputStream(path);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() throws IOException {
                    return in.getPos();
                }

                @Override
                public void seek(long position) throws IOException {
                    in.seek(position);
                }
            };
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * The one file being written into a stream that the caller owns: Parquet's close of the stream only flushes it.
     * Positions are the stream's own, so offsets in the footer count from the file's first byte. After
     * {@link #discard()} everything Parquet still writes is dropped, so that an aborted writer can be closed.
     */
    static final class StreamOutputFile implements OutputFile {
        private final PositionOutputStream out;
        private boolean created;
        private volatile boolean discarding;

        StreamOutputFile(PositionOutputStream out) {
            this.out = requireNonNull(out, "out is null");
        }

        @Override
        public org.apache.parquet.io.PositionOutputStream create(long blockSizeHint) {
            if (created) {
                throw new IllegalStateException("The Parquet file on " + out + " was already created");
            }
            created = true;
            return new DelegatingPositionOutputStream(out) {
                @Override
                public long getPos() throws IOException {
                    return out.getPos();
                }

                @Override
                public void write(int b) throws IOException {
                    if (!discarding) {
                        out.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes) throws IOException {
                    write(bytes, 0, bytes.length);
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
            };
        }

        void discard() {
            discarding = true;
        }

        @Override
        public org.apache.parquet.io.PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return out.toString();
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
