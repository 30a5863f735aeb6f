package io.tstore.log.kafka;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.log.LogRecord;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogStores;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.log.TwoPhaseLogWriter;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two-phase log writer against a real broker: prepared commits that overlap, a writer that crashes after a
 * checkpoint and the writer that restores it, restores of the same checkpoint twice, rows of a checkpoint that did
 * not complete. A crash is a writer that is never closed (its producers keep running, as a zombie would) and a new
 * writer of the same commit user and buckets.
 */
class KafkaTwoPhaseLogWriterTest extends KafkaTestBase {
    @TempDir
    Path warehouse;

    private LogStore log(String name, String consistency) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", name);
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .options(Map.of("bucket", "2", "log.system", "kafka", "log.consistency", consistency,
                        "log.changelog-mode", "all", "kafka.bootstrap.servers", kafka.bootstrapServers()))
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        return LogStores.of(table).orElseThrow();
    }

    private static void write(TwoPhaseLogWriter writer, String value, int keys) throws IOException {
        for (int k = 0; k < keys; k++) {
            GenericRow row = GenericRow.of(k, BinaryString.fromString(value));
            row.setRowKind(RowKind.INSERT);
            writer.write(row);
        }
    }

    private static List<String> values(LogStore log) throws IOException {
        return readToEnd(log, Map.of()).stream().map(r -> r.row().getString(1).toString()).sorted().toList();
    }

    /**
     * The values readable once they are {@code expected}: a commit returns when the transaction coordinator decided,
     * and the partitions learn it a moment later (its markers), so a read right after a commit may end before the
     * committed records. Waits at most 30 s; what is read must then be exactly {@code expected}.
     */
    private static void awaitValues(LogStore log, List<String> expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        List<String> read = values(log);
        while (!read.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            read = values(log);
        }
        assertThat(read).containsExactlyElementsOf(expected);
    }

    private static List<String> times(String value, int n) {
        return java.util.Collections.nCopies(n, value);
    }

    @Test
    void overlappingPreparedCommitsBecomeVisibleInOrderWhenCommitted() throws Exception {
        try (LogStore log = log("overlap", "transactional");
                TwoPhaseLogWriter writer = log.newTwoPhaseWriter("job", b -> true, List.of())) {
            write(writer, "a", 10);
            PreparedLogCommit first = writer.prepare(1);
            write(writer, "b", 10);
            PreparedLogCommit second = writer.prepare(2);
            write(writer, "c", 10); // open, not prepared
            assertThat(values(log)).isEmpty();

            writer.commitUpTo(1);
            awaitValues(log, times("a", 10));
            writer.commitUpTo(2);
            awaitValues(log, java.util.stream.Stream.concat(times("a", 10).stream(), times("b", 10).stream()).toList());
            List<LogRecord> read = readToEnd(log, Map.of());
            assertThat(read).hasSize(20);
            for (LogRecord record : read) {
                PreparedLogCommit commit = record.row().getString(1).toString().equals("a") ? first : second;
                assertThat(record.offset()).isLessThan(commit.offsets().get(record.bucket()));
            }
            // the second commit ends after the first in every bucket
            first.offsets().forEach((bucket, offset) -> assertThat(second.offsets().get(bucket)).isGreaterThan(offset));

            // slots are reused once a later commit is reported: a long run keeps a few producers per bucket
            for (long id = 3; id < 20; id++) {
                write(writer, "d", 4);
                writer.prepare(id);
                writer.commitUpTo(id);
            }
            List<String> expected = new java.util.ArrayList<>();
            expected.addAll(times("a", 10));
            expected.addAll(times("b", 10));
            expected.addAll(times("c", 10));
            expected.addAll(times("d", 17 * 4));
            awaitValues(log, expected);
        }
    }

    @Test
    void aRestoredWriterCommitsWhatACompletedCheckpointPreparedAndEndsTheRest() throws Exception {
        try (LogStore log = log("restore", "transactional")) {
            TwoPhaseLogWriter crashed = log.newTwoPhaseWriter("job", b -> true, List.of());
            write(crashed, "checkpointed", 10);
            PreparedLogCommit checkpoint = PreparedLogCommit.fromBytes(crashed.prepare(7).toBytes());
            write(crashed, "lost", 10); // after the checkpoint: replayed by the restored job
            crashed.prepare(8); // prepared for a checkpoint that never completed

            try (TwoPhaseLogWriter restored = log.newTwoPhaseWriter("job", b -> true, List.of(checkpoint))) {
                // readToEnd reaching the end also shows that no transaction is left open to hold readers back
                awaitValues(log, times("checkpointed", 10));
                write(restored, "after", 5);
                restored.prepare(8);
                restored.commitUpTo(8);
                awaitValues(log, java.util.stream.Stream.concat(times("after", 5).stream(), times("checkpointed", 10).stream()).toList());
            }
            assertThatThrownBy(() -> crashed.commitUpTo(8)).as("the crashed writer was fenced").isInstanceOf(IOException.class);
            crashed.close();
        }
    }

    @Test
    void restoringTheSameCheckpointTwiceCommitsItOnce() throws Exception {
        try (LogStore log = log("twice", "transactional")) {
            TwoPhaseLogWriter first = log.newTwoPhaseWriter("job", b -> true, List.of());
            write(first, "x", 10);
            PreparedLogCommit checkpoint = first.prepare(1);
            first.commitUpTo(1); // committed before the crash

            TwoPhaseLogWriter second = log.newTwoPhaseWriter("job", b -> true, List.of(checkpoint));
            write(second, "y", 10);
            second.prepare(2); // checkpoint 2 does not complete: the job restores checkpoint 1 again

            try (TwoPhaseLogWriter third = log.newTwoPhaseWriter("job", b -> true, List.of(checkpoint))) {
                awaitValues(log, times("x", 10));
            }
            first.close();
            second.close();
        }
    }

    @Test
    void twoCommitUsersDoNotTouchEachOthersTransactions() throws Exception {
        try (LogStore log = log("users", "transactional");
                TwoPhaseLogWriter a = log.newTwoPhaseWriter("job-a", b -> true, List.of())) {
            write(a, "a", 10);
            a.prepare(1);
            try (TwoPhaseLogWriter b = log.newTwoPhaseWriter("job-b", bucket -> true, List.of())) {
                write(b, "b", 10);
                b.prepare(1);
                b.commitUpTo(1);
            }
            a.commitUpTo(1); // job b's restore did not end job a's open transaction
            awaitValues(log, java.util.stream.Stream.concat(times("a", 10).stream(), times("b", 10).stream()).toList());
        }
    }

    @Test
    void anEventualWriterMakesRecordsVisibleAtOnceAndPrepareFlushes() throws Exception {
        try (LogStore log = log("eventual", "eventual");
                TwoPhaseLogWriter writer = log.newTwoPhaseWriter("job", b -> true, List.of())) {
            write(writer, "e", 10);
            PreparedLogCommit prepared = writer.prepare(1);
            assertThat(prepared.offsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
            awaitValues(log, times("e", 10));
            writer.commitUpTo(1);
        }
    }
}
