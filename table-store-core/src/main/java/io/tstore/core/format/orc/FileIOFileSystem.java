package io.tstore.core.format.orc;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.SeekableInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PositionedReadable;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * A read-only Hadoop {@link FileSystem} over a {@link FileIO}, because ORC's reader opens files only through a
 * Hadoop file system ({@link org.apache.orc.OrcFile.ReaderOptions#filesystem}). It serves exactly what the reader
 * uses: {@link #open} (positional reads go to {@link SeekableInputStream#readFully(long, byte[], int, int)}) and
 * {@link #getFileStatus}. Everything else fails: ORC files are written through {@link org.apache.orc.PhysicalWriter}
 * over a {@link io.tstore.core.fs.PositionOutputStream} instead (see {@link OrcFormatWriter}).
 *
 * <p>Hadoop paths are the same URIs as our paths ({@link io.tstore.core.fs.Path#toUri()}), so the file system
 * serves paths of any scheme that the {@code FileIO} serves, without Hadoop knowing the scheme.
 */
final class FileIOFileSystem extends FileSystem {
    private static final URI FILE_SYSTEM_URI = URI.create("tstore-fileio:///");

    private final FileIO fileIO;
    private Path workingDirectory = new Path("/");

    FileIOFileSystem(FileIO fileIO, Configuration conf) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        setConf(requireNonNull(conf, "conf is null"));
    }

    static Path toHadoop(io.tstore.core.fs.Path path) {
        return new Path(path.toUri());
    }

    /** Our path of a Hadoop path, from the decoded parts of its URI, as {@link io.tstore.core.fs.Path} reads them. */
    static io.tstore.core.fs.Path fromHadoop(Path path) {
        URI uri = path.toUri();
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append(':');
        }
        if (uri.getAuthority() != null) {
            text.append("//").append(uri.getAuthority());
        }
        return new io.tstore.core.fs.Path(text.append(uri.getPath()).toString());
    }

    @Override
    public URI getUri() {
        return FILE_SYSTEM_URI;
    }

    @Override
    public String getScheme() {
        return FILE_SYSTEM_URI.getScheme();
    }

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        return new FSDataInputStream(new PositionedInputStream(fileIO.newInputStream(fromHadoop(path))));
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        io.tstore.core.fs.FileStatus status = fileIO.getFileStatus(fromHadoop(path));
        return new FileStatus(status.length(), status.isDir(), 1, 0, status.modificationTime(), path);
    }

    @Override
    public FSDataOutputStream create(
            Path path, FsPermission permission, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) {
        throw readOnly("create", path);
    }

    @Override
    public FSDataOutputStream append(Path path, int bufferSize, Progressable progress) {
        throw readOnly("append to", path);
    }

    @Override
    public boolean rename(Path src, Path dst) {
        throw readOnly("rename", src);
    }

    @Override
    public boolean delete(Path path, boolean recursive) {
        throw readOnly("delete", path);
    }

    @Override
    public FileStatus[] listStatus(Path path) {
        throw new UnsupportedOperationException("ORC's view of " + fileIO + " only opens files; it cannot list " + path);
    }

    @Override
    public boolean mkdirs(Path path, FsPermission permission) {
        throw readOnly("create directory", path);
    }

    @Override
    public void setWorkingDirectory(Path directory) {
        this.workingDirectory = requireNonNull(directory, "directory is null");
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    @Override
    public String toString() {
        return "FileIOFileSystem(" + fileIO + ")";
    }

    private UnsupportedOperationException readOnly(String action, Path path) {
        return new UnsupportedOperationException(
                "ORC's view of " + fileIO + " is read-only; it cannot " + action + " " + path);
    }

    /** Our stream as the seekable, positionally readable stream that {@link FSDataInputStream} requires. */
    private static final class PositionedInputStream extends InputStream implements Seekable, PositionedReadable {
        private final SeekableInputStream in;

        PositionedInputStream(SeekableInputStream in) {
            this.in = requireNonNull(in, "in is null");
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        public long skip(long n) throws IOException {
            return in.skip(n);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void seek(long position) throws IOException {
            in.seek(position);
        }

        @Override
        public long getPos() throws IOException {
            return in.getPos();
        }

        @Override
        public boolean seekToNewSource(long targetPosition) {
            return false;
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            // Synchronized like SeekableInputStream's own positional fallback, so that the two never interleave.
            synchronized (in) {
                long saved = in.getPos();
                try {
                    in.seek(position);
                    return in.read(buffer, offset, length);
                } finally {
                    in.seek(saved);
                }
            }
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            in.readFully(position, buffer, offset, length);
        }

        @Override
        public void readFully(long position, byte[] buffer) throws IOException {
            in.readFully(position, buffer, 0, buffer.length);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
