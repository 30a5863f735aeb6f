package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.commit.ManifestCommittable;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.FailingFileIO;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.ForwardingFileIO;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A writer of a primary-key table (upserts and deletes) or of an append table (inserts) writes and commits through
 * a {@link FailingFileIO} that fails reads, writes, renames, publishes and deletes at random. After every failure
 * (of a write, a prepareCommit or a commit) the writer's messages are aborted and the writer is closed, and a fresh
 * reader on the plain file system must see exactly what was committed last; then the writer restarts from the
 * latest snapshot. The table code never renames (publish is its atomic step), so no rename failure shows up.
 *
 * <p>A commit that threw may still have landed: its APPEND snapshot before its COMPACT snapshot failed, or a
 * publish whose outcome was unknown. The test asks the table, as a restarted writer would ({@code filterCommitted}
 * of the commit user and identifier), and the model follows the answer.
 *
 * <p>Garbage: no referenced file may ever be missing. A file that no snapshot refers to may only be left where a
 * failure made the cleanup impossible: an injected delete failure, an injected failure during the cleanup itself,
 * or a publish whose outcome stayed unknown (the committer must then leave what the snapshot may refer to). Each
 * new orphan is checked against that whenever no writer is open, that is after each failure, and at the end.
 *
 * <p>Deterministic cases pin down the ambiguous outcomes and a prepareCommit that fails halfway.
 */
class TableFaultInjectionTest {
    private static final String[] PARTITIONS = {"p0", "p1"};
    private static final String USER = "faulty-writer";

    @TempDir
    java.nio.file.Path warehouse;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String format : new String[] {"orc", "parquet"}) {
            for (long seed = 1; seed <= 3; seed++) {
                cases.add(Arguments.of(format, "primary-key", seed));
            }
            cases.add(Arguments.of(format, "append", 1L));
        }
        return cases.stream();
    }

    /**
     * What is written and what is committed: rows by (k, dt) for a primary-key table (upserts and deletes), rows by
     * all their values for an append table (each row has a unique v2, so no two are equal).
     */
    private static final class Model {
        private final int keyArity;
        private Map<List<Object>, List<Object>> live = new TreeMap<>(Comparator.comparing(Object::toString));
        private Map<List<Object>, List<Object>> committed = new TreeMap<>(Comparator.comparing(Object::toString));

        Model(boolean primaryKey) {
            this.keyArity = primaryKey ? 2 : 4;
        }

        void apply(GenericRow row) {
            List<Object> values = values(row);
            List<Object> key = values.subList(0, keyArity);
            if (row.getRowKind() == RowKind.DELETE) {
                live.remove(key);
            } else {
                live.put(new ArrayList<>(key), values);
            }
        }

        void commit() {
            committed = copy(live);
        }

        void rollback() {
            live = copy(committed);
        }

        private static Map<List<Object>, List<Object>> copy(Map<List<Object>, List<Object>> rows) {
            Map<List<Object>, List<Object>> copy = new TreeMap<>(Comparator.comparing(Object::toString));
            copy.putAll(rows);
            return copy;
        }
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void failuresLoseNothingCommittedAndLeaveOnlyExplainedGarbage(String format, String kind, long seed) throws IOException {
        boolean primaryKey = kind.equals("primary-key");
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t_" + format + "_" + kind.replace('-', '_') + "_" + seed);
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("dt", DataTypes.STRING().notNull())
                .column("v1", DataTypes.INT())
                .column("v2", DataTypes.STRING())
                .partitionKeys("dt")
                .option("bucket", "2")
                .option("file.format", format)
                .option("num-sorted-run.compaction-trigger", "3")
                .option("manifest.merge-min-count", "4")
                .option("write-buffer-size", "256 kb")
                .option("page-size", "4 kb");
        if (primaryKey) {
            schema.primaryKey("k", "dt");
        }
        catalog.createTable(id, schema.build(), false);
        // The reader: a table on the plain local file system, as a fresh process would open it.
        FileStoreTable plain = catalog.getTable(id);
        assertThat(plain.fileIO()).isInstanceOf(LocalFileIO.class);
        FailingFileIO failing = new FailingFileIO(new LocalFileIO());
        // Kinds are called at very different rates (a Parquet file is many small writes, a commit one publish), so
        // each gets its own probability, such that about a third of the commits fail.
        failing.failRandomly(seed, Map.of(
                FailingFileIO.Kind.READ, 0.002,
                FailingFileIO.Kind.WRITE, format.equals("parquet") ? 0.0002 : 0.002,
                FailingFileIO.Kind.RENAME, 0.1,
                FailingFileIO.Kind.PUBLISH, 0.1,
                FailingFileIO.Kind.DELETE, 0.03));
        FileStoreTable faulty = new FileStoreTable(failing, plain.location(), plain.identifier(), plain.schema());

        Random random = new Random(seed);
        Model model = new Model(primaryKey);
        Garbage garbage = new Garbage(plain);
        TableWrite write = null;
        long identifier = 0;
        int commits = 0;
        int failures = 0;
        int landedDespiteFailure = 0;
        int operations = Integer.getInteger("table.fault.operations", 400);
        for (int op = 0; op < operations; op++) {
            int injectedBefore = failing.injectedFailures();
            List<CommitMessage> messages = null;
            String stage = "write";
            try {
                if (write == null) {
                    write = faulty.newWrite(false);
                }
                if (random.nextInt(100) < 88) {
                    GenericRow row = GenericRow.of((long) random.nextInt(50), BinaryString.fromString(PARTITIONS[random.nextInt(2)]),
                            random.nextInt(4) == 0 ? null : random.nextInt(1000),
                            BinaryString.fromString("s" + op));
                    if (primaryKey && random.nextInt(6) == 0) {
                        row.setRowKind(RowKind.DELETE);
                    }
                    write.write(row);
                    model.apply(row);
                } else {
                    stage = "prepareCommit";
                    messages = write.prepareCommit(random.nextBoolean());
                    stage = "commit";
                    identifier++;
                    faulty.newCommit(USER).commit(identifier, messages);
                    model.commit();
                    commits++;
                    if (commits % 4 == 0) {
                        failing.disarm();
                        assertThat(read(plain, model.keyArity)).as("%s %s seed %d: after commit %d", format, kind, seed, identifier).isEqualTo(model.committed);
                        failing.arm();
                    }
                }
                // A delete that failed inside an operation that went on (the cleanup of a lost publish race, of a
                // replaced compaction output) leaves garbage that the next check must excuse.
                garbage.excuseIf(deleteFailed(failing, injectedBefore));
            } catch (Exception e) {
                if (!FailingFileIO.isInjected(e)) {
                    throw new AssertionError("only injected failures may fail the writer, but " + stage + " failed with " + e, e);
                }
                failures++;
                // Did the commit land? Asked of the table on the plain file system, as a restarted writer would.
                boolean landed = stage.equals("commit")
                        && plain.newCommit(USER).filterCommitted(List.of(new ManifestCommittable(identifier, messages))).isEmpty();
                if (landed) {
                    model.commit();
                    landedDespiteFailure++;
                } else {
                    model.rollback();
                }
                // Clean up through the failing file system: a failure now leaves garbage, never a missing file.
                int injectedBeforeCleanup = failing.injectedFailures();
                if (messages != null) {
                    faulty.newCommit(USER).abort(messages);
                }
                try {
                    if (write != null) {
                        write.close();
                    }
                } catch (IOException closeFailure) {
                    assertThat(FailingFileIO.isInjected(closeFailure)).as("close failed with %s", closeFailure).isTrue();
                }
                write = null;
                failing.disarm();
                // The committer leaves what a snapshot whose publish had an unknown outcome may refer to.
                garbage.excuseIf(isUnknownPublish(e));
                garbage.excuseIf(failing.injectedFailures() > injectedBeforeCleanup);
                garbage.excuseIf(deleteFailed(failing, injectedBefore));

                String context = String.format("%s %s seed %d: after %s of op %d failed with %s (landed: %s); injected: %s",
                        format, kind, seed, stage, op, brief(e), landed,
                        failing.injectedFailureLog().subList(injectedBefore, failing.injectedFailures()));
                assertThat(read(plain, model.keyArity)).as(context).isEqualTo(model.committed);
                // The writer is closed, so every file that no snapshot refers to is garbage.
                garbage.check(context);
                failing.arm();
            }
        }
        failing.disarm();
        if (write != null) {
            // What it wrote since its last commit is dropped (its compaction may have failed before the disarm).
            write.close();
            model.rollback();
        }
        assertThat(read(plain, model.keyArity)).isEqualTo(model.committed);
        garbage.check(format + " " + kind + " seed " + seed + " at the end");
        System.out.printf("%s %s seed %d: %d commits, %d failures (%d of them commits that landed nevertheless), %d failures "
                        + "injected (%s), %d orphans left where a cleanup was impossible%n",
                format, kind, seed, commits, failures, landedDespiteFailure, failing.injectedFailures(), injectedByKind(failing),
                garbage.excused.size());
        assertThat(commits).as("commits that landed").isGreaterThan(10);
        assertThat(failures).as("failures injected into the writer").isGreaterThan(5);
        // With the excused orphans removed (as an orphan-file cleaner would), nothing is missing or left over.
        for (String orphan : garbage.excused) {
            plain.fileIO().delete(new Path(orphan), false);
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(plain);
    }

    /** A table without partitions, in one bucket, whose writers compact only when asked to. */
    private FileStoreTable smallTable(String name) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", name);
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("v", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "1")
                .option("num-sorted-run.compaction-trigger", "20")
                .build(), false);
        return catalog.getTable(id);
    }

    private static void upsert(TableWrite write, long k, String v) throws IOException {
        write.write(GenericRow.of(k, BinaryString.fromString(v)));
    }

    private static Map<Long, String> rows(FileStoreTable table) throws IOException {
        Map<Long, String> rows = new TreeMap<>();
        for (InternalRow row : table.newReadBuilder().readAll()) {
            rows.put(row.getLong(0), row.getString(1).toString());
        }
        return rows;
    }

    @Test
    void aCommitWhoseCompactionFailedAfterItsAppendLandedKeepsItsNewRows() throws IOException {
        FileStoreTable plain = smallTable("append_landed");
        FailingFileIO failing = new FailingFileIO(new LocalFileIO());
        FileStoreTable faulty = new FileStoreTable(failing, plain.location(), plain.identifier(), plain.schema());
        TableCommit commit = faulty.newCommit(USER);
        try (TableWrite write = faulty.newWrite(false)) {
            upsert(write, 1, "a");
            commit.commit(1, write.prepareCommit(true));
            upsert(write, 1, "b");
            upsert(write, 2, "c");
            write.compact(plain.newReadBuilder().newScan().dataSplits().get(0).partition(), 0, true);
            List<CommitMessage> messages = write.prepareCommit(true);
            assertThat(messages.get(0).newFiles()).isNotEmpty();
            assertThat(messages.get(0).compactAfter()).isNotEmpty();
            // The APPEND snapshot is published; the COMPACT one fails before anything is written.
            failing.failNthPublish(2, FailingFileIO.PublishFailure.NOT_PUBLISHED);
            assertThatThrownBy(() -> commit.commit(2, messages))
                    .satisfies(e -> assertThat(FailingFileIO.isInjected(e)).isTrue());
            assertThat(plain.newCommit(USER).filterCommitted(List.of(new ManifestCommittable(2, messages))))
                    .as("the commit landed in part, so a restarted writer must not replay it").isEmpty();
            // The abort deletes the compaction's output, which no snapshot refers to, and keeps the new files.
            commit.abort(messages);
        }
        assertThat(rows(plain)).isEqualTo(Map.of(1L, "b", 2L, "c"));
        TableTestSupport.assertNoOrphanAndNoMissingFiles(plain);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FailingFileIO.PublishFailure.class, names = {"UNKNOWN_PUBLISHED", "UNKNOWN_NOT_PUBLISHED"})
    void aPublishWhoseOutcomeStaysUnknownIsResolvedByAskingTheTable(FailingFileIO.PublishFailure publishFailure) throws IOException {
        FileStoreTable plain = smallTable("unknown_" + publishFailure.name().toLowerCase(Locale.ROOT));
        FailingFileIO failing = new FailingFileIO(new LocalFileIO());
        // The committer reads the snapshot back after an unknown outcome; that read fails too, so it cannot tell.
        FileIO readBackFails = new ForwardingFileIO(failing) {
            @Override
            public PublishResult publish(Path target, byte[] content) throws IOException {
                try {
                    return super.publish(target, content);
                } catch (PublishOutcomeUnknownException e) {
                    failing.failNthCall(FailingFileIO.Kind.READ, 1);
                    throw e;
                }
            }
        };
        FileStoreTable faulty = new FileStoreTable(readBackFails, plain.location(), plain.identifier(), plain.schema());
        TableCommit commit = faulty.newCommit(USER);
        try (TableWrite write = faulty.newWrite(false)) {
            upsert(write, 1, "a");
            commit.commit(1, write.prepareCommit(true));
            upsert(write, 2, "b");
            List<CommitMessage> messages = write.prepareCommit(true);
            failing.failNthPublish(1, publishFailure);
            assertThatThrownBy(() -> commit.commit(2, messages))
                    .isInstanceOf(PublishOutcomeUnknownException.class)
                    .hasMessageContaining("snapshot-2");
            boolean landed = plain.newCommit(USER).filterCommitted(List.of(new ManifestCommittable(2, messages))).isEmpty();
            assertThat(landed).isEqualTo(publishFailure == FailingFileIO.PublishFailure.UNKNOWN_PUBLISHED);
            commit.abort(messages);
            assertThat(rows(plain)).isEqualTo(landed ? Map.of(1L, "a", 2L, "b") : Map.of(1L, "a"));
        }
        if (publishFailure == FailingFileIO.PublishFailure.UNKNOWN_NOT_PUBLISHED) {
            // The committer had to leave the manifests the snapshot would have referred to; nothing else is left.
            Garbage garbage = new Garbage(plain);
            garbage.excuseIf(true);
            garbage.check("after an unknown publish that did not land");
            assertThat(garbage.excused).isNotEmpty().allMatch(path -> path.contains("/manifest/"));
            for (String orphan : garbage.excused) {
                plain.fileIO().delete(new Path(orphan), false);
            }
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(plain);
    }

    /**
     * A file system on which finishing the first data file of bucket 1 fails: the stream's close throws after the
     * bytes are on disk, as when a store's answer to the last write is lost.
     */
    private static FileIO failingFirstFileOfBucket1(FileIO delegate) {
        AtomicBoolean failed = new AtomicBoolean();
        return new ForwardingFileIO(delegate) {
            @Override
            public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
                PositionOutputStream out = super.newOutputStream(path, overwrite);
                if (!path.toString().contains("/bucket-1/data-") || failed.getAndSet(true)) {
                    return out;
                }
                return new PositionOutputStream() {
                    @Override
                    public long getPos() throws IOException {
                        return out.getPos();
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                        throw new IOException("injected: finishing " + path + " failed");
                    }
                };
            }
        };
    }

    private FileStoreTable twoBucketTable(String name, boolean primaryKey) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", name);
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("v", DataTypes.STRING())
                .option("bucket", "2")
                .option("bucket-key", "k");
        if (primaryKey) {
            schema.primaryKey("k");
        }
        catalog.createTable(id, schema.build(), false);
        return catalog.getTable(id);
    }

    /**
     * prepareCommit fails in bucket 1 after bucket 0 handed over its files. Nothing bucket 0 prepared may be
     * lost: a retry commits it (where the writer can still tell what it wrote), and a close deletes it.
     */
    @ParameterizedTest(name = "{0}, then {1}")
    @CsvSource({"primary-key, retry", "primary-key, close", "append, retry", "append, close"})
    void aPrepareCommitThatFailsInOneBucketKeepsWhatTheOtherBucketsPrepared(String kind, String then) throws IOException {
        boolean primaryKey = kind.equals("primary-key");
        FileStoreTable plain = twoBucketTable("partly_prepared_" + kind.replace('-', '_') + "_" + then, primaryKey);
        FileStoreTable faulty = new FileStoreTable(failingFirstFileOfBucket1(plain.fileIO()), plain.location(), plain.identifier(), plain.schema());
        Map<Long, String> written = new TreeMap<>();
        try (TableWrite write = faulty.newWrite(false)) {
            for (long k = 0; k < 20; k++) {
                written.put(k, "v" + k);
                upsert(write, k, "v" + k);
            }
            assertThatThrownBy(() -> write.prepareCommit(true))
                    .hasStackTraceContaining("injected: finishing");
            if (then.equals("retry")) {
                if (primaryKey) {
                    // The rows of bucket 1 are still in its write buffer, and bucket 0's files come with this call.
                    faulty.newCommit(USER).commit(1, write.prepareCommit(true));
                    assertThat(rows(plain)).isEqualTo(written);
                } else {
                    // The rows of bucket 1's unfinished file are lost: the writer must say so rather than commit
                    // bucket 0 alone.
                    assertThatThrownBy(() -> write.prepareCommit(true))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(plain.name())
                            .hasMessageContaining("restart from the latest snapshot");
                }
            }
        }
        if (then.equals("close") || !primaryKey) {
            assertThat(rows(plain)).isEmpty();
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(plain);
    }

    /**
     * The files of the table that no snapshot refers to, checked whenever no writer is open: each new one must be
     * excused by a failure since the last check that made a cleanup impossible.
     */
    private static final class Garbage {
        private final FileStoreTable table;
        /** Snapshots never change, so what each refers to is computed once. */
        private final Map<Long, Set<String>> referencedBySnapshot = new HashMap<>();
        private final Set<String> excused = new TreeSet<>();
        private boolean excuse;

        Garbage(FileStoreTable table) {
            this.table = table;
        }

        void excuseIf(boolean condition) {
            excuse |= condition;
        }

        void check(String context) throws IOException {
            Set<String> referenced = new TreeSet<>();
            for (Snapshot snapshot : table.snapshotManager().snapshots()) {
                Set<String> files = referencedBySnapshot.get(snapshot.id());
                if (files == null) {
                    files = TableTestSupport.referencedFiles(table, snapshot);
                    referencedBySnapshot.put(snapshot.id(), files);
                }
                referenced.addAll(files);
            }
            Set<String> present = TableTestSupport.listFiles(table);
            Set<String> missing = new TreeSet<>(referenced);
            missing.removeAll(present);
            assertThat(missing).as("files that a snapshot refers to but that are missing; %s", context).isEmpty();
            Set<String> orphans = TableTestSupport.orphans(present, referenced);
            orphans.removeAll(excused);
            if (excuse) {
                excused.addAll(orphans);
            } else {
                assertThat(orphans).as("garbage left although nothing kept it from being cleaned up; %s", context).isEmpty();
            }
            excuse = false;
        }
    }

    private static boolean deleteFailed(FailingFileIO failing, int injectedBefore) {
        return failing.injectedFailureLog().subList(injectedBefore, failing.injectedFailures()).stream()
                .anyMatch(failure -> failure.contains("kind DELETE"));
    }

    private static Map<FailingFileIO.Kind, Long> injectedByKind(FailingFileIO failing) {
        Map<FailingFileIO.Kind, Long> counts = new EnumMap<>(FailingFileIO.Kind.class);
        for (FailingFileIO.Kind kind : FailingFileIO.Kind.values()) {
            counts.put(kind, failing.injectedFailureLog().stream().filter(f -> f.contains("kind " + kind + ")")).count());
        }
        return counts;
    }

    private static String brief(Throwable failure) {
        String text = failure.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static boolean isUnknownPublish(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PublishOutcomeUnknownException) {
                return true;
            }
        }
        return false;
    }

    private static Map<List<Object>, List<Object>> read(FileStoreTable table, int keyArity) throws IOException {
        Map<List<Object>, List<Object>> rows = new TreeMap<>(Comparator.comparing(Object::toString));
        for (InternalRow row : table.newReadBuilder().readAll()) {
            List<Object> values = values(row);
            List<Object> key = new ArrayList<>(values.subList(0, keyArity));
            assertThat(rows.put(key, values)).as("key %s read twice", key).isNull();
        }
        return rows;
    }

    private static List<Object> values(InternalRow row) {
        List<Object> values = new ArrayList<>();
        values.add(row.getLong(0));
        values.add(row.getString(1).toString());
        values.add(row.isNullAt(2) ? null : row.getInt(2));
        values.add(row.isNullAt(3) ? null : row.getString(3).toString());
        return values;
    }
}
