package io.tstore.core.fs;

import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The storage seam of the table format: everything the table code does to files goes through this interface, so
 * that a table works the same on local disk, HDFS and object stores, and so that tests can fail or delay any step.
 *
 * <p>A {@code FileIO} is serializable: engines ship it to their workers with the table. Implementations are
 * thread-safe.
 *
 * <p>Errors common to every implementation: a missing file is a {@link FileNotFoundException}; a file that is in
 * the way of a write that must not overwrite is a {@link FileAlreadyExistsException} naming the path.
 *
 * <p>The one atomic step of a commit is {@link #publish}; nothing else here is promised to be atomic.
 */
public interface FileIO extends Serializable {

    /** Opens a file for reading; {@link FileNotFoundException} when it does not exist. */
    SeekableInputStream newInputStream(Path path) throws IOException;

    /**
     * Creates a file for writing, creating missing parent directories. Without {@code overwrite}, an existing file
     * fails the call with {@link FileAlreadyExistsException}. Readers may see a partly written file until the stream
     * is closed (on object stores: nothing until then); use {@link #publish} where that matters.
     */
    PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException;

    /** The status of a file or directory; {@link FileNotFoundException} when there is none. */
    FileStatus getFileStatus(Path path) throws IOException;

    /**
     * The files and directories directly in a directory, sorted by path; the status of the file itself when
     * {@code path} is a file; an empty array when nothing is there.
     */
    FileStatus[] listStatus(Path path) throws IOException;

    boolean exists(Path path) throws IOException;

    /**
     * Deletes a file, or a directory with everything in it when {@code recursive}. Returns false when there was
     * nothing to delete, never failing for that; a directory that is not empty fails without {@code recursive}.
     */
    boolean delete(Path path, boolean recursive) throws IOException;

    /** Creates a directory and its missing parents; true when the directory exists afterwards. */
    boolean mkdirs(Path path) throws IOException;

    /**
     * Moves {@code src} to {@code dst}, creating missing parents of {@code dst}, and never replaces anything: returns
     * false, moving nothing, when {@code dst} exists. {@link FileNotFoundException} when {@code src} does not exist.
     * Whether the check and the move are one atomic step depends on the file system (see the implementations);
     * use {@link #publish} where that matters.
     */
    boolean rename(Path src, Path dst) throws IOException;

    /**
     * Creates the file {@code target} with {@code content} only if no file exists there, as one atomic step:
     * readers see either no file or the whole content, and of several callers racing for one target at most one
     * gets {@link PublishResult#PUBLISHED}. This is how a commit publishes {@code snapshot-<n+1>}.
     *
     * <p>The outcomes:
     * <ul>
     *   <li>{@link PublishResult#PUBLISHED}: the file is ours.</li>
     *   <li>{@link PublishResult#ALREADY_EXISTS}: another file was there first; the caller lost the race and may
     *       retry under another name.</li>
     *   <li>{@link PublishOutcomeUnknownException}: the call failed and the file may or may not have been published;
     *       the caller must not clean up anything the target may refer to.</li>
     *   <li>any other {@link IOException}: the file was not published; the caller may clean up and retry.</li>
     * </ul>
     *
     * <p>Where {@link #supportsAtomicPublish()} is false the same outcomes are reported, but two racing callers
     * can both see {@code PUBLISHED} (the later one replacing the earlier file), so callers must serialize their
     * commits with a lock.
     */
    PublishResult publish(Path target, byte[] content) throws IOException;

    /**
     * Whether files live in an object store (S3, GCS, Azure Blob...): listing is expensive, rename is a copy,
     * directories are an illusion and a file appears only when its stream is closed.
     */
    boolean isObjectStore();

    /** Whether {@link #publish} is atomic against concurrent publishers on this file system (see there). */
    boolean supportsAtomicPublish();

    /** Reads a whole file as UTF-8 text. */
    default String readUtf8(Path path) throws IOException {
        try (InputStream in = newInputStream(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes a whole file as UTF-8 text, with the semantics of {@link #newOutputStream}: not atomic. */
    default void writeUtf8(Path path, String content, boolean overwrite) throws IOException {
        requireNonNull(content, "content is null");
        try (OutputStream out = newOutputStream(path, overwrite)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Replaces the content of a small metadata file (a consumer position, a hint) so that a reader sees the old
     * content or the new, never a part. Object stores make a file appear whole when its upload completes; on a
     * file system the content goes to a hidden sibling that is then moved over the target. This default moves by
     * delete-then-rename, so for a moment the file is absent (readers must treat absence as "not recorded");
     * {@link LocalFileIO} replaces atomically.
     */
    default void overwriteUtf8(Path path, String content) throws IOException {
        if (isObjectStore()) {
            writeUtf8(path, content, true);
            return;
        }
        Path temp = new Path(path.getParent(), "." + path.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            writeUtf8(temp, content, false);
            delete(path, false);
            if (!rename(temp, path)) {
                throw new IOException("Could not replace " + path + ": another writer replaced it at the same time");
            }
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Deletes a file or a directory tree, logging instead of failing: for cleaning up garbage. */
    default void deleteQuietly(Path path) {
        try {
            delete(path, true);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(FileIO.class).warn("Could not delete {}; it is left behind as garbage", path, e);
        }
    }

    /**
     * The {@code FileIO} for a warehouse or table path: {@link LocalFileIO} for local paths (no scheme or
     * {@code file:}); for another scheme, the file IO of the {@link FileIOFactory} on the class path that serves it,
     * ({@code s3:} and {@code s3a:} get {@link io.tstore.core.fs.s3.S3FileIO}), or else {@link HadoopFileIO}
     * ({@code hdfs:}, {@code gs:}, {@code abfs:}...). Options starting with {@code fs.}
     * or {@code hadoop.} configure Hadoop (see {@link HadoopFileIO}).
     */
    static FileIO get(Path warehouseOrTablePath, Map<String, String> options) {
        requireNonNull(warehouseOrTablePath, "warehouseOrTablePath is null");
        requireNonNull(options, "options is null");
        if (warehouseOrTablePath.isLocal()) {
            return new LocalFileIO();
        }
        FileIOFactory factory = FileIOFactory.forScheme(warehouseOrTablePath.toUri().getScheme());
        if (factory != null) {
            return factory.create(warehouseOrTablePath, options);
        }
        return new HadoopFileIO(warehouseOrTablePath, options);
    }
}
