package io.tstore.benchmarks.lsm;

import io.tstore.lsm.CommitIncrement;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.MergeTreeWriter;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.buffer.MemoryPool;
import io.tstore.lsm.compact.CompactManager;
import io.tstore.lsm.compact.CompactionOptions;
import io.tstore.lsm.compact.IntervalPartition;
import io.tstore.lsm.compact.MergeTreeCompactRewriter;
import io.tstore.lsm.compact.UniversalCompaction;
import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.LocalRunFiles;
import io.tstore.lsm.io.Serializer;
import io.tstore.lsm.merge.DeduplicateMergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.lsm.merge.MergeReaders;
import io.tstore.options.MemorySize;
import io.tstore.options.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tour of the LSM engine: random upserts and deletes into one tree with a small write buffer and background
 * universal compaction, commits every so often, the tree's shape after each commit, and at the end a check of
 * the merged tree against a plain map.
 *
 * <p>Usage: {@code LsmDemo [records] [keys] [directory]}.
 */
public final class LsmDemo {
    private static final KeyValueSerializer<Long, byte[]> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.BYTES);
    private static final Comparator<Long> CMP = Comparator.naturalOrder();
    private static final MergeFunctionFactory<Long, byte[]> DEDUPLICATE = DeduplicateMergeFunction.factory();

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("tstore-lsm-demo");
        long commitEvery = Math.max(1, records / 10);

        Options options = Options.empty();
        MemoryPool pool = new MemoryPool(MemorySize.ofMebiBytes(16), MemorySize.ofKibiBytes(64));
        LocalRunFiles<Long, byte[]> files = new LocalRunFiles<>(dir, SERIALIZER, CMP, 8L << 20);
        ExecutorService compactionThread = Executors.newSingleThreadExecutor();
        Levels<Long> levels = new Levels<>(CMP, List.of(), CompactionOptions.numLevels(options));
        CompactManager<Long, byte[]> compactManager = new CompactManager<>(
                compactionThread,
                levels,
                UniversalCompaction.fromOptions(options),
                new MergeTreeCompactRewriter<>(files, CMP, DEDUPLICATE),
                files,
                CompactionOptions.stopTrigger(options),
                4L << 20);
        MergeTreeWriter<Long, byte[]> writer = new MergeTreeWriter<>(
                pool, SERIALIZER, CMP, null, 0, DEDUPLICATE, files, compactManager, false);

        System.out.printf("LSM demo: %,d upserts and deletes over %,d keys into %s%n", records, keys, dir);
        System.out.println("write buffer 16 mb, files of 8 mb, universal compaction with default options");
        System.out.printf("%n%12s %10s %8s %8s  %s%n", "records", "rec/s", "runs", "files", "levels (files, size)");

        Map<Long, Integer> model = new HashMap<>();
        Random random = new Random(42);
        byte[][] values = new byte[256][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[64 + i];
            random.nextBytes(values[i]);
        }
        long start = System.nanoTime();
        long windowStart = start;
        for (long i = 1; i <= records; i++) {
            long key = random.nextInt(keys);
            if (random.nextInt(20) == 0) {
                writer.write(RowKind.DELETE, key, null);
                model.remove(key);
            } else {
                int v = random.nextInt(values.length);
                writer.write(RowKind.INSERT, key, values[v]);
                model.put(key, v);
            }
            if (i % commitEvery == 0 || i == records) {
                CommitIncrement<Long> increment = writer.prepareCommit(i == records);
                long now = System.nanoTime();
                double rate = commitEvery / ((now - windowStart) / 1e9);
                windowStart = now;
                System.out.printf("%,12d %,10.0f %8d %8d  %s   (+%d flushed, %d compacted into %d)%n",
                        i, rate, levels.numberOfSortedRuns(), levels.allFiles().size(), shape(levels),
                        increment.newFiles().size(), increment.compactBefore().size(), increment.compactAfter().size());
                // Files compacted away are no longer needed once the commit is made; a table's expiry does this.
                List<String> live = levels.allFiles().stream().map(LsmFile::fileName).toList();
                for (LsmFile<Long> file : increment.compactBefore()) {
                    if (!live.contains(file.fileName())) {
                        files.delete(file);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nwrote %,d records in %.1f s: %,.0f records/s%n", records, seconds, records / seconds);

        long checkStart = System.nanoTime();
        long rows = 0;
        List<LsmFile<Long>> all = new ArrayList<>(levels.allFiles());
        try (RecordReader<KeyValue<Long, byte[]>> reader =
                MergeReaders.mergeSections(IntervalPartition.partition(all, CMP), files, CMP, DEDUPLICATE, true)) {
            for (KeyValue<Long, byte[]> kv = reader.read(); kv != null; kv = reader.read()) {
                Integer expected = model.get(kv.key());
                if (expected == null || !java.util.Arrays.equals(values[expected], kv.value())) {
                    throw new AssertionError("key " + kv.key() + " differs from the model");
                }
                rows++;
            }
        }
        if (rows != model.size()) {
            throw new AssertionError("the tree holds " + rows + " keys, the model " + model.size());
        }
        System.out.printf("merged read of %d files: %,d live keys in %.1f s, equal to the in-memory model%n",
                all.size(), rows, (System.nanoTime() - checkStart) / 1e9);

        writer.close();
        compactionThread.shutdown();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String shape(Levels<Long> levels) {
        StringBuilder sb = new StringBuilder();
        for (LevelSortedRun<Long> run : levels.levelSortedRuns()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append('L').append(run.level()).append('(').append(run.run().files().size()).append(", ")
                    .append(MemorySize.ofBytes(run.totalSize()).bytes() >> 20).append(" mb)");
        }
        return sb.toString();
    }
}
