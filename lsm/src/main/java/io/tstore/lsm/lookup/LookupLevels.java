package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.options.MemorySize;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Finds the latest version of a key in the levels of one LSM tree, through local lookup files kept in a
 * process-wide {@link LookupCache}. The {@code lookup} changelog producer uses it to find the old value of a
 * changed key in the levels above a compaction's output; the partial-update and first-row merge engines use it to
 * find a key's current value.
 *
 * <p>Lower levels hold newer data: level-0 files, newest first, then levels 1, 2, ... The first record found is
 * the latest, and is returned whatever its kind: a DELETE means the key was deleted, which only the caller can
 * interpret. Only files whose key range holds the key are opened; a file's lookup file is built on its first
 * lookup and dropped when the file leaves the tree (the {@link Levels} drop callback) or when the cache evicts it.
 *
 * <p>Reads the {@link Levels} without a lock: call {@link #lookup} from the thread that owns the tree, or from a
 * compaction thread with a start level of at least 1 while the owner only adds level-0 files.
 */
public final class LookupLevels<K, V> implements Closeable {
    private final Levels<K> levels;
    private final Comparator<K> keyComparator;
    private final RunFiles<K, V> runFiles;
    private final KeyValueSerializer<K, V> serializer;
    private final LookupCache<K, V> cache;
    private final String namespace;
    private final Path localDirectory;
    private final int blockSize;
    // Ids this tree put in the shared cache and has not dropped yet; close() invalidates them.
    private final Set<String> loadedIds = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Lookup levels with the default block size of {@link LookupOptions#LOCAL_FILE_BLOCK_SIZE}. */
    public LookupLevels(
            Levels<K> levels,
            Comparator<K> keyComparator,
            RunFiles<K, V> runFiles,
            KeyValueSerializer<K, V> serializer,
            LookupCache<K, V> cache,
            String namespace,
            Path localDirectory) {
        this(levels, keyComparator, runFiles, serializer, cache, namespace, localDirectory,
                LookupOptions.LOCAL_FILE_BLOCK_SIZE.defaultValue());
    }

    /**
     * @param namespace makes this tree's file names unique in the shared cache, e.g. table, partition and bucket;
     *     no two open lookup levels may share one
     * @param localDirectory where this tree's local lookup files go; created when missing
     * @param blockSize the block size of local lookup files (see {@link LookupOptions#LOCAL_FILE_BLOCK_SIZE})
     */
    public LookupLevels(
            Levels<K> levels,
            Comparator<K> keyComparator,
            RunFiles<K, V> runFiles,
            KeyValueSerializer<K, V> serializer,
            LookupCache<K, V> cache,
            String namespace,
            Path localDirectory,
            MemorySize blockSize) {
        this.levels = requireNonNull(levels, "levels is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.runFiles = requireNonNull(runFiles, "runFiles is null");
        this.serializer = requireNonNull(serializer, "serializer is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.localDirectory = requireNonNull(localDirectory, "localDirectory is null");
        requireNonNull(blockSize, "blockSize is null");
        if (blockSize.bytes() <= 0 || blockSize.bytes() > (1L << 30)) {
            throw new IllegalArgumentException("blockSize must be between 1 b and 1 gb, got " + blockSize);
        }
        this.blockSize = blockSize.bytesAsInt();
        try {
            Files.createDirectories(localDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local lookup directory " + localDirectory, e);
        }
        levels.addDropFileCallback(this::onDropFile);
    }

    /**
     * The latest record of {@code key} on levels {@code startLevel} and higher, or null when none holds the key.
     * Level 0 is searched only when {@code startLevel} is 0; a start level above the tree's max level finds
     * nothing.
     */
    public KeyValue<K, V> lookup(K key, int startLevel) throws IOException {
        requireNonNull(key, "key is null");
        if (startLevel < 0) {
            throw new IllegalArgumentException("startLevel must not be negative: " + startLevel);
        }
        if (closed) {
            throw new IllegalStateException("Lookup levels of " + namespace + " are closed");
        }
        if (startLevel == 0) {
            for (LsmFile<K> file : levels.level0()) {
                if (contains(file, key)) {
                    KeyValue<K, V> found = lookup(file, key);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        for (int level = Math.max(1, startLevel); level <= levels.maxLevel(); level++) {
            LsmFile<K> file = fileContaining(levels.runOfLevel(level), key);
            if (file != null) {
                KeyValue<K, V> found = lookup(file, key);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Every record of {@code key} on levels {@code startLevel} and higher, oldest first: the highest level's first,
     * level 0's last (its files oldest first). Merge engines that fold all versions of a key (partial-update,
     * aggregation, first-row, a sequence field) need them all, where the latest alone is enough for deduplicate.
     */
    public List<KeyValue<K, V>> lookupAll(K key, int startLevel) throws IOException {
        requireNonNull(key, "key is null");
        if (startLevel < 0) {
            throw new IllegalArgumentException("startLevel must not be negative: " + startLevel);
        }
        if (closed) {
            throw new IllegalStateException("Lookup levels of " + namespace + " are closed");
        }
        List<KeyValue<K, V>> found = new ArrayList<>();
        for (int level = levels.maxLevel(); level >= Math.max(1, startLevel); level--) {
            LsmFile<K> file = fileContaining(levels.runOfLevel(level), key);
            if (file != null) {
                KeyValue<K, V> record = lookup(file, key);
                if (record != null) {
                    found.add(record);
                }
            }
        }
        if (startLevel == 0) {
            List<LsmFile<K>> level0 = levels.level0();
            for (int i = level0.size() - 1; i >= 0; i--) {
                LsmFile<K> file = level0.get(i);
                if (contains(file, key)) {
                    KeyValue<K, V> record = lookup(file, key);
                    if (record != null) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private boolean contains(LsmFile<K> file, K key) {
        return keyComparator.compare(file.minKey(), key) <= 0 && keyComparator.compare(key, file.maxKey()) <= 0;
    }

    /** The one file of a sorted run whose key range holds {@code key}, or null. */
    private LsmFile<K> fileContaining(SortedRun<K> run, K key) {
        List<LsmFile<K>> files = run.files();
        int low = 0;
        int high = files.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            LsmFile<K> file = files.get(mid);
            if (keyComparator.compare(key, file.minKey()) < 0) {
                high = mid - 1;
            } else if (keyComparator.compare(key, file.maxKey()) > 0) {
                low = mid + 1;
            } else {
                return file;
            }
        }
        return null;
    }

    private KeyValue<K, V> lookup(LsmFile<K> file, K key) throws IOException {
        String id = idOf(file);
        LookupFile<K, V> lookupFile = cache.get(id, () -> {
            LookupFile<K, V> created =
                    LookupFile.create(file, runFiles, serializer, keyComparator, localDirectory, blockSize);
            loadedIds.add(id);
            return created;
        });
        try {
            return lookupFile.get(key);
        } finally {
            lookupFile.release();
        }
    }

    private void onDropFile(LsmFile<K> file) {
        String id = idOf(file);
        loadedIds.remove(id);
        cache.invalidate(id);
    }

    /** The identity of a data file in the shared cache: file names are unique only within one tree. */
    public String idOf(LsmFile<K> file) {
        return namespace + "/" + file.fileName();
    }

    public String namespace() {
        return namespace;
    }

    /** Drops this tree's lookup files from the shared cache and deletes them; lookups fail afterwards. */
    @Override
    public void close() {
        closed = true;
        for (String id : loadedIds) {
            cache.invalidate(id);
        }
        loadedIds.clear();
    }
}
