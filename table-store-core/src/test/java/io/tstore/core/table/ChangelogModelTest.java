package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant of changelog producers: starting from a snapshot, reading it in full and then applying the
 * changelog of each later snapshot in order reproduces the table exactly at every later snapshot. Random upserts,
 * deletes and retractions, commits, compactions and writer restarts, for every merge engine where a producer
 * applies; the batch read of each snapshot is the truth (TableModelTest checks it against a model).
 *
 * <ul>
 *   <li>{@code lookup}: from every snapshot to every later one, and the changelog is a proper one: +I only for an
 *       absent key, -U/-D only with the row a follower holds, +U only after its -U.</li>
 *   <li>{@code full-compaction}: the same, between snapshots where every bucket is fully compacted (the changelog
 *       of other changes comes with the next full compaction).</li>
 *   <li>{@code input} and {@code none} (deduplicate only): applied as upserts and deletes by key, from every
 *       snapshot; none follows the new files of APPEND snapshots.</li>
 * </ul>
 * With {@code changelog-producer.row-deduplicate} no -U/+U pair carries equal rows. Ends with the orphan and
 * missing files check.
 */
class ChangelogModelTest {
    private static final String[] PARTITIONS = {"2024-01-01", "2024-01-02", "2024-01-03"};
    private static final String[] ENGINES = {
        "deduplicate", "deduplicate-seq", "partial-update", "partial-update-seq", "aggregation", "first-row"};

    @TempDir
    java.nio.file.Path warehouse;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        String only = System.getProperty("changelog.model.case", "");
        for (String producer : new String[] {"none", "input", "lookup", "full-compaction"}) {
            for (String engine : ENGINES) {
                boolean applies = producer.equals("lookup") || producer.equals("full-compaction") || engine.equals("deduplicate");
                if (applies && (only.isEmpty() || only.equals(producer + "-" + engine))) {
                    cases.add(Arguments.of(producer, engine));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void changelogReproducesEverySnapshot(String producer, String engine) throws IOException {
        long seed = Objects.hash(producer, engine) * 0x9E3779B97F4A7C15L;
        Random random = new Random(seed);
        boolean rowDeduplicate = random.nextBoolean();
        int deltaCommits = 1 + random.nextInt(3);
        String format = random.nextInt(3) == 0 ? "parquet" : "orc";
        // Files of at least half the target size that overlap nothing are moved up a level, not rewritten: with a
        // small target, flushed files are moved too, and their changelog is written without a rewrite.
        String targetFileSize = random.nextBoolean() ? "1 kb" : "8 kb";

        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t");
        Schema.Builder schema = Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("dt", DataTypes.STRING().notNull())
                .column("v1", DataTypes.INT())
                .column("v2", DataTypes.STRING())
                .column("v3", DataTypes.BIGINT())
                .primaryKey("k", "dt")
                .partitionKeys("dt")
                .option("bucket", "2")
                .option("file.format", format)
                .option("num-sorted-run.compaction-trigger", "3")
                .option("target-file-size", targetFileSize)
                .option("write-buffer-size", "128 kb")
                .option("page-size", "4 kb")
                .option("merge-engine", engine.replace("-seq", ""))
                .option("changelog-producer", producer)
                .option("changelog-producer.row-deduplicate", String.valueOf(rowDeduplicate))
                .option("full-compaction.delta-commits", String.valueOf(deltaCommits));
        if (engine.endsWith("-seq")) {
            schema.option("sequence.field", "v3");
        }
        if (engine.equals("aggregation")) {
            schema.option("fields.v1.aggregate-function", "sum").option("fields.v3.aggregate-function", "sum");
        }
        catalog.createTable(id, schema.build(), false);
        FileStoreTable table = catalog.getTable(id);
        String description = String.format("%s %s (%s, row-deduplicate %s, delta-commits %d, target-file-size %s)",
                producer, engine, format, rowDeduplicate, deltaCommits, targetFileSize);

        runWorkload(table, engine, random);

        ChangelogFiles changelogFiles = new ChangelogFiles(table);
        long latest = table.snapshotManager().latestSnapshotId().orElseThrow();
        List<Map<List<Object>, List<Object>>> states = new ArrayList<>();
        List<List<KeyValue<BinaryRow, InternalRow>>> changelogs = new ArrayList<>();
        List<Boolean> consistent = new ArrayList<>();
        states.add(Map.of());
        changelogs.add(List.of());
        consistent.add(true);
        long changelogRecords = 0;
        for (long s = 1; s <= latest; s++) {
            Snapshot snapshot = table.snapshotManager().snapshot(s);
            states.add(read(table, s));
            List<KeyValue<BinaryRow, InternalRow>> changelog = producer.equals("none")
                    ? changelogFiles.appended(snapshot)
                    : changelogFiles.changelog(snapshot);
            changelogs.add(changelog);
            changelogRecords += changelog.size();
            consistent.add(!producer.equals("full-compaction") || fullyCompacted(table, snapshot));
            if (rowDeduplicate) {
                assertNoEqualUpdatePairs(changelog, description + ", snapshot " + s);
            }
        }
        assertThat(changelogRecords).as("changelog records of %s", description).isPositive();
        int checked = 0;
        boolean strict = producer.equals("lookup") || producer.equals("full-compaction");
        for (int start = 0; start <= latest; start++) {
            if (!consistent.get(start)) {
                continue;
            }
            Map<List<Object>, List<Object>> follower = new HashMap<>(states.get(start));
            for (int next = start + 1; next <= latest; next++) {
                String at = String.format("%s: from snapshot %d at snapshot %d", description, start, next);
                apply(follower, changelogs.get(next), strict, at);
                if (consistent.get(next)) {
                    assertThat(differences(follower, states.get(next)))
                            .as("%s: keys whose follower row (left) differs from the read (right)", at).isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).as("snapshot pairs checked for %s", description).isGreaterThan((int) latest / 4);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    /** Writes, commits, compactions and restarts, as a streaming job with failures would make them. */
    private static void runWorkload(FileStoreTable table, String engine, Random random) throws IOException {
        int operations = Integer.getInteger("changelog.model.operations", 600);
        boolean deletes = engine.startsWith("deduplicate") || engine.equals("aggregation");
        Map<List<Object>, GenericRow> written = new HashMap<>();
        TableWrite write = table.newWrite(false);
        TableCommit commit = table.newCommit("changelog-test");
        long identifier = 0;
        try {
            for (int op = 0; op < operations; op++) {
                int r = random.nextInt(1000);
                if (r < 820) {
                    GenericRow row = randomRow(random, engine);
                    List<Object> key = List.of(row.getLong(0), row.getString(1).toString());
                    GenericRow previous = written.get(key);
                    if (previous != null && random.nextInt(5) == 0) {
                        row = copy(previous); // the same row again: an update that changes nothing
                    }
                    if (deletes && random.nextInt(7) == 0) {
                        row = previous != null && random.nextBoolean() ? copy(previous) : row;
                        row.setRowKind(random.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE);
                    } else {
                        written.put(key, copy(row));
                    }
                    write.write(row);
                } else if (r < 920) {
                    commit.commit(++identifier, write.prepareCommit(random.nextBoolean()));
                } else if (r < 960) {
                    String dt = PARTITIONS[random.nextInt(PARTITIONS.length)];
                    BinaryRow partition = InternalRows.toBinaryRow(GenericRow.of(BinaryString.fromString(dt)),
                            table.schema().logicalPartitionType());
                    write.compact(partition, random.nextInt(2), random.nextBoolean());
                } else if (r < 975) {
                    // A failure: what was not committed is lost, and the writer restarts from the latest snapshot.
                    write.close();
                    write = table.newWrite(false);
                } else {
                    // A restart after a commit.
                    commit.commit(++identifier, write.prepareCommit(true));
                    write.close();
                    write = table.newWrite(false);
                }
            }
            commit.commit(++identifier, write.prepareCommit(true));
        } finally {
            write.close();
        }
    }

    private static GenericRow randomRow(Random random, String engine) {
        long k = random.nextInt(40);
        String dt = PARTITIONS[random.nextInt(PARTITIONS.length)];
        boolean sparse = engine.startsWith("partial-update") || engine.equals("aggregation");
        Integer v1 = sparse && random.nextInt(3) == 0 ? null : random.nextInt(5);
        BinaryString v2 = sparse && random.nextInt(3) == 0 ? null : BinaryString.fromString("s" + random.nextInt(4));
        Long v3 = random.nextInt(6) == 0 ? null : (long) random.nextInt(engine.endsWith("-seq") ? 1_000 : 10);
        return GenericRow.of(k, BinaryString.fromString(dt), v1, v2, v3);
    }

    private static GenericRow copy(GenericRow row) {
        return GenericRow.of(row.getLong(0), row.getString(1), row.isNullAt(2) ? null : row.getInt(2),
                row.isNullAt(3) ? null : row.getString(3), row.isNullAt(4) ? null : row.getLong(4));
    }

    /** Whether every bucket of the snapshot has all its files on the max level. */
    private static boolean fullyCompacted(FileStoreTable table, Snapshot snapshot) throws IOException {
        int maxLevel = io.tstore.lsm.compact.CompactionOptions.numLevels(table.options()) - 1;
        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType());
        for (ManifestEntry entry : scan.readFiles(snapshot, null, null, null)) {
            if (entry.file().level() != maxLevel) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies changelog records by key. Strictly, as a consumer that keeps counts would: +I needs an absent key,
     * -U and -D the row the follower holds, +U an absent key (after its -U). Otherwise as upserts and deletes.
     */
    private static void apply(
            Map<List<Object>, List<Object>> follower, List<KeyValue<BinaryRow, InternalRow>> changelog, boolean strict, String at) {
        for (KeyValue<BinaryRow, InternalRow> record : changelog) {
            List<Object> values = values(record.value());
            List<Object> key = List.of(values.get(0), values.get(1));
            if (strict) {
                switch (record.kind()) {
                    case INSERT, UPDATE_AFTER -> assertThat(follower.get(key))
                            .as("%s: %s of a key the follower holds", at, record).isNull();
                    case UPDATE_BEFORE, DELETE -> assertThat(follower.get(key))
                            .as("%s: %s retracts the row the follower holds", at, record).isEqualTo(values);
                }
            }
            if (record.kind().isAdd()) {
                follower.put(key, values);
            } else {
                follower.remove(key);
            }
        }
    }

    private static Map<List<Object>, List<List<Object>>> differences(
            Map<List<Object>, List<Object>> follower, Map<List<Object>, List<Object>> read) {
        Map<List<Object>, List<List<Object>>> differences = new HashMap<>();
        java.util.Set<List<Object>> keys = new java.util.HashSet<>(follower.keySet());
        keys.addAll(read.keySet());
        for (List<Object> key : keys) {
            if (!Objects.equals(follower.get(key), read.get(key))) {
                differences.put(key, java.util.Arrays.asList(follower.get(key), read.get(key)));
            }
        }
        return differences;
    }

    private static void assertNoEqualUpdatePairs(List<KeyValue<BinaryRow, InternalRow>> changelog, String at) {
        for (int i = 0; i + 1 < changelog.size(); i++) {
            KeyValue<BinaryRow, InternalRow> before = changelog.get(i);
            KeyValue<BinaryRow, InternalRow> after = changelog.get(i + 1);
            if (before.kind() == RowKind.UPDATE_BEFORE && after.kind() == RowKind.UPDATE_AFTER) {
                assertThat(values(after.value())).as("%s: -U/+U pair of equal rows %s", at, before).isNotEqualTo(values(before.value()));
            }
        }
    }

    private static Map<List<Object>, List<Object>> read(FileStoreTable table, long snapshotId) throws IOException {
        Map<List<Object>, List<Object>> rows = new HashMap<>();
        for (InternalRow row : table.newReadBuilder().withSnapshot(snapshotId).readAll()) {
            List<Object> values = values(row);
            rows.put(List.of(values.get(0), values.get(1)), values);
        }
        return rows;
    }

    private static List<Object> values(InternalRow row) {
        List<Object> values = new ArrayList<>();
        values.add(row.getLong(0));
        values.add(row.getString(1).toString());
        values.add(row.isNullAt(2) ? null : row.getInt(2));
        values.add(row.isNullAt(3) ? null : row.getString(3).toString());
        values.add(row.isNullAt(4) ? null : row.getLong(4));
        return values;
    }
}
