package io.tstore.lsm.buffer;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.Serializer;
import io.tstore.lsm.merge.MergeReaders;
import io.tstore.options.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteBufferTest {
    private static final KeyValueSerializer<Long, String> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.STRING);

    @TempDir
    Path spillDir;

    @Test
    void spillsUnderATinyBudgetAndReadsEverythingBackSorted() throws IOException {
        MemoryPool pool = new MemoryPool(MemorySize.ofBytes(1024), MemorySize.ofBytes(256));
        MemoryOwner owner = MemoryOwner.NONE;
        WriteBuffer<Long, String> buffer = new WriteBuffer<>(pool, owner, SERIALIZER, Long::compare, spillDir, 1000);
        Random random = new Random(7);
        List<KeyValue<Long, String>> written = new ArrayList<>();
        for (long seq = 0; seq < 5000; seq++) {
            KeyValue<Long, String> kv = new KeyValue<>((long) random.nextInt(300), seq, RowKind.INSERT, "v" + seq);
            assertThat(buffer.put(kv)).isTrue();
            written.add(kv);
        }
        assertThat(buffer.spillFileCount()).isGreaterThan(10);
        assertThat(pool.usedBytes()).isLessThanOrEqualTo(1024);

        written.sort(MergeReaders.keyValueComparator(Comparator.<Long>naturalOrder()));
        assertThat(RecordReader.toList(buffer.sortedReader())).isEqualTo(written);

        buffer.clear();
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(pool.usedBytes()).isZero();
        try (var files = Files.list(spillDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void normalizedKeysExactOrNotSortLikeTheComparator() throws IOException {
        List<NormalizedKey<Long>> prefixes = List.of(
                normalizedKey(key -> key, true),
                normalizedKey(key -> key >> 3, false),
                normalizedKey(key -> 0, false));
        for (NormalizedKey<Long> prefix : prefixes) {
            // Small pages, so that records straddle page boundaries; spilling once, so both paths sort.
            MemoryPool pool = new MemoryPool(MemorySize.ofKibiBytes(64), MemorySize.ofBytes(100));
            WriteBuffer<Long, String> buffer =
                    new WriteBuffer<>(pool, MemoryOwner.NONE, SERIALIZER, Long::compare, spillDir, 10, prefix);
            Random random = new Random(5);
            List<KeyValue<Long, String>> written = new ArrayList<>();
            for (long seq = 0; seq < 3000; seq++) {
                long key = random.nextInt(500) - 250;
                KeyValue<Long, String> kv = new KeyValue<>(key, seq, RowKind.INSERT, random.nextBoolean() ? null : "v" + seq);
                assertThat(buffer.put(kv)).isTrue();
                written.add(kv);
                if (seq == 1000) {
                    buffer.spill();
                }
            }
            written.sort(MergeReaders.keyValueComparator(Comparator.<Long>naturalOrder()));
            assertThat(RecordReader.toList(buffer.sortedReader())).as("exact: %s", prefix.isExact()).isEqualTo(written);
            buffer.clear();
        }
    }

    private static NormalizedKey<Long> normalizedKey(java.util.function.LongUnaryOperator prefix, boolean exact) {
        return new NormalizedKey<>() {
            @Override
            public long prefix(Long key) {
                return prefix.applyAsLong(key);
            }

            @Override
            public boolean isExact() {
                return exact;
            }
        };
    }

    @Test
    void withoutSpillingAFullBufferAsksForAFlush() throws IOException {
        MemoryPool pool = new MemoryPool(MemorySize.ofBytes(1024), MemorySize.ofBytes(256));
        WriteBuffer<Long, String> buffer = new WriteBuffer<>(pool, MemoryOwner.NONE, SERIALIZER, Long::compare, null, 0);
        long seq = 0;
        while (buffer.put(new KeyValue<>(seq, seq, RowKind.INSERT, "value-" + seq))) {
            seq++;
        }
        assertThat(seq).isGreaterThan(10);
        assertThat(RecordReader.toList(buffer.sortedReader())).hasSize((int) seq);
    }

    @Test
    void recordsSpanningPagesSurvive() throws IOException {
        MemoryPool pool = new MemoryPool(MemorySize.ofKibiBytes(64), MemorySize.ofBytes(64));
        WriteBuffer<Long, String> buffer = new WriteBuffer<>(pool, MemoryOwner.NONE, SERIALIZER, Long::compare, null, 0);
        String big = "x".repeat(1000);
        assertThat(buffer.put(new KeyValue<>(2L, 1, RowKind.INSERT, big))).isTrue();
        assertThat(buffer.put(new KeyValue<>(1L, 2, RowKind.DELETE, null))).isTrue();
        assertThat(RecordReader.toList(buffer.sortedReader()))
                .containsExactly(new KeyValue<>(1L, 2, RowKind.DELETE, null), new KeyValue<>(2L, 1, RowKind.INSERT, big));
    }

    @Test
    void aRecordLargerThanTheBudgetIsAClearError() {
        MemoryPool pool = new MemoryPool(MemorySize.ofBytes(256), MemorySize.ofBytes(128));
        WriteBuffer<Long, String> buffer = new WriteBuffer<>(pool, MemoryOwner.NONE, SERIALIZER, Long::compare, null, 0);
        assertThatThrownBy(() -> buffer.put(new KeyValue<>(1L, 1, RowKind.INSERT, "y".repeat(1000))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("write-buffer-size");
    }

    @Test
    void theLargestOtherOwnerFlushesWhenThePoolIsExhausted() throws IOException {
        MemoryPool pool = new MemoryPool(MemorySize.ofBytes(2048), MemorySize.ofBytes(256));
        FlushingOwner big = new FlushingOwner(pool);
        FlushingOwner small = new FlushingOwner(pool);
        pool.register(big);
        pool.register(small);
        long seq = 0;
        // Fill the pool from the big writer, then give the small writer a little.
        while (pool.usedBytes() < 1792) {
            assertThat(big.buffer.put(new KeyValue<>(seq, seq++, RowKind.INSERT, "big"))).isTrue();
        }
        long bigBefore = big.buffer.memoryOccupancy();
        for (int i = 0; i < 40; i++) {
            assertThat(small.buffer.put(new KeyValue<>(seq, seq++, RowKind.INSERT, "small"))).isTrue();
        }
        assertThat(big.flushes).isPositive();
        assertThat(small.flushes).isZero();
        assertThat(big.buffer.memoryOccupancy()).isLessThan(bigBefore);
    }


    /** An owner whose flush simply drops its buffer, counting flushes. */
    private static final class FlushingOwner implements MemoryOwner {
        final WriteBuffer<Long, String> buffer;
        int flushes;

        FlushingOwner(MemoryPool pool) {
            this.buffer = new WriteBuffer<>(pool, this, SERIALIZER, Long::compare, null, 0);
        }

        @Override
        public long memoryOccupancy() {
            return buffer.memoryOccupancy();
        }

        @Override
        public boolean tryFlushMemory() throws IOException {
            flushes++;
            buffer.clear();
            return true;
        }
    }
}
