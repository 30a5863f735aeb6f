package io.tstore.lsm.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.tstore.options.MemorySize;
import io.tstore.options.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The local lookup files of all LSM trees of one process, bounded in disk size and expired when unused. Entries
 * are keyed by a file identity that the caller makes unique across trees (a tree's namespace and the data file's
 * name, since file names are unique only within a tree). A file that leaves the cache, evicted, expired or
 * invalidated, is closed and its local file deleted; readers that still hold it finish first (see
 * {@link LookupFile}).
 *
 * <p>Thread-safe: trees look up concurrently, and two lookups of one missing file build it once. Removals run in
 * the thread whose cache operation caused them, so that tests see deterministic state; deleting a local file is
 * cheap. A build holds a lock of the underlying map while it reads the data file, which can delay other
 * operations on entries that hash alike; builds read one data file and are rare next to lookups.
 */
public final class LookupCache<K, V> {
    private final Cache<String, LookupFile<K, V>> cache;

    /** Builds a local lookup file on a cache miss. */
    @FunctionalInterface
    public interface Loader<K, V> {
        LookupFile<K, V> load() throws IOException;
    }

    public LookupCache(MemorySize maxDiskSize, Duration fileRetention) {
        this(maxDiskSize, fileRetention, System::nanoTime);
    }

    /**
     * @param maxDiskSize the most bytes that the local files of the cache take together
     * @param fileRetention how long a file stays after it was last read
     * @param nanoClock the clock of expiry, in nanoseconds; tests pass a manual one
     */
    public LookupCache(MemorySize maxDiskSize, Duration fileRetention, LongSupplier nanoClock) {
        requireNonNull(maxDiskSize, "maxDiskSize is null");
        requireNonNull(fileRetention, "fileRetention is null");
        requireNonNull(nanoClock, "nanoClock is null");
        if (fileRetention.isZero() || fileRetention.isNegative()) {
            throw new IllegalArgumentException("fileRetention must be positive: " + fileRetention);
        }
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxDiskSize.bytes())
                .weigher((String id, LookupFile<K, V> file) -> (int) Math.min(Integer.MAX_VALUE, file.fileSize()))
                .expireAfterAccess(fileRetention)
                .ticker(nanoClock::getAsLong)
                .executor(Runnable::run)
                .removalListener((String id, LookupFile<K, V> file, RemovalCause cause) -> {
                    if (file != null) {
                        file.close();
                    }
                })
                .build();
    }

    /** A cache sized by {@link LookupOptions#CACHE_MAX_DISK_SIZE} and {@link LookupOptions#CACHE_FILE_RETENTION}. */
    public static <K, V> LookupCache<K, V> fromOptions(Options options) {
        requireNonNull(options, "options is null");
        return new LookupCache<>(LookupOptions.cacheMaxDiskSize(options), LookupOptions.cacheFileRetention(options));
    }

    /**
     * The lookup file of {@code id}, built with {@code loader} when the cache does not hold it. The file is
     * retained for the caller, who must {@link LookupFile#release() release} it after reading: it may leave the
     * cache at any time (even before this method returns, when it alone is larger than the cache), and it stays
     * readable until released.
     */
    public LookupFile<K, V> get(String id, Loader<K, V> loader) throws IOException {
        requireNonNull(id, "id is null");
        requireNonNull(loader, "loader is null");
        while (true) {
            LookupFile<K, V>[] built = newArray();
            LookupFile<K, V> file;
            try {
                file = cache.get(id, ignored -> {
                    LookupFile<K, V> loaded = load(id, loader);
                    // Retained before the cache can see it, so an immediate eviction cannot close it under us.
                    loaded.retain();
                    built[0] = loaded;
                    return loaded;
                });
            } catch (LoadFailure e) {
                throw e.getCause();
            }
            if (file == built[0] || file.retain()) {
                return file;
            }
            // Another thread's cache operation removed and closed this file between the cache's answer and our
            // retain; the cache no longer holds it, so the next attempt builds a fresh one or finds a newer one.
        }
    }

    private LookupFile<K, V> load(String id, Loader<K, V> loader) {
        LookupFile<K, V> loaded;
        try {
            loaded = loader.load();
        } catch (IOException e) {
            throw new LoadFailure(e);
        }
        return requireNonNull(loaded, () -> "The loader of lookup file '" + id + "' returned null");
    }

    /** Drops the file of {@code id}, if the cache holds it, and deletes its local file. */
    public void invalidate(String id) {
        cache.invalidate(requireNonNull(id, "id is null"));
    }

    /** Drops every file, for example when the process shuts its writers down. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** Whether the cache holds the file of {@code id} now; does not count as a read of it. */
    public boolean contains(String id) {
        return cache.asMap().containsKey(requireNonNull(id, "id is null"));
    }

    /** How many files the cache holds. */
    public long fileCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The bytes of local files the cache holds. */
    public long diskSize() {
        cache.cleanUp();
        long size = 0;
        for (LookupFile<K, V> file : cache.asMap().values()) {
            size += file.fileSize();
        }
        return size;
    }

    /** Runs pending evictions and expirations now; the cache otherwise runs them as it is used. */
    public void cleanUp() {
        cache.cleanUp();
    }

    @SuppressWarnings("unchecked")
    private static <K, V> LookupFile<K, V>[] newArray() {
        return (LookupFile<K, V>[]) new LookupFile<?, ?>[1];
    }

    /** Carries a loader's IOException through the cache's function, which cannot throw checked exceptions. */
    private static final class LoadFailure extends RuntimeException {
        LoadFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
