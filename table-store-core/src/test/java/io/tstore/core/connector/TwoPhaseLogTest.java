package io.tstore.core.connector;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.log.LogReader;
import io.tstore.core.log.LogStore;
import io.tstore.core.log.LogWriter;
import io.tstore.core.log.PreparedLogCommit;
import io.tstore.core.log.TwoPhaseLogWriter;
import io.tstore.core.table.FileStoreTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The two-phase log protocol of a writer task: what it prepares, keeps, commits and hands to its restorer. */
class TwoPhaseLogTest {
    @TempDir
    java.nio.file.Path warehouse;

    @Test
    void preparesKeepsPendingAndCommitsUpToACheckpoint() throws Exception {
        FakeLog store = new FakeLog();
        try (TwoPhaseLog log = TwoPhaseLog.open(store, "job", 1, 3, List.of())) {
            assertThat(store.commitUser).isEqualTo("job");
            for (int bucket = 0; bucket < 6; bucket++) {
                assertThat(store.owned.test(bucket)).as("bucket %s", bucket).isEqualTo(BucketOwner.ownsBucket(bucket, 1, 3));
            }
            log.write(GenericRow.of(1));
            log.write(GenericRow.of(4));
            assertThat(log.prepare(10)).isEqualTo(Map.of(1, 1L, 4, 1L));
            log.write(GenericRow.of(1));
            assertThat(log.prepare(11)).isEqualTo(Map.of(1, 2L));
            assertThat(log.prepare(12)).as("nothing written: nothing to keep").isEmpty();
            assertThat(log.pending()).extracting(PreparedLogCommit::id).containsExactly(10L, 11L);

            // the state of checkpoint 11 restores in another task
            List<PreparedLogCommit> state = new ArrayList<>();
            for (PreparedLogCommit prepared : log.pending()) {
                state.add(PreparedLogCommit.fromBytes(prepared.toBytes()));
            }
            FakeLog restoredStore = new FakeLog();
            TwoPhaseLog.open(restoredStore, "job", 0, 2, state).close();
            assertThat(restoredStore.restored).isEqualTo(log.pending());
            assertThat(restoredStore.closed).isTrue();

            log.commitUpTo(10);
            assertThat(store.committedUpTo).isEqualTo(10);
            assertThat(log.pending()).extracting(PreparedLogCommit::id).containsExactly(11L);
            log.commitUpTo(Long.MAX_VALUE);
            assertThat(log.pending()).isEmpty();
        }
        assertThat(store.writerClosed).isTrue();
        assertThat(store.closed).isTrue();
    }

    @Test
    void noLogForTablesWithoutOneAndForOverwrites() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of());
        assertThat(TwoPhaseLog.open(table, false, "job", 0, 1, List.of())).isEmpty();
        assertThat(TwoPhaseLog.open(table.copy(Map.of("log.system", "kafka")), true, "job", 0, 1, List.of()))
                .as("an overwrite is not sent to the log").isEmpty();
    }

    /** A log whose bucket is a row's first field and whose offsets count the records per bucket. */
    private static final class FakeLog implements LogStore {
        String commitUser;
        IntPredicate owned;
        List<PreparedLogCommit> restored;
        long committedUpTo = -1;
        boolean writerClosed;
        boolean closed;

        @Override
        public TwoPhaseLogWriter newTwoPhaseWriter(String commitUser, IntPredicate ownedBuckets, List<PreparedLogCommit> restored) {
            this.commitUser = commitUser;
            this.owned = ownedBuckets;
            this.restored = restored;
            return new TwoPhaseLogWriter() {
                final Map<Integer, Long> offsets = new TreeMap<>();
                final Map<Integer, Long> since = new TreeMap<>();

                @Override
                public void write(InternalRow row) {
                    long offset = offsets.merge(row.getInt(0), 1L, Long::sum);
                    since.put(row.getInt(0), offset);
                }

                @Override
                public PreparedLogCommit prepare(long id) {
                    PreparedLogCommit prepared = new PreparedLogCommit(id, since, new byte[] {(byte) id});
                    since.clear();
                    return prepared;
                }

                @Override
                public void commitUpTo(long id) {
                    committedUpTo = id;
                }

                @Override
                public void close() {
                    writerClosed = true;
                }
            };
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String describe() {
            return "fake log";
        }

        @Override
        public void createLog() {}

        @Override
        public void dropLog() {}

        @Override
        public LogWriter newWriter(String commitUser, IntPredicate ownedBuckets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LogReader newReader(Map<Integer, Long> startOffsets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Integer, Long> earliestOffsets() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Integer, Long> latestOffsets() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Integer, Long> offsetsForTimestamp(long timestampMillis) {
            throw new UnsupportedOperationException();
        }
    }
}
