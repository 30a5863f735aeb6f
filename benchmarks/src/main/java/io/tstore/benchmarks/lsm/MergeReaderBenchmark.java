package io.tstore.benchmarks.lsm;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.LocalRunFiles;
import io.tstore.lsm.io.Serializer;
import io.tstore.lsm.merge.DeduplicateMergeFunction;
import io.tstore.lsm.merge.LoserTree;
import io.tstore.lsm.merge.MergeFunctionReader;
import io.tstore.lsm.merge.MergeReaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The merge reader over k sorted runs of n keys each (keys drawn from k * n, so runs overlap): the loser tree
 * alone over runs in memory, and the full merge of runs in local files through the deduplicating merge
 * function. The secondary score {@code :records} is merged records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class MergeReaderBenchmark {
    private static final KeyValueSerializer<Long, Long> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.LONG);
    private static final Comparator<Long> CMP = Comparator.naturalOrder();

    @Param({"2", "5", "10"})
    public int k;

    @Param({"100000"})
    public int n;

    private List<List<KeyValue<Long, Long>>> memoryRuns;
    private List<SortedRun<Long>> fileRuns;
    private LocalRunFiles<Long, Long> files;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(k * 31L + n);
        dir = Files.createTempDirectory("tstore-bench-merge");
        files = new LocalRunFiles<>(dir, SERIALIZER, CMP, 64L << 20);
        memoryRuns = new ArrayList<>();
        fileRuns = new ArrayList<>();
        long sequence = 0;
        for (int run = 0; run < k; run++) {
            long[] keys = random.longs(n, 0, (long) k * n).sorted().distinct().toArray();
            List<KeyValue<Long, Long>> records = new ArrayList<>(keys.length);
            for (long key : keys) {
                records.add(new KeyValue<>(key, sequence++, RowKind.INSERT, key * 7));
            }
            memoryRuns.add(records);
            RunWriter<Long, Long> writer = files.newWriter(0);
            for (KeyValue<Long, Long> kv : records) {
                writer.write(kv);
            }
            List<LsmFile<Long>> written = writer.close();
            fileRuns.add(SortedRun.fromSorted(written));
        }
        System.out.printf("%n%d runs, %s records each%n", k, Arrays.toString(memoryRuns.stream().mapToInt(List::size).toArray()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Only the loser tree: k in-memory runs merged into one sorted stream. */
    @Benchmark
    public void loserTreeInMemory(Blackhole blackhole, RecordCounter counter) throws IOException {
        List<RecordReader<KeyValue<Long, Long>>> readers = new ArrayList<>();
        for (List<KeyValue<Long, Long>> run : memoryRuns) {
            readers.add(RecordReader.fromIterator(run.iterator()));
        }
        try (LoserTree<KeyValue<Long, Long>> tree = new LoserTree<>(readers, MergeReaders.keyValueComparator(CMP))) {
            for (KeyValue<Long, Long> kv = tree.read(); kv != null; kv = tree.read()) {
                blackhole.consume(kv);
                counter.records++;
            }
        }
    }

    /** The loser tree plus the per-key merge function over k in-memory runs. */
    @Benchmark
    public void mergeInMemory(Blackhole blackhole, RecordCounter counter) throws IOException {
        List<RecordReader<KeyValue<Long, Long>>> readers = new ArrayList<>();
        for (List<KeyValue<Long, Long>> run : memoryRuns) {
            readers.add(RecordReader.fromIterator(run.iterator()));
        }
        try (MergeFunctionReader<Long, Long> reader = new MergeFunctionReader<>(
                new LoserTree<>(readers, MergeReaders.keyValueComparator(CMP)), CMP, new DeduplicateMergeFunction<>(), true)) {
            for (KeyValue<Long, Long> kv = reader.read(); kv != null; kv = reader.read()) {
                blackhole.consume(kv);
                counter.records++;
            }
        }
    }

    /** The full merge of k runs read from local run files. */
    @Benchmark
    public void mergeFiles(Blackhole blackhole, RecordCounter counter) throws IOException {
        try (RecordReader<KeyValue<Long, Long>> reader =
                MergeReaders.mergeSection(fileRuns, files, CMP, new DeduplicateMergeFunction<>(), true)) {
            for (KeyValue<Long, Long> kv = reader.read(); kv != null; kv = reader.read()) {
                blackhole.consume(kv);
                counter.records++;
            }
        }
    }
}
