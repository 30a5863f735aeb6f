package io.tstore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.commit.CommitMessage;
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
import java.util.List;
import java.util.Random;

class CommittableSerializerTest {
    private static final RowType PARTITION = DataTypes.ROW(DataTypes.STRING(), DataTypes.INT());
    private static final RowType KEY = DataTypes.ROW(DataTypes.BIGINT());
    private static final RowType VALUES = DataTypes.ROW(DataTypes.BIGINT(), DataTypes.STRING());

    @Test
    void randomCommittablesRoundTrip() throws IOException {
        Random random = new Random(42);
        CommittableSerializer serializer = new CommittableSerializer();
        for (int i = 0; i < 200; i++) {
            Committable committable = randomCommittable(random);
            byte[] bytes = serializer.serialize(committable);
            assertThat(serializer.deserialize(serializer.getVersion(), bytes)).isEqualTo(committable);
        }
    }

    @Test
    void rejectsUnknownVersionsAndTrailingBytes() throws IOException {
        CommittableSerializer serializer = new CommittableSerializer();
        byte[] bytes = serializer.serialize(randomCommittable(new Random(1)));
        assertThatThrownBy(() -> serializer.deserialize(3, bytes)).hasMessageContaining("version 3");
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> serializer.deserialize(2, longer)).hasMessageContaining("3 bytes left");
    }

    @Test
    void readsVersionOneWhichHadNoLogOffsets() throws IOException {
        CommittableSerializer serializer = new CommittableSerializer();
        Committable committable = randomCommittable(new Random(7));
        Committable withoutLog = new Committable(committable.checkpointId(), committable.messages());
        byte[] bytes = serializer.serialize(withoutLog);
        // version 1 is version 2 without the trailing count of log offsets
        byte[] versionOne = java.util.Arrays.copyOf(bytes, bytes.length - Integer.BYTES);
        assertThat(serializer.deserialize(1, versionOne)).isEqualTo(withoutLog);
    }

    private static Committable randomCommittable(Random random) {
        List<CommitMessage> messages = new ArrayList<>();
        for (int m = random.nextInt(4); m > 0; m--) {
            BinaryRow partition = random.nextBoolean()
                    ? BinaryRow.EMPTY_ROW
                    : row(PARTITION, BinaryString.fromString("p" + random.nextInt(3)), random.nextBoolean() ? null : random.nextInt());
            messages.add(new CommitMessage(partition, random.nextInt(8), 8, files(random), files(random), files(random),
                    files(random), files(random)));
        }
        java.util.Map<Integer, Long> logOffsets = new java.util.TreeMap<>();
        for (int b = random.nextInt(3); b > 0; b--) {
            logOffsets.put(random.nextInt(8), (long) random.nextInt(1 << 20));
        }
        return new Committable(random.nextBoolean() ? Committable.END_INPUT : random.nextInt(1000), messages, logOffsets);
    }

    private static List<DataFileMeta> files(Random random) {
        List<DataFileMeta> files = new ArrayList<>();
        for (int f = random.nextInt(3); f > 0; f--) {
            long[] nullCounts = random.nextBoolean() ? null : new long[] {random.nextInt(5), random.nextInt(5)};
            SimpleStats stats = random.nextBoolean()
                    ? SimpleStats.EMPTY
                    : new SimpleStats(row(VALUES, random.nextLong(), null), row(VALUES, random.nextLong(), BinaryString.fromString("zz")), nullCounts);
            files.add(new DataFileMeta("data-" + random.nextInt() + ".orc", random.nextInt(1 << 20), random.nextInt(1000),
                    row(KEY, random.nextLong()), row(KEY, random.nextLong()), stats, random.nextInt(100), 100 + random.nextInt(100),
                    random.nextInt(3), random.nextInt(5), random.nextInt(10), random.nextLong(),
                    random.nextBoolean() ? FileSource.APPEND : FileSource.COMPACT));
        }
        return files;
    }

    private static BinaryRow row(RowType type, Object... values) {
        return InternalRows.toBinaryRow(GenericRow.of(values), type);
    }
}
