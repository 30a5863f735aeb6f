package io.tstore.benchmarks.lsm;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.buffer.MemoryOwner;
import io.tstore.lsm.buffer.MemoryPool;
import io.tstore.lsm.buffer.WriteBuffer;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.LocalRunFiles;
import io.tstore.lsm.io.Serializer;
import io.tstore.lsm.merge.DeduplicateMergeFunction;
import io.tstore.lsm.merge.MergeFunctionReader;
import io.tstore.options.MemorySize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;

/**
 * The write buffer: inserting records into its pages, and flushing it (sort, merge per key, write a level-0
 * run in the local run format). Scores are records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class WriteBufferBenchmark {
    static final int RECORDS = 100_000;
    private static final KeyValueSerializer<Long, byte[]> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.BYTES);

    /** Bytes of each value. */
    @Param({"100"})
    public int valueSize;

    /** Distinct keys the records are drawn from; fewer keys mean more versions merged per key. */
    @Param({"100000"})
    public int keySpace;

    private MemoryPool pool;
    private WriteBuffer<Long, byte[]> buffer;
    private KeyValue<Long, byte[]>[] records;
    private Path dir;
    private LocalRunFiles<Long, byte[]> files;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        pool = new MemoryPool(MemorySize.ofMebiBytes(256), MemorySize.ofKibiBytes(64));
        buffer = new WriteBuffer<>(pool, MemoryOwner.NONE, SERIALIZER, Comparator.naturalOrder(), null, 0);
        Random random = new Random(1);
        records = new KeyValue[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            byte[] value = new byte[valueSize];
            random.nextBytes(value);
            records[i] = new KeyValue<>((long) random.nextInt(keySpace), i, RowKind.INSERT, value);
        }
        dir = Files.createTempDirectory("tstore-bench-buffer");
        files = new LocalRunFiles<>(dir, SERIALIZER, Comparator.naturalOrder(), 128L << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        buffer.clear();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long insert() throws IOException {
        buffer.clear();
        for (KeyValue<Long, byte[]> record : records) {
            if (!buffer.put(record)) {
                throw new IllegalStateException("buffer too small for the benchmark");
            }
        }
        return buffer.size();
    }

    /** Inserting and then flushing: sort, merge per key, write one level-0 run. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void insertAndFlush(Blackhole blackhole) throws IOException {
        insert();
        RunWriter<Long, byte[]> writer = files.newWriter(0);
        try (MergeFunctionReader<Long, byte[]> reader =
                new MergeFunctionReader<>(buffer.sortedReader(), Comparator.naturalOrder(), new DeduplicateMergeFunction<>(), false)) {
            for (KeyValue<Long, byte[]> kv = reader.read(); kv != null; kv = reader.read()) {
                writer.write(kv);
            }
        }
        var written = writer.close();
        blackhole.consume(written);
        written.forEach(files::delete);
    }

    /** Sorting and merging the buffer without writing, to separate the in-memory cost from the file format's. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long insertAndSort() throws IOException {
        insert();
        long count = 0;
        try (RecordReader<KeyValue<Long, byte[]>> reader = buffer.sortedReader()) {
            while (reader.read() != null) {
                count++;
            }
        }
        return count;
    }
}
