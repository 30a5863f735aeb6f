package io.tstore.core.fs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@link FileIO} over the local file system with {@code java.nio}, for paths without a scheme or with {@code file:}.
 *
 * <p>{@link #publish} writes a hidden temp file {@code .<name>.<uuid>.tmp} beside the target, forces it to disk,
 * and then creates the target as a hard link to it. Creating a link fails atomically when the name is taken, so
 * exactly one of any number of racing publishers wins, and the target appears with its whole content at once. The
 * temp name is then removed.
 *
 * <p>Where the file system has no hard links (some network and FUSE file systems), publish falls back to a move
 * that refuses an existing target. The JDK checks for the target and then renames, and a rename replaces a file,
 * so two processes racing for one target can both see {@link PublishResult#PUBLISHED}, the later one replacing
 * the earlier file. Publishers in this process are serialized per target, which closes the race among them;
 * {@link #supportsAtomicPublish()} turns false once the fallback was needed.
 */
public final class LocalFileIO implements FileIO {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileIO.class);

    // Serializes check-then-move steps on one target within this process; striped to bound the memory.
    private static final Object[] MOVE_LOCKS = new Object[64];

    static {
        for (int i = 0; i < MOVE_LOCKS.length; i++) {
            MOVE_LOCKS[i] = new Object();
        }
    }

    /**
     * The system property that turns forcing files to disk off: {@code -Dtstore.local-fs.fsync=false}. For test
     * suites only, whose temporary tables need no durability against a power loss and whose time fsync dominates;
     * the default, and production, is on. A process kill loses nothing either way (the page cache survives it).
     */
    public static final String FSYNC_PROPERTY = "tstore.local-fs.fsync";

    static final boolean FSYNC = !"false".equalsIgnoreCase(System.getProperty(FSYNC_PROPERTY));

    private transient volatile boolean hardLinksUnsupported;

    @Override
    public SeekableInputStream newInputStream(Path path) throws IOException {
        java.nio.file.Path file = toLocal(path);
        try {
            if (Files.isDirectory(file)) {
                throw new FileNotFoundException("Cannot read " + path + ": it is a directory");
            }
            return new LocalSeekableInputStream(FileChannel.open(file, StandardOpenOption.READ), path.toString());
        } catch (NoSuchFileException e) {
            throw notFound(path, e);
        }
    }

    @Override
    public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
        java.nio.file.Path file = toLocal(path);
        createParentDirectories(file);
        OpenOption[] options = overwrite
                ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING}
                : new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW};
        try {
            return new LocalPositionOutputStream(FileChannel.open(file, options), path.toString());
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(path, e);
        }
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        try {
            return status(path, Files.readAttributes(toLocal(path), BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            throw notFound(path, e);
        }
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        java.nio.file.Path directory = toLocal(path);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new FileStatus[0];
        }
        if (!attributes.isDirectory()) {
            return new FileStatus[] {status(path, attributes)};
        }
        List<FileStatus> statuses = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(directory)) {
            for (java.nio.file.Path entry : entries) {
                try {
                    Path child = Path.listedChild(path, entry.getFileName().toString());
                    statuses.add(status(child, Files.readAttributes(entry, BasicFileAttributes.class)));
                } catch (NoSuchFileException e) {
                    // Deleted while we listed: it is not there any more.
                }
            }
        } catch (NoSuchFileException e) {
            return new FileStatus[0];
        }
        statuses.sort(Comparator.comparing(FileStatus::path));
        return statuses.toArray(new FileStatus[0]);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(toLocal(path));
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        java.nio.file.Path file = toLocal(path);
        if (recursive && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return deleteTree(file);
        }
        try {
            Files.delete(file);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public boolean mkdirs(Path path) throws IOException {
        try {
            Files.createDirectories(toLocal(path));
            return true;
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(path, e, "it is a file, not a directory");
        }
    }

    /**
     * Moves a file by linking it under the new name and removing the old one, so that an existing {@code dst} is
     * never replaced, even by a racing writer. Directories (and files where hard links are not supported) are moved
     * with a check-then-rename that is atomic only against callers in this process.
     */
    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        java.nio.file.Path source = toLocal(src);
        java.nio.file.Path target = toLocal(dst);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileNotFoundException("Cannot rename " + src + " to " + dst + ": " + src + " does not exist");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        createParentDirectories(target);
        try {
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) && tryLink(source, target)) {
                try {
                    Files.delete(source);
                } catch (NoSuchFileException e) {
                    // A concurrent rename of the same source took it away; our link holds the content, the move is done.
                } catch (IOException e) {
                    Files.deleteIfExists(target);
                    throw e;
                }
                return true;
            }
            return moveWithoutReplacing(source, target);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (NoSuchFileException e) {
            throw notFound(src, e);
        }
    }

    /** Writes a hidden sibling, forces it to disk and renames it over the target: one atomic step on POSIX. */
    @Override
    public void overwriteUtf8(Path path, String content) throws IOException {
        java.nio.file.Path target = toLocal(path);
        createParentDirectories(target);
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                force(channel);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public PublishResult publish(Path target, byte[] content) throws IOException {
        requireNonNull(content, "content is null");
        java.nio.file.Path file = toLocal(target).toAbsolutePath();
        java.nio.file.Path directory = file.getParent();
        Files.createDirectories(directory);
        java.nio.file.Path temp = directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeAndForce(temp, content);
            boolean published;
            try {
                published = tryLink(temp, file) || moveWithoutReplacing(temp, file);
            } catch (FileAlreadyExistsException e) {
                return PublishResult.ALREADY_EXISTS;
            }
            forceDirectory(directory);
            return published ? PublishResult.PUBLISHED : PublishResult.ALREADY_EXISTS;
        } finally {
            // After a link the temp name is a second name of the published file; after a move it is gone.
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("Could not delete the temp file {} of publishing {}; it is left behind as garbage", temp, target, e);
            }
        }
    }

    @Override
    public boolean isObjectStore() {
        return false;
    }

    @Override
    public boolean supportsAtomicPublish() {
        return !hardLinksUnsupported;
    }

    @Override
    public String toString() {
        return "LocalFileIO";
    }

    /** Behaves from now on as on a file system without hard links; for tests of the fallback. */
    void simulateNoHardLinks() {
        hardLinksUnsupported = true;
    }

    /** The local file of a path; a path with another scheme than {@code file} or with an authority is refused. */
    static java.nio.file.Path toLocal(Path path) {
        requireNonNull(path, "path is null");
        if (!path.isLocal() || path.toUri().getAuthority() != null) {
            throw new IllegalArgumentException("LocalFileIO only accesses local paths (no scheme, or file:/ without a host), not "
                    + path + "; FileIO.get picks the FileIO for a path");
        }
        return Paths.get(path.toUri().getPath());
    }

    /**
     * Links {@code target} to {@code source}; false when this file system has no hard links, so that the caller
     * falls back to a move. {@link FileAlreadyExistsException} when the target exists.
     */
    private boolean tryLink(java.nio.file.Path source, java.nio.file.Path target) throws IOException {
        if (hardLinksUnsupported) {
            return false;
        }
        try {
            Files.createLink(target, source);
            return true;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            noteHardLinksUnsupported(target, e);
            return false;
        } catch (FileSystemException e) {
            // link(2) answers EPERM or EOPNOTSUPP where the file system has no hard links; other errors are real.
            String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
            if (e.getClass() == FileSystemException.class && (reason.contains("not permitted") || reason.contains("not supported"))) {
                noteHardLinksUnsupported(target, e);
                return false;
            }
            throw e;
        }
    }

    private void noteHardLinksUnsupported(java.nio.file.Path target, Exception e) {
        if (!hardLinksUnsupported) {
            hardLinksUnsupported = true;
            LOG.warn("The file system of {} has no hard links ({}); publishing falls back to a move that is not atomic "
                    + "against other processes, so commits from several processes need a lock", target, e.toString());
        }
    }

    private static boolean moveWithoutReplacing(java.nio.file.Path source, java.nio.file.Path target) throws IOException {
        synchronized (MOVE_LOCKS[Math.floorMod(target.toAbsolutePath().hashCode(), MOVE_LOCKS.length)]) {
            try {
                Files.move(source, target);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
    }

    private static void writeAndForce(java.nio.file.Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            force(channel);
        }
    }

    /** Forces a file's content to disk, unless {@link #FSYNC_PROPERTY} turned that off. */
    static void force(FileChannel channel) throws IOException {
        if (FSYNC) {
            channel.force(true);
        }
    }

    /** Makes a new name in a directory durable; best effort, as not every platform can open a directory. */
    private static void forceDirectory(java.nio.file.Path directory) {
        if (!FSYNC) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not force directory {} to disk", directory, e);
        }
    }

    private static boolean deleteTree(java.nio.file.Path root) throws IOException {
        boolean[] deletedAny = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attributes) throws IOException {
                deletedAny[0] |= Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(java.nio.file.Path directory, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                deletedAny[0] |= Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
        return deletedAny[0];
    }

    private static void createParentDirectories(java.nio.file.Path file) throws IOException {
        java.nio.file.Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static FileStatus status(Path path, BasicFileAttributes attributes) {
        boolean isDir = attributes.isDirectory();
        return new FileStatus(path, isDir ? 0 : attributes.size(), isDir, attributes.lastModifiedTime().toMillis());
    }

    private static FileNotFoundException notFound(Path path, NoSuchFileException cause) {
        FileNotFoundException e = new FileNotFoundException("File does not exist: " + path);
        e.initCause(cause);
        return e;
    }

    private static FileAlreadyExistsException alreadyExists(Path path, FileAlreadyExistsException cause) {
        return alreadyExists(path, cause, "the file exists and overwrite is false");
    }

    private static FileAlreadyExistsException alreadyExists(Path path, FileAlreadyExistsException cause, String reason) {
        FileAlreadyExistsException e = new FileAlreadyExistsException(path.toString(), null, reason);
        e.initCause(cause);
        return e;
    }
}
