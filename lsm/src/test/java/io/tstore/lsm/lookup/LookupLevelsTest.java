package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.LsmFileMeta;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.LocalRunFiles;
import io.tstore.lsm.io.Serializer;
import io.tstore.options.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timeouts turn a livelock of the cache (a file closed before its reader retains it) into a failure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LookupLevelsTest {
    private static final KeyValueSerializer<Long, Long> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.LONG);
    private static final int NUM_LEVELS = 4;
    private static final int KEY_SPACE = 400;
    // Small data files and blocks, so that every level has several files and every lookup file several blocks.
    private static final long TARGET_FILE_SIZE = 512;
    private static final MemorySize BLOCK_SIZE = MemorySize.ofBytes(128);

    @TempDir
    Path tempDir;

    private LocalRunFiles<Long, Long> dataFiles(String name) {
        return new LocalRunFiles<>(tempDir.resolve(name), SERIALIZER, Long::compare, TARGET_FILE_SIZE);
    }

    private static LookupCache<Long, Long> bigCache() {
        return new LookupCache<>(MemorySize.parse("1 gb"), Duration.ofHours(1));
    }

    private LookupLevels<Long, Long> lookupLevels(
            Levels<Long> levels, RunFiles<Long, Long> runFiles, LookupCache<Long, Long> cache, String namespace, Path localDir) {
        return new LookupLevels<>(levels, Long::compare, runFiles, SERIALIZER, cache, namespace, localDir, BLOCK_SIZE);
    }

    /** Every key of the key space and a few outside it, from every start level, against the model. */
    private static void checkAgainstModel(LookupLevels<Long, Long> lookup, RandomTree tree, String context) throws IOException {
        for (long key = -3; key < tree.keySpace + 3; key++) {
            for (int startLevel = 0; startLevel <= tree.numLevels; startLevel++) {
                assertThat(lookup.lookup(key, startLevel))
                        .as("%s: key %d from level %d", context, key, startLevel)
                        .isEqualTo(tree.expected(key, startLevel));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void findsEveryVersionOnTheLevelsAboveAStartLevel(long seed) throws IOException {
        LocalRunFiles<Long, Long> dataFiles = dataFiles("data");
        RandomTree tree = new RandomTree(new Random(seed), dataFiles, NUM_LEVELS, KEY_SPACE, 3);
        Levels<Long> levels = tree.newLevels();
        LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, bigCache(), "t/bucket-0", tempDir.resolve("lookup"));
        int keysOnSeveralLevels = 0;
        for (long key = -3; key < tree.keySpace + 3; key++) {
            for (int startLevel = 1; startLevel <= NUM_LEVELS; startLevel++) {
                List<KeyValue<Long, Long>> expected = tree.expectedAll(key, startLevel);
                assertThat(lookup.lookupAll(key, startLevel))
                        .as("seed %d: key %d from level %d", seed, key, startLevel)
                        .isEqualTo(expected);
                if (startLevel == 1 && expected.size() > 1) {
                    keysOnSeveralLevels++;
                }
            }
        }
        assertThat(keysOnSeveralLevels).as("keys with versions on several levels").isPositive();
        // The newest of them is what lookup finds.
        for (long key = 0; key < tree.keySpace; key++) {
            List<KeyValue<Long, Long>> all = lookup.lookupAll(key, 1);
            assertThat(lookup.lookup(key, 1)).isEqualTo(all.isEmpty() ? null : all.get(all.size() - 1));
        }
        lookup.close();
    }

    private static List<Path> localFiles(Path localDir) throws IOException {
        if (!Files.exists(localDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(localDir)) {
            return files.sorted().toList();
        }
    }

    private static List<Path> localFilesOf(Path localDir, LsmFile<Long> dataFile) throws IOException {
        return localFiles(localDir).stream()
                .filter(p -> p.getFileName().toString().startsWith("lookup-" + dataFile.fileName() + "-"))
                .toList();
    }

    private static long localDiskSize(Path localDir) throws IOException {
        long size = 0;
        for (Path file : localFiles(localDir)) {
            size += Files.size(file);
        }
        return size;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void findsTheNewestVersionThroughCompactions(long seed) throws IOException {
        LocalRunFiles<Long, Long> dataFiles = dataFiles("data");
        RandomTree tree = new RandomTree(new Random(seed), dataFiles, NUM_LEVELS, KEY_SPACE, 3);
        Levels<Long> levels = tree.newLevels();
        Path localDir = tempDir.resolve("lookup");
        LookupCache<Long, Long> cache = bigCache();
        LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, cache, "t/bucket-0", localDir);

        assertThat(levels.level0()).as("the tree has level-0 files").isNotEmpty();
        checkAgainstModel(lookup, tree, "seed " + seed + " initial");
        // Every file holds its own min key, which was looked up: every file has its lookup file now.
        for (LsmFile<Long> file : levels.allFiles()) {
            assertThat(localFilesOf(localDir, file)).as("lookup file of %s", file.fileName()).hasSize(1);
        }

        // A compaction of level 0 and level 1 into level 1; level 0 keeps receiving flushes.
        List<LsmFile<Long>> dropped = tree.compact(levels, 1, false);
        assertThat(dropped).isNotEmpty();
        for (LsmFile<Long> file : dropped) {
            assertThat(localFilesOf(localDir, file)).as("lookup file of dropped %s", file.fileName()).isEmpty();
            assertThat(cache.contains(lookup.idOf(file))).isFalse();
            // Lookups must not need the dropped data files any more.
            dataFiles.delete(file);
        }
        tree.flushLevel0(levels);
        checkAgainstModel(lookup, tree, "seed " + seed + " after compacting into level 1");

        // A full compaction into the last level, which drops retractions: deleted keys are gone.
        dropped = tree.compact(levels, NUM_LEVELS - 1, true);
        for (LsmFile<Long> file : dropped) {
            assertThat(localFilesOf(localDir, file)).as("lookup file of dropped %s", file.fileName()).isEmpty();
            dataFiles.delete(file);
        }
        checkAgainstModel(lookup, tree, "seed " + seed + " after a full compaction");
        assertThat(localFiles(localDir)).hasSameSizeAs(levels.allFiles());

        lookup.close();
        assertThat(localFiles(localDir)).isEmpty();
        assertThat(cache.fileCount()).isZero();
    }

    @Test
    void returnsRetractionsAndLooksOnlyAtLevelsFromTheStartLevel() throws IOException {
        LocalRunFiles<Long, Long> dataFiles = dataFiles("data");
        List<LsmFile<Long>> files = new ArrayList<>();
        files.addAll(write(dataFiles, 2, new KeyValue<>(5L, 1, RowKind.INSERT, 50L)));
        files.addAll(write(dataFiles, 1, new KeyValue<>(5L, 2, RowKind.UPDATE_AFTER, 51L)));
        files.addAll(write(dataFiles, 0, new KeyValue<>(5L, 3, RowKind.DELETE, null)));
        Levels<Long> levels = new Levels<>(Long::compare, files, 3);
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, bigCache(), "t", tempDir.resolve("lookup"))) {
            assertThat(lookup.lookup(5L, 0)).isEqualTo(new KeyValue<>(5L, 3, RowKind.DELETE, null));
            assertThat(lookup.lookup(5L, 1)).isEqualTo(new KeyValue<>(5L, 2, RowKind.UPDATE_AFTER, 51L));
            assertThat(lookup.lookup(5L, 2)).isEqualTo(new KeyValue<>(5L, 1, RowKind.INSERT, 50L));
            assertThat(lookup.lookup(5L, 3)).isNull();
            assertThat(lookup.lookup(4L, 0)).isNull();
            assertThatThrownBy(() -> lookup.lookup(5L, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("startLevel");
        }
    }

    @Test
    void searchesLevel0NewestFirst() throws IOException {
        LocalRunFiles<Long, Long> dataFiles = dataFiles("data");
        // Overlapping level-0 files; the newest holds the latest version of key 10.
        List<LsmFile<Long>> files = new ArrayList<>();
        files.addAll(write(dataFiles, 0, kv(1, 1), kv(10, 2), kv(20, 3)));
        files.addAll(write(dataFiles, 0, kv(5, 4), kv(10, 5)));
        files.addAll(write(dataFiles, 0, kv(10, 6), kv(30, 7)));
        Levels<Long> levels = new Levels<>(Long::compare, files, 2);
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, bigCache(), "t", tempDir.resolve("lookup"))) {
            assertThat(lookup.lookup(10L, 0)).isEqualTo(kv(10, 6));
            assertThat(lookup.lookup(5L, 0)).isEqualTo(kv(5, 4));
            assertThat(lookup.lookup(20L, 0)).isEqualTo(kv(20, 3));
            assertThat(lookup.lookup(10L, 1)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void neverOpensFilesWhoseKeyRangeExcludesTheKey(long seed) throws IOException {
        CountingRunFiles<Long, Long> dataFiles = new CountingRunFiles<>(dataFiles("data"));
        RandomTree tree = new RandomTree(new Random(seed), dataFiles, NUM_LEVELS, KEY_SPACE, 3);
        Levels<Long> levels = tree.newLevels();
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, bigCache(), "t", tempDir.resolve("lookup"))) {
            for (long key = -3; key < KEY_SPACE + 3; key++) {
                for (int startLevel = 0; startLevel <= 2; startLevel++) {
                    int readsBefore = dataFiles.readCount();
                    KeyValue<Long, Long> found = lookup.lookup(key, startLevel);
                    assertThat(found).isEqualTo(tree.expected(key, startLevel));
                    int foundLevel = tree.levelOf(key, startLevel);
                    Set<Integer> levelsRead = new HashSet<>();
                    for (LsmFile<Long> file : dataFiles.readsSince(readsBefore)) {
                        assertThat(file.minKey()).as("min key of %s read for key %d", file.fileName(), key).isLessThanOrEqualTo(key);
                        assertThat(file.maxKey()).as("max key of %s read for key %d", file.fileName(), key).isGreaterThanOrEqualTo(key);
                        assertThat(file.level()).as("level of %s read for key %d", file.fileName(), key)
                                .isGreaterThanOrEqualTo(startLevel);
                        if (foundLevel >= 0) {
                            assertThat(file.level()).as("a lookup stops at the first level holding the key").isLessThanOrEqualTo(foundLevel);
                        }
                        if (file.level() > 0) {
                            assertThat(levelsRead.add(file.level())).as("at most one file of level %d", file.level()).isTrue();
                        }
                    }
                }
            }
            // The cache is big enough: every file was read at most once.
            List<LsmFile<Long>> reads = dataFiles.reads();
            assertThat(reads.stream().map(LsmFile::fileName).distinct().count()).isEqualTo(reads.size());
        }
    }

    @Test
    void upgradedFileKeepsItsLookupFile() throws IOException {
        CountingRunFiles<Long, Long> dataFiles = new CountingRunFiles<>(dataFiles("data"));
        List<LsmFile<Long>> files = write(dataFiles, 1, kv(1, 1), kv(2, 2));
        Levels<Long> levels = new Levels<>(Long::compare, files, 3);
        Path localDir = tempDir.resolve("lookup");
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, bigCache(), "t", localDir)) {
            assertThat(lookup.lookup(2L, 0)).isEqualTo(kv(2, 2));
            LsmFile<Long> file = files.get(0);
            levels.update(List.of(file), List.of(file.upgrade(2)));
            assertThat(lookup.lookup(2L, 2)).isEqualTo(kv(2, 2));
            assertThat(lookup.lookup(2L, 1)).isEqualTo(kv(2, 2));
            assertThat(dataFiles.readCount()).as("moving a file to another level does not rebuild its lookup file").isEqualTo(1);
            assertThat(localFiles(localDir)).hasSize(1);
        }
    }

    @Test
    void tinyCacheDeletesLocalFilesAndLookupsRebuildThem() throws IOException {
        CountingRunFiles<Long, Long> dataFiles = new CountingRunFiles<>(dataFiles("data"));
        RandomTree tree = new RandomTree(new Random(11), dataFiles, NUM_LEVELS, KEY_SPACE, 2);
        Levels<Long> levels = tree.newLevels();
        Path localDir = tempDir.resolve("lookup");
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofBytes(1), Duration.ofHours(1));
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, cache, "t", localDir)) {
            for (int round = 0; round < 2; round++) {
                for (long key = 0; key < KEY_SPACE; key += 7) {
                    assertThat(lookup.lookup(key, 0)).isEqualTo(tree.expected(key, 0));
                    assertThat(localFiles(localDir)).as("no file fits in a cache of one byte").isEmpty();
                }
            }
            List<LsmFile<Long>> reads = dataFiles.reads();
            assertThat(reads.stream().map(LsmFile::fileName).distinct().count())
                    .as("lookup files were rebuilt after eviction")
                    .isLessThan(reads.size());
        }
    }

    @Test
    void cacheBoundsTheLocalDiskSize() throws IOException {
        CountingRunFiles<Long, Long> dataFiles = new CountingRunFiles<>(dataFiles("data"));
        RandomTree tree = new RandomTree(new Random(12), dataFiles, NUM_LEVELS, KEY_SPACE, 2);
        Levels<Long> levels = tree.newLevels();
        Path localDir = tempDir.resolve("lookup");
        // Room for a few lookup files of about 500 bytes, far fewer than the tree has.
        long maxDiskSize = 1500;
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofBytes(maxDiskSize), Duration.ofHours(1));
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, cache, "t", localDir)) {
            Random random = new Random(12);
            for (int i = 0; i < 2000; i++) {
                long key = random.nextInt(KEY_SPACE);
                int startLevel = random.nextInt(NUM_LEVELS);
                assertThat(lookup.lookup(key, startLevel)).isEqualTo(tree.expected(key, startLevel));
                assertThat(localDiskSize(localDir)).isLessThanOrEqualTo(maxDiskSize);
                assertThat(cache.diskSize()).isLessThanOrEqualTo(maxDiskSize);
            }
            assertThat(dataFiles.readCount()).as("evicted files were rebuilt").isGreaterThan(levels.allFiles().size());
        }
        assertThat(localFiles(localDir)).isEmpty();
    }

    @Test
    void treesSharingTheCacheAreKeptApartByNamespace() throws IOException {
        // Two trees whose data files have the same name but different contents.
        LocalRunFiles<Long, Long> first = dataFiles("first");
        LocalRunFiles<Long, Long> second = dataFiles("second");
        LsmFile<Long> firstFile = write(first, 1, kv(1, 1), kv(2, 2)).get(0);
        LsmFile<Long> written = write(second, 1, new KeyValue<>(1L, 9, RowKind.INSERT, 99L)).get(0);
        Files.move(second.pathOf(written), second.directory().resolve(firstFile.fileName()));
        LsmFile<Long> secondFile = new LsmFileMeta<>(firstFile.fileName(), written.fileSize(), 1, 0, 1L, 1L, 9, 9, 1);

        LookupCache<Long, Long> cache = bigCache();
        Levels<Long> firstLevels = new Levels<>(Long::compare, List.of(firstFile), 2);
        Levels<Long> secondLevels = new Levels<>(Long::compare, List.of(secondFile), 2);
        LookupLevels<Long, Long> firstLookup = lookupLevels(firstLevels, first, cache, "db.t/p=1/bucket-0", tempDir.resolve("lookup"));
        LookupLevels<Long, Long> secondLookup = lookupLevels(secondLevels, second, cache, "db.t/p=2/bucket-0", tempDir.resolve("lookup"));

        assertThat(firstLookup.lookup(1L, 0)).isEqualTo(kv(1, 1));
        assertThat(secondLookup.lookup(1L, 0)).isEqualTo(new KeyValue<>(1L, 9, RowKind.INSERT, 99L));
        assertThat(secondLookup.lookup(2L, 0)).isNull();
        assertThat(cache.fileCount()).isEqualTo(2);

        // Closing one tree drops only its own files.
        firstLookup.close();
        assertThat(cache.fileCount()).isEqualTo(1);
        assertThat(cache.contains(secondLookup.idOf(secondFile))).isTrue();
        assertThat(localFiles(tempDir.resolve("lookup"))).hasSize(1);
        assertThatThrownBy(() -> firstLookup.lookup(1L, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("db.t/p=1/bucket-0");
        assertThat(secondLookup.lookup(1L, 0)).isEqualTo(new KeyValue<>(1L, 9, RowKind.INSERT, 99L));
        secondLookup.close();
        assertThat(localFiles(tempDir.resolve("lookup"))).isEmpty();
    }

    @Test
    void concurrentLookupsOfTwoTreesThroughASmallCache() throws Exception {
        LocalRunFiles<Long, Long> firstFiles = dataFiles("first");
        LocalRunFiles<Long, Long> secondFiles = dataFiles("second");
        RandomTree firstTree = new RandomTree(new Random(21), firstFiles, NUM_LEVELS, KEY_SPACE, 3);
        RandomTree secondTree = new RandomTree(new Random(22), secondFiles, NUM_LEVELS, KEY_SPACE, 3);
        // Small enough that files are evicted while other threads read them.
        LookupCache<Long, Long> cache = new LookupCache<>(MemorySize.ofBytes(3000), Duration.ofHours(1));
        Path localDir = tempDir.resolve("lookup");
        LookupLevels<Long, Long> first = lookupLevels(firstTree.newLevels(), firstFiles, cache, "first", localDir);
        LookupLevels<Long, Long> second = lookupLevels(secondTree.newLevels(), secondFiles, cache, "second", localDir);

        ExecutorService executor = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 6; thread++) {
                long seed = thread;
                boolean useFirst = thread % 2 == 0;
                futures.add(executor.submit(() -> {
                    Random random = new Random(seed);
                    LookupLevels<Long, Long> lookup = useFirst ? first : second;
                    RandomTree tree = useFirst ? firstTree : secondTree;
                    for (int i = 0; i < 3000; i++) {
                        long key = random.nextInt(KEY_SPACE);
                        int startLevel = random.nextInt(2);
                        assertThat(lookup.lookup(key, startLevel))
                                .as("key %d from level %d", key, startLevel)
                                .isEqualTo(tree.expected(key, startLevel));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        first.close();
        second.close();
        assertThat(localFiles(localDir)).isEmpty();
    }

    @Test
    void dataFileReadFailureReachesTheCallerAndLeavesNothing() throws IOException {
        LocalRunFiles<Long, Long> dataFiles = dataFiles("data");
        List<LsmFile<Long>> files = write(dataFiles, 1, kv(1, 1), kv(2, 2));
        Levels<Long> levels = new Levels<>(Long::compare, files, 2);
        Path localDir = tempDir.resolve("lookup");
        LookupCache<Long, Long> cache = bigCache();
        try (LookupLevels<Long, Long> lookup = lookupLevels(levels, dataFiles, cache, "t", localDir)) {
            dataFiles.delete(files.get(0));
            assertThatThrownBy(() -> lookup.lookup(1L, 0)).isInstanceOf(IOException.class);
            assertThat(localFiles(localDir)).isEmpty();
            assertThat(cache.fileCount()).isZero();
        }
    }

    private static KeyValue<Long, Long> kv(long key, long sequence) {
        return new KeyValue<>(key, sequence, RowKind.INSERT, key * 100 + sequence);
    }

    @SafeVarargs
    private static List<LsmFile<Long>> write(RunFiles<Long, Long> runFiles, int level, KeyValue<Long, Long>... records)
            throws IOException {
        RunWriter<Long, Long> writer = runFiles.newWriter(level);
        for (KeyValue<Long, Long> record : records) {
            writer.write(record);
        }
        return writer.close();
    }
}
