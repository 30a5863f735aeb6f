package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.BucketOwner;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.BucketFunction;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.io.KeyValueRunFiles;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.scan.ChangelogSource;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.CommitKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random streaming workloads (upserts and deletes across partitions and buckets, commits with and without waiting
 * for compaction, explicit compactions, partition overwrites, writer restarts) with streaming readers in every
 * {@code scan.mode} started at different points, some with a filter and a projection. After every plan a reader's
 * view (what it has read, applied in order) must equal the table at the plan's snapshot, as kept by a plain
 * in-memory model; readers restart from their {@code checkpoint()} state and from their consumer position.
 *
 * <p>Two sources of changes: the new data files of APPEND snapshots (changelog-producer {@code none}: upserts,
 * applied as such), and changelog files (a complete changelog, applied strictly: a +I must be for an absent key,
 * a -U/-D must retract exactly the row the reader holds). This test writes the changelog files itself, the way a
 * producer that compares each commit's old and new rows would, into APPEND or COMPACT snapshots at random.
 * Overwrites are read as their difference (streaming-read-overwrite), strictly in both cases.
 */
class StreamingReadModelTest {
    private static final String[] PARTITIONS = {"2024-01-01", "2024-01-02", "2024-01-03"};
    private static final int BUCKETS = 2;
    private static final String FILTERED_PARTITION = "2024-01-02";

    @TempDir
    java.nio.file.Path warehouse;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        String only = System.getProperty("streaming.model.case", "");
        for (String format : new String[] {"orc", "parquet"}) {
            for (ChangelogSource source : ChangelogSource.values()) {
                if (only.isEmpty() || only.equals(format + "-" + source)) {
                    cases.add(Arguments.of(format, source));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void streamingReadersReproduceTheTableAtEverySnapshot(String format, ChangelogSource source) throws IOException {
        Random random = new Random(Objects.hash(format, source.name()));
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("dt", DataTypes.STRING().notNull())
                .column("v1", DataTypes.INT())
                .column("v2", DataTypes.STRING())
                .primaryKey("k", "dt")
                .partitionKeys("dt")
                .option("bucket", String.valueOf(BUCKETS))
                .option("file.format", format)
                .option("num-sorted-run.compaction-trigger", "3")
                .option("target-file-size", "8 kb")
                // A tiny write buffer flushes several times between commits: a commit then adds several files
                // to a bucket, whose changes must be read in the order they were written.
                .option("write-buffer-size", "2 kb")
                .option("page-size", "128 b")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        Workload workload = new Workload(table, source, random);
        // The readers draw from a random of their own, so that the workload is the same whatever they do.
        Random readerRandom = new Random(random.nextLong());

        List<Reader> readers = new ArrayList<>();
        // Parquet files take longer to open, and the format matters little here: the Parquet cases run shorter.
        int operations = Integer.getInteger("streaming.model.operations", format.equals("orc") ? 700 : 300);
        String[] modes = {"latest-full", "full", "latest", "from-snapshot", "from-snapshot-full", "from-timestamp",
                "compacted-full", "default"};
        for (int op = 0; op < operations; op++) {
            // Readers of every mode start on the empty table, and again half way in.
            if (op == 0 || op == operations / 2) {
                for (String mode : modes) {
                    readers.add(new Reader(workload, mode, readers.size(), readerRandom, false));
                }
                readers.add(new Reader(workload, "latest-full", readers.size(), readerRandom, true));
            }
            if (workload.step(op)) {
                for (Reader reader : readers) {
                    reader.pollAndCheck();
                    reader.maybeRestart();
                }
            }
        }
        workload.finish();
        for (Reader reader : readers) {
            reader.pollAndCheck();
            assertThat(reader.view).as("%s at the end", reader).isEqualTo(reader.expectedAt(workload.latestId()));
        }
        assertThat(readers.stream().mapToInt(r -> r.restartsFromState).sum()).as("restarts from checkpoint state").isPositive();
        assertThat(readers.stream().mapToInt(r -> r.restartsFromConsumer).sum()).as("restarts from consumer positions").isPositive();
        assertThat(workload.table.snapshotManager().snapshots().stream().map(Snapshot::commitKind).distinct())
                .as("the workload made every kind of snapshot")
                .containsExactlyInAnyOrder(CommitKind.APPEND, CommitKind.COMPACT, CommitKind.OVERWRITE);
        assertNoOrphanAndNoMissingFilesWithChangelog(table);
    }

    /** The table's writes and commits, and the model's state at every snapshot. */
    private static final class Workload {
        final FileStoreTable table;
        final ChangelogSource source;
        final Random random;
        final RowType keyType;
        final Comparator<BinaryRow> keyComparator;
        final TableCommit commit;
        TableWrite write;
        long identifier;
        Map<List<Object>, List<Object>> live = new TreeMap<>(Comparator.comparing(Object::toString));
        Map<List<Object>, List<Object>> committed = new TreeMap<>(Comparator.comparing(Object::toString));
        /** The model's rows at each snapshot id. */
        final Map<Long, Map<List<Object>, List<Object>>> byId = new HashMap<>();

        Workload(FileStoreTable table, ChangelogSource source, Random random) {
            this.table = table;
            this.source = source;
            this.random = random;
            this.keyType = table.schema().logicalTrimmedPrimaryKeyType();
            RowComparator order = new RowComparator(keyType);
            this.keyComparator = order::compare;
            this.commit = table.newCommit("streaming-model");
            this.write = table.newWrite(false);
        }

        /** One random operation; true when it committed. */
        boolean step(int op) throws IOException {
            int r = random.nextInt(1000);
            if (r < 840) {
                int rows = 1 + random.nextInt(4);
                for (int i = 0; i < rows; i++) {
                    GenericRow row = randomRow();
                    if (random.nextInt(5) == 0) {
                        row.setRowKind(RowKind.DELETE);
                    }
                    write.write(row);
                    apply(row);
                }
                return false;
            } else if (r < 940) {
                commitStreaming(random.nextBoolean());
                return true;
            } else if (r < 960) {
                write.compact(partition(PARTITIONS[random.nextInt(PARTITIONS.length)]), random.nextInt(BUCKETS), random.nextBoolean());
                return false;
            } else if (r < 970) {
                write.close();
                live = copy(committed);
                write = table.newWrite(false);
                return false;
            } else {
                commitStreaming(true);
                write.close();
                String dt = PARTITIONS[random.nextInt(PARTITIONS.length)];
                live.keySet().removeIf(key -> key.get(1).equals(dt));
                try (TableWrite overwrite = table.newWrite(true)) {
                    int rows = random.nextInt(8);
                    for (int i = 0; i < rows; i++) {
                        GenericRow row = randomRow();
                        row.setField(1, BinaryString.fromString(dt));
                        overwrite.write(row);
                        apply(row);
                    }
                    commit.overwrite(Map.of("dt", dt), ++identifier, overwrite.prepareCommit(true));
                }
                committed();
                write = table.newWrite(false);
                return true;
            }
        }

        void finish() throws IOException {
            commitStreaming(true);
            write.close();
        }

        private void commitStreaming(boolean waitCompaction) throws IOException {
            List<CommitMessage> messages = new ArrayList<>(write.prepareCommit(waitCompaction));
            if (source == ChangelogSource.CHANGELOG) {
                messages.addAll(changelog(random.nextInt(3) == 0));
            }
            commit.commit(++identifier, messages);
            committed();
        }

        /** Records the model's state at the snapshots the last commit made. */
        private void committed() throws IOException {
            long before = byId.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            committed = copy(live);
            long latest = latestId();
            for (long s = before + 1; s <= latest; s++) {
                byId.put(s, copy(committed));
            }
        }

        long latestId() throws IOException {
            return table.snapshotManager().latestSnapshotId().orElse(0);
        }

        Map<List<Object>, List<Object>> at(long snapshotId) {
            return snapshotId == 0 ? Map.of() : Objects.requireNonNull(byId.get(snapshotId), "no model state at " + snapshotId);
        }

        /**
         * Changelog files of the commit being made: for each changed key, +I, -U and +U, or -D, comparing the rows
         * committed before with the rows now, in the changelog of the APPEND snapshot or (compact) of the COMPACT one.
         */
        private List<CommitMessage> changelog(boolean compact) throws IOException {
            Map<List<Object>, List<KeyValue<BinaryRow, InternalRow>>> byBucket = new TreeMap<>(Comparator.comparing(Object::toString));
            Set<List<Object>> keys = new TreeSet<>(Comparator.comparing(Object::toString));
            keys.addAll(committed.keySet());
            keys.addAll(live.keySet());
            long sequence = 0;
            for (List<Object> key : keys) {
                List<Object> old = committed.get(key);
                List<Object> now = live.get(key);
                if (Objects.equals(old, now)) {
                    continue;
                }
                BinaryRow binaryKey = InternalRows.toBinaryRow(GenericRow.of(key.get(0)), keyType);
                int bucket = BucketFunction.bucket(binaryKey, BUCKETS);
                List<KeyValue<BinaryRow, InternalRow>> records =
                        byBucket.computeIfAbsent(List.of(key.get(1), bucket), k -> new ArrayList<>());
                if (old != null) {
                    records.add(new KeyValue<>(binaryKey, sequence++, now == null ? RowKind.DELETE : RowKind.UPDATE_BEFORE, toRow(old)));
                }
                if (now != null) {
                    records.add(new KeyValue<>(binaryKey, sequence++, old == null ? RowKind.INSERT : RowKind.UPDATE_AFTER, toRow(now)));
                }
            }
            TablePaths paths = new TablePaths(table.location(), table.schema().logicalPartitionType());
            FileFormat format = FileFormat.fromOptions(table.schema().options());
            KeyValueFileSchema fileSchema = new KeyValueFileSchema(keyType, table.rowType());
            List<CommitMessage> messages = new ArrayList<>();
            for (Map.Entry<List<Object>, List<KeyValue<BinaryRow, InternalRow>>> bucket : byBucket.entrySet()) {
                BinaryRow partition = partition((String) bucket.getKey().get(0));
                int bucketId = (Integer) bucket.getKey().get(1);
                KeyValueRunFiles files = new KeyValueRunFiles(table.fileIO(), paths.bucketPath(partition, bucketId), format,
                        fileSchema, table.schema().id(), schemaId -> fileSchema, keyComparator, 4096,
                        () -> paths.newDataFileName(format.type()), () -> paths.newChangelogFileName(format.type()),
                        System::currentTimeMillis);
                RunWriter<BinaryRow, InternalRow> writer = files.newChangelogWriter();
                for (KeyValue<BinaryRow, InternalRow> record : bucket.getValue()) {
                    writer.write(record);
                }
                List<DataFileMeta> written = new ArrayList<>();
                for (LsmFile<BinaryRow> file : writer.close()) {
                    written.add((DataFileMeta) file);
                }
                messages.add(compact
                        ? new CommitMessage(partition, bucketId, BUCKETS, List.of(), List.of(), List.of(), List.of(), written)
                        : new CommitMessage(partition, bucketId, BUCKETS, List.of(), written, List.of(), List.of(), List.of()));
            }
            return messages;
        }

        private void apply(GenericRow row) {
            List<Object> values = values(row);
            List<Object> key = List.of(values.get(0), values.get(1));
            if (row.getRowKind().isRetract()) {
                live.remove(key);
            } else {
                live.put(key, values);
            }
        }

        private GenericRow randomRow() {
            return GenericRow.of((long) random.nextInt(50), BinaryString.fromString(PARTITIONS[random.nextInt(PARTITIONS.length)]),
                    random.nextInt(4) == 0 ? null : random.nextInt(100),
                    random.nextInt(4) == 0 ? null : BinaryString.fromString("s" + random.nextInt(1000)));
        }

        BinaryRow partition(String dt) {
            return InternalRows.toBinaryRow(GenericRow.of(BinaryString.fromString(dt)), table.schema().logicalPartitionType());
        }
    }

    /** One streaming reader: its scan, what it has read, and its saved checkpoint. */
    private static final class Reader {
        private final Workload workload;
        private final String mode;
        private final int number;
        private final Random random;
        private final boolean filtered;
        private final FileStoreTable table;
        private final String consumerId;
        private DataStreamTableScan scan;
        private DataTableRead read;
        Map<List<Object>, List<Object>> view = new TreeMap<>(Comparator.comparing(Object::toString));
        private Long savedPosition;
        private Map<List<Object>, List<Object>> savedView;
        int restartsFromState;
        int restartsFromConsumer;
        private Long firstPlanned;

        Reader(Workload workload, String mode, int number, Random random, boolean filtered) throws IOException {
            this.workload = workload;
            this.mode = mode;
            this.number = number;
            this.random = random;
            this.filtered = filtered;
            this.consumerId = number % 2 == 0 ? "reader-" + number : null;
            Map<String, String> options = new HashMap<>();
            options.put("scan.mode", mode);
            options.put("streaming-read-overwrite", "true");
            if (consumerId != null) {
                options.put("consumer-id", consumerId);
            }
            List<Snapshot> snapshots = workload.table.snapshotManager().snapshots();
            long latest = workload.latestId();
            // The rows the reader is taken to hold before its first plan.
            Map<List<Object>, List<Object>> initial = Map.of();
            switch (mode) {
                case "latest" -> initial = workload.at(latest);
                case "from-snapshot", "default" -> {
                    long start = snapshots.isEmpty() ? 1 : 1 + random.nextInt((int) latest + 1);
                    options.put("scan.snapshot-id", String.valueOf(start));
                    initial = workload.at(start - 1);
                }
                case "from-snapshot-full" -> {
                    if (snapshots.isEmpty()) {
                        options.put("scan.mode", "latest-full");
                    } else {
                        options.put("scan.snapshot-id", String.valueOf(1 + random.nextInt((int) latest)));
                    }
                }
                case "from-timestamp" -> {
                    long time = snapshots.isEmpty() ? 0 : snapshots.get(random.nextInt(snapshots.size())).timeMillis();
                    options.put("scan.timestamp-millis", String.valueOf(time));
                    long atOrBefore = snapshots.stream().filter(s -> s.timeMillis() <= time).mapToLong(Snapshot::id).max().orElse(0);
                    initial = workload.at(atOrBefore);
                }
                default -> { }
            }
            this.table = workload.table.copy(options);
            this.view.putAll(expected(initial));
            open();
            pollAndCheck();
            if (!snapshots.isEmpty()) {
                // Modes that start with a full read must have read the snapshot they start at first.
                Long start = switch (options.get("scan.mode")) {
                    case "latest-full", "full" -> latest;
                    case "compacted-full" -> snapshots.stream().filter(s -> s.commitKind() == CommitKind.COMPACT)
                            .mapToLong(Snapshot::id).max().orElse(latest);
                    case "from-snapshot-full" -> Long.valueOf(options.get("scan.snapshot-id"));
                    default -> null;
                };
                if (start != null) {
                    assertThat(firstPlanned).as("%s starts with a full read of snapshot %d", this, start).isEqualTo(start);
                }
            }
        }

        private void open() {
            DataReadBuilder builder = table.newReadBuilder();
            if (filtered) {
                builder.withFilter(builder.predicateBuilder().equal("dt", FILTERED_PARTITION))
                        .withProjection(List.of("v2", "k", "dt"));
            }
            scan = new DataStreamTableScan(table, filtered ? builder.predicateBuilder().equal("dt", FILTERED_PARTITION) : null,
                    workload.source);
            read = builder.newRead();
        }

        void pollAndCheck() throws IOException {
            while (true) {
                TableScan.Plan plan = scan.plan();
                if (plan.snapshotId() == null) {
                    assertThat(plan.splits()).isEmpty();
                    break;
                }
                if (firstPlanned == null) {
                    firstPlanned = plan.snapshotId();
                }
                readPlan(plan);
                assertThat(view).as("%s after reading snapshot %d", this, plan.snapshotId()).isEqualTo(expectedAt(plan.snapshotId()));
                if (random.nextInt(4) == 0) {
                    checkpoint();
                }
            }
            assertThat(view).as("%s caught up", this).isEqualTo(expectedAt(workload.latestId()));
        }

        /** Reads the plan's splits as three parallel readers would: each its own splits, in plan order. */
        private void readPlan(TableScan.Plan plan) throws IOException {
            int parallelism = 3;
            List<List<DataSplit>> byReader = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                byReader.add(new ArrayList<>());
            }
            for (Split split : plan.splits()) {
                DataSplit shipped = (DataSplit) SplitSerializer.deserialize(SplitSerializer.serialize(split));
                assertThat(shipped).isEqualTo(split);
                byReader.get(BucketOwner.of(shipped.partition(), shipped.bucket(), parallelism)).add(shipped);
            }
            // Readers run in any order relative to each other; a key's changes all live with one of them.
            for (int i = parallelism - 1; i >= 0; i--) {
                for (DataSplit split : byReader.get(i)) {
                    boolean upserts = split.kind() == DataSplit.Kind.CHANGES && workload.source == ChangelogSource.DELTA;
                    try (RecordReader<InternalRow> rows = read.createReader(split)) {
                        for (InternalRow row = rows.read(); row != null; row = rows.read()) {
                            apply(row, upserts);
                        }
                    }
                }
            }
        }

        private void apply(InternalRow row, boolean upserts) {
            List<Object> values = filtered
                    ? java.util.Arrays.asList(row.getLong(1), row.getString(2).toString(), optionalString(row, 0))
                    : values(row);
            List<Object> key = filtered ? List.of(values.get(0), values.get(1)) : List.of(values.get(0), values.get(1));
            RowKind kind = row.getRowKind();
            if (upserts) {
                if (kind.isRetract()) {
                    view.remove(key);
                } else {
                    view.put(key, values);
                }
                return;
            }
            if (kind.isRetract()) {
                assertThat(view.get(key)).as("%s: %s retracts the row it holds", this, kind.shortString()).isEqualTo(values);
                view.remove(key);
            } else {
                assertThat(view).as("%s: %s of a key it does not hold", this, kind.shortString()).doesNotContainKey(key);
                view.put(key, values);
            }
        }

        private void checkpoint() throws IOException {
            savedPosition = scan.checkpoint();
            savedView = copy(view);
            scan.notifyCheckpointComplete(savedPosition);
        }

        /** Sometimes restarts from the last checkpoint: from the scan's state, or from the consumer's position. */
        void maybeRestart() {
            if (savedPosition == null || random.nextInt(6) != 0) {
                return;
            }
            open();
            if (consumerId == null || random.nextBoolean()) {
                scan.restore(savedPosition);
                restartsFromState++;
            } else {
                restartsFromConsumer++;
            }
            assertThat(scan.consumerId()).isEqualTo(consumerId);
            view = copy(savedView);
        }

        Map<List<Object>, List<Object>> expectedAt(long snapshotId) {
            return expected(workload.at(snapshotId));
        }

        private Map<List<Object>, List<Object>> expected(Map<List<Object>, List<Object>> rows) {
            Map<List<Object>, List<Object>> expected = new TreeMap<>(Comparator.comparing(Object::toString));
            for (Map.Entry<List<Object>, List<Object>> entry : rows.entrySet()) {
                List<Object> values = entry.getValue();
                if (!filtered) {
                    expected.put(entry.getKey(), values);
                } else if (values.get(1).equals(FILTERED_PARTITION)) {
                    List<Object> projected = new ArrayList<>(List.of(values.get(0), values.get(1)));
                    projected.add(values.get(3));
                    expected.put(entry.getKey(), projected);
                }
            }
            return expected;
        }

        @Override
        public String toString() {
            return "reader " + number + " (" + mode + (filtered ? ", filtered" : "") + ", " + (restartsFromState + restartsFromConsumer) + " restarts)";
        }
    }

    private static Object optionalString(InternalRow row, int pos) {
        return row.isNullAt(pos) ? null : row.getString(pos).toString();
    }

    private static List<Object> values(InternalRow row) {
        List<Object> values = new ArrayList<>();
        values.add(row.getLong(0));
        values.add(row.getString(1).toString());
        values.add(row.isNullAt(2) ? null : row.getInt(2));
        values.add(optionalString(row, 3));
        return values;
    }

    private static GenericRow toRow(List<Object> values) {
        return GenericRow.of(values.get(0), BinaryString.fromString((String) values.get(1)), values.get(2),
                values.get(3) == null ? null : BinaryString.fromString((String) values.get(3)));
    }

    private static Map<List<Object>, List<Object>> copy(Map<List<Object>, List<Object>> rows) {
        Map<List<Object>, List<Object>> copy = new TreeMap<>(Comparator.comparing(Object::toString));
        copy.putAll(rows);
        return copy;
    }

    /** {@link TableTestSupport#assertNoOrphanAndNoMissingFiles}, counting changelog files as referenced. */
    static void assertNoOrphanAndNoMissingFilesWithChangelog(FileStoreTable table) throws IOException {
        Set<String> referenced = new TreeSet<>();
        TablePaths paths = new TablePaths(table.location(), table.schema().logicalPartitionType());
        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType());
        for (Snapshot snapshot : table.snapshotManager().snapshots()) {
            referenced.addAll(TableTestSupport.referencedFiles(table, snapshot));
            for (ManifestEntry entry : scan.readChangelogEntries(snapshot, null)) {
                referenced.add(new io.tstore.core.fs.Path(paths.bucketPath(entry.partition(), entry.bucket()), entry.file().fileName()).toUri().getPath());
            }
        }
        Set<String> present = TableTestSupport.listFiles(table);
        Set<String> orphans = TableTestSupport.orphans(present, referenced);
        orphans.removeIf(path -> path.contains("/consumer/consumer-")); // the readers' positions
        assertThat(orphans).as("orphan files of %s", table.name()).isEmpty();
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(present);
        assertThat(missing).as("missing files of %s", table.name()).isEmpty();
    }
}
