package io.tstore.core.lifecycle;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.table.DataSplit;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.schema.Schema;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.DataTableRead;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Tables for the lifecycle tests: a primary-key table {@code (k BIGINT, p STRING, v STRING)} partitioned by
 * {@code p}, whose expected content is a plain {@code TreeMap} of key to value, and helpers to write rounds of
 * random upserts and deletes and to read a snapshot or a tag back.
 */
final class LifecycleTables {
    private LifecycleTables() {}

    static FileStoreTable create(Path warehouse, String name, Map<String, String> options) throws IOException {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", name);
        Map<String, String> all = new HashMap<>(Map.of(
                "bucket", "2",
                "num-sorted-run.compaction-trigger", "3",
                "commit.max-retries", "100",
                "commit.max-retry-wait", "20 ms"));
        all.putAll(options);
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.BIGINT().notNull())
                .column("p", DataTypes.STRING().notNull())
                .column("v", DataTypes.STRING())
                .primaryKey("k", "p")
                .partitionKeys("p")
                .options(all)
                .build(), false);
        return catalog.getTable(id);
    }

    /** The same table over another {@link FileIO} (a failing one, say). */
    static FileStoreTable withFileIO(FileStoreTable table, FileIO fileIO) {
        return new FileStoreTable(fileIO, table.location(), table.identifier(), table.schema());
    }

    /** A key of the model: the row's key and partition. */
    record Key(long k, String p) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(k, o.k);
            return c != 0 ? c : p.compareTo(o.p);
        }
    }

    /**
     * Writes one round of random upserts and deletes of keys {@code [base, base + keys)} in partition {@code p} into
     * the writer and the model.
     */
    static void writeRound(TableWrite write, Map<Key, String> model, Random random, String p, long base, int keys, String tag)
            throws IOException {
        int rows = 1 + random.nextInt(12);
        for (int i = 0; i < rows; i++) {
            Key key = new Key(base + random.nextInt(keys), p);
            GenericRow row = GenericRow.of(key.k(), BinaryString.fromString(p), BinaryString.fromString(tag + "/" + i));
            if (random.nextInt(5) == 0) {
                row.setRowKind(RowKind.DELETE);
                model.remove(key);
            } else {
                model.put(key, tag + "/" + i);
            }
            write.write(row);
        }
    }

    /** Commits {@code rounds} rounds of one writer (compacting now and then); returns the content after each snapshot. */
    static Map<Long, Map<Key, String>> commitRounds(FileStoreTable table, int rounds, long seed) throws IOException {
        return commitRounds(table, rounds, seed, true);
    }

    /** As above; without {@code compact}, the writer never asks for a compaction. */
    static Map<Long, Map<Key, String>> commitRounds(FileStoreTable table, int rounds, long seed, boolean compact) throws IOException {
        Map<Long, Map<Key, String>> contents = new TreeMap<>();
        Map<Key, String> model = new TreeMap<>();
        Random random = new Random(seed);
        TableCommit commit = table.newCommit("writer");
        try (TableWrite write = table.newWrite(false)) {
            for (int round = 1; round <= rounds; round++) {
                writeRound(write, model, random, random.nextBoolean() ? "a" : "b", 0, 20, "r" + round);
                if (compact && random.nextInt(4) == 0) {
                    for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
                        write.compact(split.partition(), split.bucket(), true);
                    }
                }
                long before = table.snapshotManager().latestSnapshotId().orElse(0);
                commit.commit(round, write.prepareCommit(true));
                long after = table.snapshotManager().latestSnapshotId().orElse(0);
                for (long id = before + 1; id <= after; id++) {
                    contents.put(id, Map.copyOf(model));
                }
            }
        }
        return contents;
    }

    static Map<Key, String> read(FileStoreTable table, long snapshotId) throws IOException {
        DataReadBuilder builder = table.newReadBuilder().withSnapshot(snapshotId);
        return toMap(builder.readAll());
    }

    /** Reads the snapshot a tag holds, through its own manifests (the tag's snapshot file may be gone). */
    static Map<Key, String> readTag(FileStoreTable table, Snapshot tagged) throws IOException {
        FileStoreScan scan = new FileStoreScan(table.fileIO(), table.location(), table.schema().logicalPartitionType());
        List<DataSplit> splits = DataSplit.ofBuckets(tagged.id(), scan.readFiles(tagged, null, null, null));
        return toMap(RecordReader.toList(new DataTableRead(table, null, null).createReader(splits)));
    }

    static Map<Key, String> toMap(List<InternalRow> rows) {
        Map<Key, String> map = new TreeMap<>();
        for (InternalRow row : rows) {
            map.put(new Key(row.getLong(0), row.getString(1).toString()), row.getString(2).toString());
        }
        return map;
    }
}
