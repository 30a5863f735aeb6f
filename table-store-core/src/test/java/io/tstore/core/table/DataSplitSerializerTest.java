package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Random data splits survive serialization unchanged; bytes that are not a split fail clearly. */
class DataSplitSerializerTest {
    private static final RowType PARTITION = RowType.builder().field("dt", DataTypes.STRING()).field("h", DataTypes.INT()).build();
    private static final RowType KEY = RowType.builder().field("k", DataTypes.BIGINT().notNull()).build();
    private static final RowType VALUES = RowType.builder().field("a", DataTypes.BIGINT()).field("b", DataTypes.STRING()).field("c", DataTypes.DOUBLE()).build();

    @Test
    void randomSplitsRoundTrip() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            DataSplit split = randomSplit(random);
            byte[] bytes = SplitSerializer.serialize(split);
            Split back = SplitSerializer.deserialize(bytes);
            assertThat(back).isEqualTo(split);
            assertThat(SplitSerializer.serialize(back)).isEqualTo(bytes);
        }
    }

    @Test
    void badBytesFailClearly() {
        DataSplit split = randomSplit(new Random(1));
        byte[] bytes = SplitSerializer.serialize(split);
        assertThatThrownBy(() -> SplitSerializer.deserialize(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IOException.class).hasMessageContaining("end early");
        byte[] newer = bytes.clone();
        newer[4] = 9; // the version's lowest byte
        assertThatThrownBy(() -> SplitSerializer.deserialize(newer))
                .isInstanceOf(IOException.class).hasMessageContaining("version 9");
        byte[] unknown = bytes.clone();
        unknown[0] = 77;
        assertThatThrownBy(() -> SplitSerializer.deserialize(unknown))
                .isInstanceOf(IOException.class).hasMessageContaining("Unknown split type 77");
        assertThatThrownBy(() -> SplitSerializer.serialize(() -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be serialized");
    }

    @Test
    void onlyOverwriteSplitsHaveFilesBefore() {
        DataFileMeta file = randomFile(new Random(5));
        assertThatThrownBy(() -> new DataSplit(1, BinaryRow.EMPTY_ROW, 0, 1, List.of(file), List.of(file), DataSplit.Kind.CHANGES))
                .hasMessageContaining("OVERWRITE");
    }

    private static DataSplit randomSplit(Random random) {
        BinaryRow partition = random.nextInt(4) == 0
                ? BinaryRow.EMPTY_ROW
                : InternalRows.toBinaryRow(GenericRow.of(random.nextBoolean() ? null : BinaryString.fromString("p" + random.nextInt(100)),
                        random.nextInt()), PARTITION);
        DataSplit.Kind kind = DataSplit.Kind.values()[random.nextInt(3)];
        List<DataFileMeta> files = randomFiles(random);
        List<DataFileMeta> before = kind == DataSplit.Kind.OVERWRITE ? randomFiles(random) : List.of();
        int totalBuckets = 1 + random.nextInt(8);
        return new DataSplit(1 + random.nextInt(1000), partition, random.nextInt(totalBuckets), totalBuckets, files, before, kind);
    }

    private static List<DataFileMeta> randomFiles(Random random) {
        List<DataFileMeta> files = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            files.add(randomFile(random));
        }
        return files;
    }

    private static DataFileMeta randomFile(Random random) {
        BinaryRow minKey = InternalRows.toBinaryRow(GenericRow.of((long) random.nextInt(100)), KEY);
        BinaryRow maxKey = InternalRows.toBinaryRow(GenericRow.of(100L + random.nextInt(100)), KEY);
        SimpleStats stats = random.nextInt(3) == 0
                ? SimpleStats.EMPTY
                : new SimpleStats(
                        InternalRows.toBinaryRow(GenericRow.of(random.nextLong(), BinaryString.fromString("a" + random.nextInt()), null), VALUES),
                        InternalRows.toBinaryRow(GenericRow.of(random.nextLong(), BinaryString.fromString("z"), random.nextDouble()), VALUES),
                        random.nextBoolean() ? null : new long[] {random.nextInt(9), 0, random.nextInt(9)});
        long minSeq = random.nextInt(1_000_000);
        return new DataFileMeta(
                (random.nextBoolean() ? "data-" : "changelog-") + random.nextLong() + ".orc",
                random.nextInt(1 << 30),
                random.nextInt(1_000_000),
                minKey,
                maxKey,
                stats,
                minSeq,
                minSeq + random.nextInt(1000),
                random.nextInt(3),
                random.nextInt(5),
                random.nextInt(100),
                System.currentTimeMillis() - random.nextInt(1_000_000),
                random.nextBoolean() ? FileSource.APPEND : FileSource.COMPACT);
    }
}
