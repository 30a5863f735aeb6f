package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.LsmFileMeta;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.LocalRunFiles;
import io.tstore.lsm.io.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LookupFileTest {
    private static final KeyValueSerializer<Long, Long> SERIALIZER = new KeyValueSerializer<>(Serializer.LONG, Serializer.LONG);

    @TempDir
    Path tempDir;

    private Path localDir() {
        return tempDir.resolve("lookup");
    }

    private List<Path> localFiles() throws IOException {
        if (!Files.exists(localDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(localDir())) {
            return files.toList();
        }
    }

    /** Writes the model's records to one data file of a {@link LocalRunFiles}. */
    private LsmFile<Long> writeDataFile(LocalRunFiles<Long, Long> runFiles, TreeMap<Long, KeyValue<Long, Long>> records)
            throws IOException {
        RunWriter<Long, Long> writer = runFiles.newWriter(1);
        for (KeyValue<Long, Long> record : records.values()) {
            writer.write(record);
        }
        List<LsmFile<Long>> files = writer.close();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static TreeMap<Long, KeyValue<Long, Long>> randomRecords(Random random, int count) {
        TreeMap<Long, KeyValue<Long, Long>> records = new TreeMap<>();
        long key = random.nextInt(10);
        for (int i = 0; i < count; i++) {
            key += 1 + random.nextInt(3);
            RowKind kind = RowKind.values()[random.nextInt(4)];
            Long value = kind == RowKind.DELETE && random.nextBoolean() ? null : random.nextLong();
            records.put(key, new KeyValue<>(key, random.nextInt(1_000_000), kind, value));
        }
        return records;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 27, 100, 4096, 16 * 1024})
    void findsEveryRecordAndNothingElse(int blockSize) throws IOException {
        LocalRunFiles<Long, Long> runFiles = new LocalRunFiles<>(tempDir.resolve("data"), SERIALIZER, Long::compare, Long.MAX_VALUE);
        TreeMap<Long, KeyValue<Long, Long>> records = randomRecords(new Random(blockSize), 500);
        LsmFile<Long> dataFile = writeDataFile(runFiles, records);

        LookupFile<Long, Long> file = LookupFile.create(dataFile, runFiles, SERIALIZER, Long::compare, localDir(), blockSize);
        assertThat(file.recordCount()).isEqualTo(500);
        assertThat(file.minKey()).isEqualTo(records.firstKey());
        assertThat(file.maxKey()).isEqualTo(records.lastKey());
        assertThat(file.fileSize()).isEqualTo(Files.size(file.localPath()));
        assertThat(file.localPath().getFileName().toString()).startsWith("lookup-" + dataFile.fileName() + "-");
        if (blockSize == 1) {
            assertThat(file.blockCount()).as("a block holds at least one record").isEqualTo(500);
        } else if (blockSize == 16 * 1024) {
            assertThat(file.blockCount()).isEqualTo(1);
        } else {
            assertThat(file.blockCount()).isBetween(2, 499);
        }

        for (long key = records.firstKey() - 5; key <= records.lastKey() + 5; key++) {
            assertThat(file.get(key)).as("key %d", key).isEqualTo(records.get(key));
        }

        file.close();
        assertThat(file.localPath()).doesNotExist();
        assertThat(localFiles()).isEmpty();
    }

    @Test
    void recordLargerThanABlockEndsItsBlock() throws IOException {
        KeyValueSerializer<Long, byte[]> serializer = new KeyValueSerializer<>(Serializer.LONG, Serializer.BYTES);
        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        List<KeyValue<Long, byte[]>> records = List.of(
                new KeyValue<>(1L, 1, RowKind.INSERT, new byte[] {1}),
                new KeyValue<>(2L, 2, RowKind.INSERT, big),
                new KeyValue<>(3L, 3, RowKind.INSERT, new byte[] {3}));
        LookupFile<Long, byte[]> file = LookupFile.create(
                meta("big"), new ListRunFiles<>(records), serializer, Long::compare, localDir(), 1024);
        try {
            // Blocks: [1, 2] and [3].
            assertThat(file.blockCount()).isEqualTo(2);
            assertThat(file.get(2L).value()).isEqualTo(big);
            assertThat(file.get(3L).value()).containsExactly(3);
            assertThat(file.get(1L).value()).containsExactly(1);
        } finally {
            file.close();
        }
    }

    @Test
    void emptyDataFileFindsNothing() throws IOException {
        LookupFile<Long, Long> file = LookupFile.create(
                meta("empty"), new ListRunFiles<>(List.of()), SERIALIZER, Long::compare, localDir(), 64);
        assertThat(file.blockCount()).isZero();
        assertThat(file.fileSize()).isZero();
        assertThat(file.minKey()).isNull();
        assertThat(file.get(1L)).isNull();
        file.close();
        assertThat(localFiles()).isEmpty();
    }

    @Test
    void unsortedDataFileFailsAndLeavesNothingBehind() {
        List<KeyValue<Long, Long>> records = List.of(
                new KeyValue<>(1L, 1, RowKind.INSERT, 1L),
                new KeyValue<>(3L, 2, RowKind.INSERT, 3L),
                new KeyValue<>(2L, 3, RowKind.INSERT, 2L));
        assertThatThrownBy(() -> LookupFile.create(
                        meta("data-7.orc"), new ListRunFiles<>(records), SERIALIZER, Long::compare, localDir(), 64))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("data-7.orc")
                .hasMessageContaining("not sorted");
        assertThat(tempDir.resolve("lookup")).isEmptyDirectory();
    }

    @Test
    void readersThatRetainedTheFileOutliveItsClose() throws IOException {
        List<KeyValue<Long, Long>> records = List.of(new KeyValue<>(1L, 1, RowKind.INSERT, 10L));
        LookupFile<Long, Long> file = LookupFile.create(
                meta("f"), new ListRunFiles<>(records), SERIALIZER, Long::compare, localDir(), 64);
        assertThat(file.retain()).isTrue();
        file.close();
        file.close();
        assertThat(file.localPath()).exists();
        assertThat(file.get(1L)).isEqualTo(records.get(0));

        file.release();
        assertThat(file.localPath()).doesNotExist();
        assertThat(file.retain()).as("a closed file cannot be retained").isFalse();
        assertThatThrownBy(() -> file.get(1L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("f")
                .hasMessageContaining("closed");
        assertThatThrownBy(file::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fileNamesAreMadeSafeForTheLocalFileSystem() throws IOException {
        LookupFile<Long, Long> file = LookupFile.create(
                meta("a/b\\c:d"), new ListRunFiles<>(List.of()), SERIALIZER, Long::compare, localDir(), 64);
        assertThat(file.localPath().getParent()).isEqualTo(localDir());
        assertThat(file.localPath().getFileName().toString()).startsWith("lookup-a_b_c_d-");
        file.close();
    }

    private static LsmFile<Long> meta(String name) {
        return new LsmFileMeta<>(name, 1, 1, 0, 0L, 0L, 0, 0, 1);
    }

    /** Serves the same list of records for every file, in the given order. */
    private static final class ListRunFiles<V> implements RunFiles<Long, V> {
        private final List<KeyValue<Long, V>> records;

        ListRunFiles(List<KeyValue<Long, V>> records) {
            this.records = records;
        }

        @Override
        public RecordReader<KeyValue<Long, V>> read(LsmFile<Long> file) {
            return RecordReader.fromIterator(records.iterator());
        }

        @Override
        public RunWriter<Long, V> newWriter(int level) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(LsmFile<Long> file) {}
    }
}
