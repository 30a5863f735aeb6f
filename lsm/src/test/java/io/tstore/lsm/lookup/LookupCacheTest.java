package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.LocalRunFiles;
import io.tstore.lsm.io.Serializer;
import io.tstore.options.MemorySize;
import io.tstore.options.Options;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timeouts turn a livelock of the cache (a file closed before its reader retains it) into a failure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LookupCacheTest {
    private static final KeyValueSerializer<Long, Long> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.LONG);

    @TempDir
    Path tempDir;

    private LocalRunFiles<Long, Long> runFiles;
    private LsmFile<Long> dataFile;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void writeDataFile() throws IOException {
        runFiles = new LocalRunFiles<>(tempDir.resolve("data"), SERIALIZER, Long::compare, Long.MAX_VALUE);
        RunWriter<Long, Long> writer = runFiles.newWriter(1);
        for (long key = 0; key < 100; key++) {
            writer.write(new KeyValue<>(key, key, RowKind.INSERT, key * 10));
        }
        dataFile = writer.close().get(0);
    }

    private LookupCache.Loader<Long, Long> loader() {
        return () -> {
            loads.incrementAndGet();
            return LookupFile.create(dataFile, runFiles, SERIALIZER, Long::compare, tempDir.resolve("lookup"), 256);
        };
    }

    private long lookupFileSize() throws IOException {
        LookupFile<Long, Long> file = loader().load();
        file.close();
        loads.set(0);
        return file.fileSize();
    }

    private List<Path> localFiles() throws IOException {
        try (Stream<Path> files = Files.list(tempDir.resolve("lookup"))) {
            return files.toList();
        }
    }

    @Test
    void buildsOnceAndSharesTheFile() throws IOException {
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofMebiBytes(1), Duration.ofHours(1));
        LookupFile<Long, Long> first = cache.get("t/a", loader());
        LookupFile<Long, Long> second = cache.get("t/a", loader());
        assertThat(second).isSameAs(first);
        assertThat(loads).hasValue(1);
        assertThat(first.get(7L)).isEqualTo(new KeyValue<>(7L, 7, RowKind.INSERT, 70L));
        first.release();
        second.release();
        assertThat(first.localPath()).as("the cache still holds it").exists();
        assertThat(cache.contains("t/a")).isTrue();
        assertThat(cache.fileCount()).isEqualTo(1);
        assertThat(cache.diskSize()).isEqualTo(first.fileSize());

        cache.invalidate("t/a");
        assertThat(first.localPath()).doesNotExist();
        assertThat(cache.fileCount()).isZero();
    }

    @Test
    void aFileLargerThanTheCacheIsReadableUntilReleased() throws IOException {
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofBytes(1), Duration.ofHours(1));
        LookupFile<Long, Long> file = cache.get("t/a", loader());
        assertThat(cache.fileCount()).as("evicted at once").isZero();
        assertThat(file.get(99L)).isEqualTo(new KeyValue<>(99L, 99, RowKind.INSERT, 990L));
        file.release();
        assertThat(file.localPath()).doesNotExist();

        LookupFile<Long, Long> again = cache.get("t/a", loader());
        assertThat(again).isNotSameAs(file);
        assertThat(again.get(0L)).isEqualTo(new KeyValue<>(0L, 0, RowKind.INSERT, 0L));
        again.release();
        assertThat(loads).hasValue(2);
        assertThat(localFiles()).isEmpty();
    }

    @Test
    void evictsBeyondTheMaxDiskSize() throws IOException {
        long fileSize = lookupFileSize();
        long maxDiskSize = fileSize * 3 + fileSize / 2;
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofBytes(maxDiskSize), Duration.ofHours(1));
        for (int i = 0; i < 20; i++) {
            cache.get("t/" + i, loader()).release();
            assertThat(cache.diskSize()).isLessThanOrEqualTo(maxDiskSize);
            assertThat(localFiles().size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.fileCount()).isEqualTo(3);
        cache.invalidateAll();
        assertThat(localFiles()).isEmpty();
    }

    @Test
    void expiresFilesNotReadForTheRetention() throws IOException {
        AtomicLong nanos = new AtomicLong();
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofMebiBytes(1), Duration.ofHours(1), nanos::get);
        LookupFile<Long, Long> file = cache.get("t/a", loader());
        file.release();

        nanos.addAndGet(Duration.ofMinutes(40).toNanos());
        cache.get("t/a", loader()).release();
        nanos.addAndGet(Duration.ofMinutes(40).toNanos());
        cache.cleanUp();
        assertThat(file.localPath()).as("read 40 minutes ago").exists();
        assertThat(loads).hasValue(1);

        nanos.addAndGet(Duration.ofMinutes(21).toNanos());
        cache.cleanUp();
        assertThat(file.localPath()).as("not read for 61 minutes").doesNotExist();
        assertThat(cache.contains("t/a")).isFalse();
    }

    @Test
    void aFailedBuildReachesTheCallerAndCachesNothing() throws IOException {
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofMebiBytes(1), Duration.ofHours(1));
        runFiles.delete(dataFile);
        assertThatThrownBy(() -> cache.get("t/a", loader())).isInstanceOf(NoSuchFileException.class);
        assertThat(cache.contains("t/a")).isFalse();
        assertThat(localFiles()).isEmpty();
        assertThatThrownBy(() -> cache.get("t/b", () -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("t/b");
    }

    @Test
    void concurrentGetsOfOneFileBuildItOnce() throws Exception {
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofMebiBytes(1), Duration.ofHours(1));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<KeyValue<Long, Long>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long key = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    LookupFile<Long, Long> file = cache.get("t/a", loader());
                    try {
                        return file.get(key);
                    } finally {
                        file.release();
                    }
                }));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(new KeyValue<>((long) i, i, RowKind.INSERT, i * 10L));
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void readsFromOptions() {
        LookupCache<Long, Long> cache = LookupCache.fromOptions(Options.of("lookup.cache-max-disk-size", "1 mb"));
        assertThat(cache.fileCount()).isZero();
        assertThatThrownBy(() -> LookupCache.fromOptions(Options.of("lookup.cache-file-retention", "0 s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup.cache-file-retention");
    }
}
