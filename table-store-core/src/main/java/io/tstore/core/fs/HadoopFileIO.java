package io.tstore.core.fs;

import io.tstore.options.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options.CreateFileOptionKeys;
import org.apache.hadoop.fs.StreamCapabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * {@link FileIO} over Hadoop's {@link FileSystem}: HDFS, and object stores through their Hadoop connectors (S3A,
 * GCS, ABFS...). Local paths go to {@link LocalFileIO} instead, because Hadoop's local rename replaces files.
 *
 * <p>Options configure Hadoop: a key {@code fs.<k>} is set as it is ({@code fs.s3a.endpoint}), a key
 * {@code hadoop.<k>} is set as {@code <k>} ({@code hadoop.dfs.replication} sets {@code dfs.replication}, and a
 * Hadoop key that itself starts with {@code hadoop.} is spelled {@code hadoop.hadoop.<k>}); where both forms name
 * one key the {@code hadoop.} form wins. {@code core-site.xml} on the class path is read first.
 *
 * <p>The {@code FileIO} keeps only its options when serialized; file systems are created on first use. They are
 * shared by every {@code HadoopFileIO} of the process with the same options and scheme and authority, so that the
 * copies an engine deserializes per task do not each open their own connections and threads.
 *
 * <p>{@link #publish} depends on the file system ({@link HadoopPublishMode}):
 * <ul>
 *   <li>On file systems whose rename atomically refuses an existing target ({@link FileIOOptions#ATOMIC_RENAME_SCHEMES},
 *       HDFS by default) it writes a hidden temp file {@code .<name>.<uuid>.tmp} beside the target and renames it.
 *       A rename that throws leaves the outcome unknown.</li>
 *   <li>On object stores ({@link FileIOOptions#OBJECT_STORE_SCHEMES}, {@link #isObjectStore()}) it creates the
 *       target without overwrite and writes it in one go; the object appears only when the stream is closed. The
 *       race is decided by the store: where the file system declares the path capability
 *       {@code fs.option.create.conditional.overwrite} (S3A from Hadoop 3.4.2 with
 *       {@code fs.s3a.create.conditional.enabled}, the default) the upload carries {@code If-None-Match: *} and
 *       exactly one racer wins. Otherwise the check for an existing object comes before the upload, two racers can
 *       both succeed, and {@link #supportsAtomicPublish()} is false: commits then need a lock.</li>
 *   <li>Anywhere else it writes a temp file and renames it after checking for the target, which is not atomic.</li>
 * </ul>
 */
public final class HadoopFileIO implements FileIO {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HadoopFileIO.class);

    private static final ConcurrentMap<FileSystemKey, FileSystem> SHARED_FILE_SYSTEMS = new ConcurrentHashMap<>();

    private final Path root;
    private final TreeMap<String, String> options;
    private final Set<String> atomicRenameSchemes;
    private final Set<String> objectStoreSchemes;

    private transient volatile Configuration configuration;
    private transient volatile ConcurrentMap<String, FileSystem> fileSystems;
    private transient volatile ConcurrentMap<String, HadoopPublishMode> publishModes;

    /**
     * A {@code FileIO} for the warehouse or table at {@code root}, which decides what {@link #isObjectStore()} and
     * {@link #supportsAtomicPublish()} answer; paths of other file systems can still be read and written.
     */
    public HadoopFileIO(Path root, Map<String, String> options) {
        this.root = requireNonNull(root, "root is null");
        this.options = new TreeMap<>(requireNonNull(options, "options is null"));
        Options typed = new Options(options);
        this.atomicRenameSchemes = FileIOOptions.schemes(typed.get(FileIOOptions.ATOMIC_RENAME_SCHEMES));
        this.objectStoreSchemes = FileIOOptions.schemes(typed.get(FileIOOptions.OBJECT_STORE_SCHEMES));
        if (root.toUri().getScheme() == null) {
            throw new IllegalArgumentException("HadoopFileIO needs a path with a scheme (hdfs://..., s3a://...), not " + root);
        }
    }

    /** The Hadoop configuration built from the options, for readers and writers that take one (ORC, Parquet). */
    public Configuration hadoopConfiguration() {
        Configuration conf = configuration;
        if (conf == null) {
            conf = toConfiguration(options);
            configuration = conf;
        }
        return conf;
    }

    /** A Hadoop configuration from {@code core-site.xml} and the {@code fs.} and {@code hadoop.} options. */
    static Configuration toConfiguration(Map<String, String> options) {
        Configuration conf = new Configuration();
        options.forEach((key, value) -> {
            if (key.startsWith("fs.") && !options.containsKey("hadoop." + key)) {
                conf.set(key, value);
            } else if (key.startsWith("hadoop.") && key.length() > "hadoop.".length()) {
                conf.set(key.substring("hadoop.".length()), value);
            }
        });
        return conf;
    }

    @Override
    public SeekableInputStream newInputStream(Path path) throws IOException {
        FSDataInputStream in = fileSystem(path).open(toHadoop(path));
        return new HadoopSeekableInputStream(in);
    }

    @Override
    public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
        try {
            return new HadoopPositionOutputStream(fileSystem(path).create(toHadoop(path), overwrite));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw alreadyExists(path, e, "the file exists and overwrite is false");
        }
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        return status(path, fileSystem(path).getFileStatus(toHadoop(path)));
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        FileSystem fs = fileSystem(path);
        org.apache.hadoop.fs.Path hadoopPath = toHadoop(path);
        org.apache.hadoop.fs.FileStatus[] listed;
        try {
            listed = fs.listStatus(hadoopPath);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
        org.apache.hadoop.fs.Path qualified = fs.makeQualified(hadoopPath);
        List<FileStatus> statuses = new ArrayList<>(listed.length);
        for (org.apache.hadoop.fs.FileStatus status : listed) {
            // Listing a file answers the file itself; keep the caller's spelling of paths either way.
            boolean self = !status.isDirectory() && fs.makeQualified(status.getPath()).equals(qualified);
            statuses.add(status(self ? path : Path.listedChild(path, status.getPath().getName()), status));
        }
        statuses.sort(Comparator.comparing(FileStatus::path));
        return statuses.toArray(new FileStatus[0]);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return fileSystem(path).exists(toHadoop(path));
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        try {
            return fileSystem(path).delete(toHadoop(path), recursive);
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean mkdirs(Path path) throws IOException {
        try {
            return fileSystem(path).mkdirs(toHadoop(path));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw alreadyExists(path, e, "it is a file, not a directory");
        }
    }

    /**
     * Renames after checking that {@code dst} is absent. On HDFS a concurrent writer of {@code dst} still makes the
     * rename fail (false); elsewhere the check and the rename are two steps.
     */
    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        FileSystem fs = fileSystem(src);
        org.apache.hadoop.fs.Path source = toHadoop(src);
        org.apache.hadoop.fs.Path target = toHadoop(dst);
        if (!fs.exists(source)) {
            throw new FileNotFoundException("Cannot rename " + src + " to " + dst + ": " + src + " does not exist");
        }
        if (fs.exists(target)) {
            return false;
        }
        if (target.getParent() != null) {
            fs.mkdirs(target.getParent());
        }
        if (fs.rename(source, target)) {
            return true;
        }
        if (fs.exists(target)) {
            return false;
        }
        if (!fs.exists(source)) {
            throw new FileNotFoundException("Cannot rename " + src + " to " + dst + ": " + src + " does not exist any more");
        }
        throw new IOException("Could not rename " + src + " to " + dst + ": the file system refused without giving a reason");
    }

    @Override
    public PublishResult publish(Path target, byte[] content) throws IOException {
        requireNonNull(target, "target is null");
        requireNonNull(content, "content is null");
        FileSystem fs = fileSystem(target);
        HadoopPublishMode mode = publishMode(target);
        return switch (mode) {
            case ATOMIC_RENAME, CHECKED_RENAME -> publishByRename(fs, target, content);
            case CONDITIONAL_CREATE -> publishByCreate(fs, target, content, true);
            case CHECKED_CREATE -> publishByCreate(fs, target, content, false);
        };
    }

    @Override
    public boolean isObjectStore() {
        return objectStoreSchemes.contains(root.toUri().getScheme());
    }

    @Override
    public boolean supportsAtomicPublish() {
        try {
            return publishMode(root).isAtomic();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not tell whether publishing on {} is atomic; assuming it is not", root, e);
            return false;
        }
    }

    /** Names the root only: options may hold credentials. */
    @Override
    public String toString() {
        return "HadoopFileIO(" + root + ")";
    }

    private PublishResult publishByRename(FileSystem fs, Path target, byte[] content) throws IOException {
        org.apache.hadoop.fs.Path file = toHadoop(target);
        // Checking first is cheap, and keeps a rename onto a directory from moving the temp file into it.
        if (fs.exists(file)) {
            return PublishResult.ALREADY_EXISTS;
        }
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        try (FSDataOutputStream out = fs.create(temp, false)) {
            out.write(content);
            if (out.hasCapability(StreamCapabilities.HSYNC)) {
                out.hsync();
            }
        } catch (IOException | RuntimeException e) {
            deleteTempQuietly(fs, temp, target);
            throw e;
        }
        boolean renamed;
        try {
            renamed = fs.rename(temp, file);
        } catch (IOException | RuntimeException e) {
            // Removing the temp name is safe either way: after a rename it no longer exists, before one it is ours.
            deleteTempQuietly(fs, temp, target);
            throw new PublishOutcomeUnknownException(target, "renaming " + temp.getName() + " threw " + e, e);
        }
        if (renamed) {
            return PublishResult.PUBLISHED;
        }
        deleteTempQuietly(fs, temp, target);
        if (fs.exists(file)) {
            return PublishResult.ALREADY_EXISTS;
        }
        throw new IOException("Could not publish " + target + ": the file system refused to rename " + temp.getName()
                + " to it, and no file is there");
    }

    private PublishResult publishByCreate(FileSystem fs, Path target, byte[] content, boolean conditional) throws IOException {
        org.apache.hadoop.fs.Path file = toHadoop(target);
        FSDataOutputStream out;
        try {
            FSDataOutputStreamBuilder<?, ?> builder = fs.createFile(file).create().overwrite(false).recursive();
            if (conditional) {
                builder.must(CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE, true);
            }
            out = builder.build();
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException | FileAlreadyExistsException e) {
            return PublishResult.ALREADY_EXISTS;
        }
        try {
            out.write(content);
        } catch (IOException | RuntimeException e) {
            // close() would upload what was written so far: abort instead, or leave the stream unclosed.
            try {
                if (out.hasCapability(CommonPathCapabilities.ABORTABLE_STREAM)) {
                    out.abort();
                }
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
        try {
            out.close();
            return PublishResult.PUBLISHED;
        } catch (IOException e) {
            if (!isAlreadyExists(e)) {
                throw new PublishOutcomeUnknownException(target, e);
            }
            return ownerOfConflict(fs, target, content, e);
        }
    }

    /**
     * A conditional upload was refused because an object exists. A client that retried a request whose answer was
     * lost can be refused by its own object, so look: only content other than ours proves another winner.
     */
    private static PublishResult ownerOfConflict(FileSystem fs, Path target, byte[] content, IOException conflict) throws IOException {
        byte[] existing;
        try (FSDataInputStream in = fs.open(toHadoop(target))) {
            existing = in.readAllBytes();
        } catch (IOException e) {
            e.addSuppressed(conflict);
            throw new PublishOutcomeUnknownException(target, "the store refused the upload as a conflict, and reading the target failed: " + e, e);
        }
        if (Arrays.equals(existing, content)) {
            throw new PublishOutcomeUnknownException(target, "the store refused the upload as a conflict, but the target holds exactly our "
                    + "content, which a retried upload of ours would explain", conflict);
        }
        return PublishResult.ALREADY_EXISTS;
    }

    /**
     * Whether a failed upload failed because an object was there: Hadoop's or Java's file-already-exists, or S3A's
     * {@code RemoteFileChangedException} for HTTP 412 (hadoop-aws is not a compile dependency, so it goes by name).
     */
    static boolean isAlreadyExists(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.hadoop.fs.FileAlreadyExistsException
                    || t instanceof FileAlreadyExistsException
                    || t.getClass().getSimpleName().equals("RemoteFileChangedException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    HadoopPublishMode publishMode(Path path) throws IOException {
        String scheme = scheme(path);
        ConcurrentMap<String, HadoopPublishMode> modes = publishModes;
        if (modes == null) {
            modes = new ConcurrentHashMap<>();
            publishModes = modes;
        }
        String key = fileSystemKey(path);
        HadoopPublishMode mode = modes.get(key);
        if (mode == null) {
            boolean conditionalCreate = false;
            if (!atomicRenameSchemes.contains(scheme)) {
                conditionalCreate = fileSystem(path).hasPathCapability(
                        toHadoop(path), CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE);
            }
            mode = HadoopPublishMode.choose(scheme, atomicRenameSchemes, objectStoreSchemes, conditionalCreate);
            modes.put(key, mode);
        }
        return mode;
    }

    private FileSystem fileSystem(Path path) throws IOException {
        ConcurrentMap<String, FileSystem> cache = fileSystems;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            fileSystems = cache;
        }
        String key = fileSystemKey(path);
        FileSystem fs = cache.get(key);
        if (fs == null) {
            URI uri = path.toUri();
            FileSystemKey shared = new FileSystemKey(scheme(path), uri.getAuthority(), options);
            try {
                fs = SHARED_FILE_SYSTEMS.computeIfAbsent(shared, k -> {
                    try {
                        return FileSystem.newInstance(URI.create(k.scheme() + "://" + (k.authority() == null ? "" : k.authority()) + "/"), hadoopConfiguration());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw new IOException("Could not open the file system of " + path + ": " + e.getCause().getMessage(), e.getCause());
            }
            cache.put(key, fs);
        }
        return fs;
    }

    private static String fileSystemKey(Path path) {
        URI uri = path.toUri();
        return scheme(path) + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority());
    }

    private static String scheme(Path path) {
        String scheme = path.toUri().getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("HadoopFileIO needs paths with a scheme (hdfs://..., s3a://...), not " + path);
        }
        return scheme;
    }

    static org.apache.hadoop.fs.Path toHadoop(Path path) {
        return new org.apache.hadoop.fs.Path(path.toUri());
    }

    private static FileStatus status(Path path, org.apache.hadoop.fs.FileStatus status) {
        boolean isDir = status.isDirectory();
        return new FileStatus(path, isDir ? 0 : status.getLen(), isDir, status.getModificationTime());
    }

    private static void deleteTempQuietly(FileSystem fs, org.apache.hadoop.fs.Path temp, Path target) {
        try {
            fs.delete(temp, false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the temp file {} of publishing {}; it is left behind as garbage", temp, target, e);
        }
    }

    private static FileAlreadyExistsException alreadyExists(Path path, IOException cause, String reason) {
        FileAlreadyExistsException e = new FileAlreadyExistsException(path.toString(), null, reason);
        e.initCause(cause);
        return e;
    }

    /** Identifies a shared file system: one per scheme, authority and set of options. */
    private record FileSystemKey(String scheme, String authority, Map<String, String> options) {}
}
