package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.DataFileMetaSerializer;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commit messages round-trip in version 1, in the very bytes Flink's committables held before this serializer. */
class CommitMessageSerializerTest {
    private static final RowType PARTITION = DataTypes.ROW(DataTypes.STRING(), DataTypes.INT());
    private static final RowType KEY = DataTypes.ROW(DataTypes.BIGINT());
    private static final RowType VALUES = DataTypes.ROW(DataTypes.BIGINT(), DataTypes.STRING());

    @Test
    void randomMessagesRoundTrip() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            CommitMessage message = randomMessage(random);
            byte[] bytes = CommitMessageSerializer.serialize(message);
            assertThat(CommitMessageSerializer.deserialize(CommitMessageSerializer.VERSION, bytes)).isEqualTo(message);
        }
    }

    @Test
    void listsAreWrittenByteForByteAsFlinkCommittablesWroteThem() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<CommitMessage> messages = new ArrayList<>();
            for (int m = random.nextInt(4); m > 0; m--) {
                messages.add(randomMessage(random));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CommitMessageSerializer.serializeList(messages, new DataOutputStream(bytes));
            byte[] legacy = legacyFlinkMessages(messages);
            assertThat(bytes.toByteArray()).isEqualTo(legacy);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(legacy));
            assertThat(CommitMessageSerializer.deserializeList(1, in)).isEqualTo(messages);
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void messagesAreJavaSerializable() throws Exception {
        Random random = new Random(3);
        List<CommitMessage> messages = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            messages.add(randomMessage(random));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(messages));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(messages);
        }
    }

    @Test
    void unknownVersionsAndTrailingBytesAreErrors() throws IOException {
        byte[] bytes = CommitMessageSerializer.serialize(randomMessage(new Random(1)));
        assertThatThrownBy(() -> CommitMessageSerializer.deserialize(2, bytes)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> CommitMessageSerializer.deserializeList(0, new DataInputStream(new ByteArrayInputStream(bytes))))
                .hasMessageContaining("version 0");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> CommitMessageSerializer.deserialize(1, longer)).hasMessageContaining("3 bytes left");
    }

    /** The messages part of Flink's CommittableSerializer versions 1 and 2, as it was written before the core had it. */
    private static byte[] legacyFlinkMessages(List<CommitMessage> messages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(messages.size());
        for (CommitMessage message : messages) {
            DataFileMetaSerializer.writeRow(message.partition(), out);
            out.writeInt(message.bucket());
            out.writeInt(message.totalBuckets());
            DataFileMetaSerializer.writeFiles(message.newFiles(), out);
            DataFileMetaSerializer.writeFiles(message.changelogFiles(), out);
            DataFileMetaSerializer.writeFiles(message.compactBefore(), out);
            DataFileMetaSerializer.writeFiles(message.compactAfter(), out);
            DataFileMetaSerializer.writeFiles(message.compactChangelog(), out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    static CommitMessage randomMessage(Random random) {
        BinaryRow partition = random.nextBoolean()
                ? BinaryRow.EMPTY_ROW
                : row(PARTITION, BinaryString.fromString("p" + random.nextInt(3)), random.nextBoolean() ? null : random.nextInt());
        return new CommitMessage(partition, random.nextInt(8), 8, files(random), files(random), files(random), files(random), files(random));
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
