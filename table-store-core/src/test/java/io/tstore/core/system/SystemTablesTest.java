package io.tstore.core.system;

import io.tstore.core.catalog.CatalogException;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.table.DataSplit;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableTestSupport;
import io.tstore.core.table.TableWrite;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each system table's rows against what the test did to the table: commits of known users, identifiers and row
 * counts, a schema change, tags, consumers and a compaction.
 */
class SystemTablesTest {
    @TempDir
    Path warehouse;

    private FileSystemCatalog catalog;
    private long startMillis;

    @BeforeEach
    void setUp() throws IOException {
        catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", false);
        startMillis = System.currentTimeMillis();
    }

    /** An append table {@code (id BIGINT, p STRING, v STRING)} partitioned by p, one bucket; rows written per commit. */
    private FileStoreTable appendTable(Map<String, Integer> rowsPerPartition, int commits) throws IOException {
        Identifier id = Identifier.of("db", "events");
        catalog.createTable(id, Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("p", DataTypes.STRING())
                .column("v", DataTypes.STRING())
                .partitionKeys("p")
                .option("bucket", "1")
                .option("num-sorted-run.compaction-trigger", "100")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        TableCommit commit = table.newCommit("loader");
        long next = 0;
        try (TableWrite write = table.newWrite(false)) {
            for (int c = 1; c <= commits; c++) {
                for (Map.Entry<String, Integer> partition : new TreeMap<>(rowsPerPartition).entrySet()) {
                    for (int i = 0; i < partition.getValue(); i++) {
                        write.write(GenericRow.of(next++, BinaryString.fromString(partition.getKey()), BinaryString.fromString("v")));
                    }
                }
                commit.commit(c, write.prepareCommit(true));
            }
        }
        return table;
    }

    private static List<InternalRow> rows(Table table) throws IOException {
        return table.newReadBuilder().readAll();
    }

    private Table system(String name) throws IOException {
        return catalog.getTableOrSystemTable("db", "events$" + name);
    }

    @Test
    void snapshotsSchemasOptionsTagsAndConsumers() throws IOException {
        FileStoreTable table = appendTable(Map.of("x", 3, "y", 2), 3);
        catalog.alterTable(table.identifier(), List.of(SchemaChange.setOption("snapshot.num-retained.min", "20")), false);
        new TagManager(table).createTag("first", 1);
        new TagManager(table).createTag("last");
        new ConsumerManager(table.fileIO(), table.location()).resetConsumer("job-1", new Consumer(2));
        long endMillis = System.currentTimeMillis();

        Table snapshots = catalog.getTableOrSystemTable("db.events$snapshots");
        assertThat(snapshots.name()).isEqualTo("db.events$snapshots");
        List<InternalRow> rows = rows(snapshots);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            InternalRow row = rows.get(i);
            assertThat(row.getLong(0)).isEqualTo(i + 1);
            assertThat(row.getLong(1)).isZero();
            assertThat(row.getString(2).toString()).isEqualTo("loader");
            assertThat(row.getLong(3)).isEqualTo(i + 1);
            assertThat(row.getString(4).toString()).isEqualTo("APPEND");
            assertThat(row.getTimestamp(5, 3).millisecond()).isBetween(startMillis, endMillis);
            assertThat(row.isNullAt(8)).as("no changelog").isTrue();
            assertThat(row.getLong(9)).as("total rows").isEqualTo(5L * (i + 1));
            assertThat(row.getLong(10)).as("delta rows").isEqualTo(5);
        }

        List<InternalRow> schemas = rows(system("schemas"));
        assertThat(schemas).hasSize(2);
        assertThat(schemas.get(0).getLong(0)).isZero();
        assertThat(schemas.get(1).getLong(0)).isEqualTo(1);
        assertThat(schemas.get(0).getString(1).toString()).contains("\"name\":\"id\"").contains("\"name\":\"v\"");
        assertThat(schemas.get(0).getString(2).toString()).isEqualTo("[\"p\"]");
        assertThat(schemas.get(0).getString(3).toString()).isEqualTo("[]");
        assertThat(schemas.get(0).getString(4).toString()).doesNotContain("snapshot.num-retained.min");
        assertThat(schemas.get(1).getString(4).toString()).contains("\"snapshot.num-retained.min\":\"20\"");

        Map<String, String> options = new TreeMap<>();
        for (InternalRow row : rows(system("options"))) {
            options.put(row.getString(0).toString(), row.getString(1).toString());
        }
        assertThat(options).isEqualTo(Map.of("bucket", "1", "num-sorted-run.compaction-trigger", "100",
                "snapshot.num-retained.min", "20"));

        List<InternalRow> tags = rows(system("tags"));
        assertThat(tags).hasSize(2);
        assertThat(tags.get(0).getString(0).toString()).isEqualTo("first");
        assertThat(tags.get(0).getLong(1)).isEqualTo(1);
        assertThat(tags.get(0).getLong(4)).isEqualTo(5);
        assertThat(tags.get(1).getString(0).toString()).isEqualTo("last");
        assertThat(tags.get(1).getLong(1)).isEqualTo(3);
        assertThat(tags.get(1).getLong(4)).isEqualTo(15);

        List<InternalRow> consumers = rows(system("consumers"));
        assertThat(consumers).hasSize(1);
        assertThat(consumers.get(0).getString(0).toString()).isEqualTo("job-1");
        assertThat(consumers.get(0).getLong(1)).isEqualTo(2);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void filesManifestsPartitionsAndBucketsOfAnAppendTable() throws IOException {
        FileStoreTable table = appendTable(Map.of("x", 3, "y", 2), 4);

        List<InternalRow> files = rows(system("files"));
        assertThat(files).hasSize(8);
        Map<String, Long> rowsByPartition = new TreeMap<>();
        for (InternalRow file : files) {
            String partition = file.getString(0).toString();
            assertThat(file.getInt(1)).as("bucket").isZero();
            assertThat(file.getString(2).toString()).startsWith(partition + "/bucket-0/data-").endsWith(".orc");
            assertThat(file.getString(3).toString()).isEqualTo("orc");
            assertThat(file.getInt(5)).as("level").isZero();
            assertThat(file.getLong(8)).as("size").isPositive();
            assertThat(file.isNullAt(9)).as("no key").isTrue();
            assertThat(file.getString(14).toString()).isEqualTo("APPEND");
            rowsByPartition.merge(partition, file.getLong(6), Long::sum);
        }
        assertThat(rowsByPartition).isEqualTo(Map.of("p=x", 12L, "p=y", 8L));

        // The manifests' ADD and DELETE counts fold into the files of $files.
        long live = 0;
        for (InternalRow manifest : rows(system("manifests"))) {
            assertThat(manifest.getString(0).toString()).startsWith("manifest-");
            live += manifest.getLong(2) - manifest.getLong(3);
        }
        assertThat(live).isEqualTo(files.size());

        List<InternalRow> partitions = rows(system("partitions"));
        assertThat(partitions).hasSize(2);
        assertThat(partitions.get(0).getString(0).toString()).isEqualTo("p=x");
        assertThat(partitions.get(0).getLong(1)).isEqualTo(12);
        assertThat(partitions.get(0).getLong(3)).isEqualTo(4);
        assertThat(partitions.get(1).getString(0).toString()).isEqualTo("p=y");
        assertThat(partitions.get(1).getLong(1)).isEqualTo(8);
        long bytes = files.stream().filter(f -> f.getString(0).toString().equals("p=x")).mapToLong(f -> f.getLong(8)).sum();
        assertThat(partitions.get(0).getLong(2)).isEqualTo(bytes);

        List<InternalRow> buckets = rows(system("buckets"));
        assertThat(buckets).hasSize(2);
        for (InternalRow bucket : buckets) {
            assertThat(bucket.getInt(2)).as("level").isZero();
            assertThat(bucket.getInt(3)).as("runs").isEqualTo(4);
            assertThat(bucket.getLong(4)).as("files").isEqualTo(4);
        }
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void bucketsAndFilesOfAPrimaryKeyTableShowItsLevels() throws IOException {
        Identifier id = Identifier.of("db", "users");
        catalog.createTable(id, Schema.newBuilder()
                .column("k", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .primaryKey("k")
                .option("bucket", "2")
                .option("num-sorted-run.compaction-trigger", "10")
                .build(), false);
        FileStoreTable table = catalog.getTable(id);
        TableCommit commit = table.newCommit("u");
        try (TableWrite write = table.newWrite(false)) {
            for (int c = 1; c <= 3; c++) {
                for (int k = 0; k < 20; k++) {
                    write.write(GenericRow.of(k, BinaryString.fromString("n" + c)));
                }
                commit.commit(c, write.prepareCommit(true));
            }
            Map<Integer, Integer> l0 = new HashMap<>();
            for (InternalRow row : rows(catalog.getTableOrSystemTable("db", "users$buckets"))) {
                assertThat(row.getInt(2)).isZero();
                l0.put(row.getInt(1), row.getInt(3));
            }
            assertThat(l0).isEqualTo(Map.of(0, 3, 1, 3));
            for (DataSplit split : table.newReadBuilder().newScan().dataSplits()) {
                write.compact(split.partition(), split.bucket(), true);
            }
            commit.commit(4, write.prepareCommit(true));
        }
        int maxLevel = 10;
        long keys = 0;
        for (InternalRow row : rows(catalog.getTableOrSystemTable("db", "users$buckets"))) {
            assertThat(row.getString(0).toString()).isEmpty();
            assertThat(row.getInt(2)).as("level").isEqualTo(maxLevel);
            assertThat(row.getInt(3)).as("runs").isEqualTo(1);
            keys += row.getLong(5);
        }
        assertThat(keys).as("one version per key after a full compaction").isEqualTo(20);
        for (InternalRow file : rows(catalog.getTableOrSystemTable("db", "users$files"))) {
            assertThat(file.getString(9).toString()).startsWith("[");
            assertThat(file.getString(14).toString()).isEqualTo("COMPACT");
        }
        List<InternalRow> kinds = rows(catalog.getTableOrSystemTable("db", "users$snapshots"));
        assertThat(kinds.get(kinds.size() - 1).getString(4).toString()).isEqualTo("COMPACT");
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void auditLogShowsEveryRowWithItsKindAndFiltersOnBoth() throws IOException {
        FileStoreTable table = appendTable(Map.of("x", 3, "y", 2), 2);
        Table audit = system("audit_log");
        assertThat(audit.rowType().fieldNames()).containsExactly("rowkind", "id", "p", "v");
        assertThat(audit.partitionKeys()).containsExactly("p");
        List<InternalRow> all = rows(audit);
        assertThat(all).hasSize(10);
        List<Long> ids = new ArrayList<>();
        for (InternalRow row : all) {
            assertThat(row.getString(0).toString()).isEqualTo("+I");
            ids.add(row.getLong(1));
        }
        assertThat(ids).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

        ReadBuilder read = audit.newReadBuilder();
        PredicateBuilder where = read.predicateBuilder();
        read.withFilter(PredicateBuilder.and(where.equal("rowkind", "+I"), where.equal("p", "y"), where.greaterOrEqual("id", 5L)))
                .withProjection(List.of("id", "rowkind"));
        List<String> selected = new ArrayList<>();
        for (InternalRow row : read.readAll()) {
            selected.add(row.getLong(0) + " " + row.getString(1));
        }
        // Partition y holds ids 3, 4 (first commit) and 8, 9 (second).
        assertThat(selected).containsExactlyInAnyOrder("8 +I", "9 +I");
        ReadBuilder deletes = audit.newReadBuilder();
        assertThat(deletes.withFilter(deletes.predicateBuilder().equal("rowkind", "-D")).readAll()).isEmpty();
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void metadataTablesFilterProjectAndLimit() throws IOException {
        FileStoreTable table = appendTable(Map.of("x", 1), 4);
        ReadBuilder read = system("snapshots").newReadBuilder();
        read.withFilter(read.predicateBuilder().greaterOrEqual("snapshot_id", 2L)).withProjection(List.of("commit_kind", "snapshot_id"));
        assertThat(read.readType().fieldNames()).containsExactly("commit_kind", "snapshot_id");
        List<String> rows = new ArrayList<>();
        for (InternalRow row : read.readAll()) {
            rows.add(row.getString(0) + " " + row.getLong(1));
        }
        assertThat(rows).containsExactly("APPEND 2", "APPEND 3", "APPEND 4");
        assertThat(read.withLimit(1).readAll()).hasSize(1);
        assertThat(read.newScan().plan().rowCount()).isEqualTo(4);
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void namesAndErrors() throws IOException {
        FileStoreTable table = appendTable(Map.of("x", 1), 1);
        assertThat(SystemTables.names()).containsExactly("snapshots", "schemas", "options", "files", "manifests", "tags",
                "consumers", "partitions", "buckets", "audit_log");
        for (String name : SystemTables.names()) {
            Table system = catalog.getTableOrSystemTable("db.events$" + name);
            assertThat(system.name()).isEqualTo("db.events$" + name);
            assertThat(rows(system)).as(name).isNotNull();
        }
        assertThat(catalog.getTableOrSystemTable("db", "events")).isInstanceOf(FileStoreTable.class);
        assertThat(catalog.getTableOrSystemTable("db", "events$SNAPSHOTS").name()).isEqualTo("db.events$snapshots");
        assertThatThrownBy(() -> catalog.getTableOrSystemTable("db", "events$nope"))
                .hasMessageContaining("db.events").hasMessageContaining("'nope'").hasMessageContaining("audit_log");
        assertThatThrownBy(() -> catalog.getTableOrSystemTable("db", "missing$snapshots")).isInstanceOf(CatalogException.class);
        assertThatThrownBy(() -> system("snapshots").newReadBuilder().withProjection(List.of("nope")))
                .hasMessageContaining("db.events$snapshots").hasMessageContaining("'nope'");
        Snapshot latest = table.snapshotManager().latestSnapshot();
        assertThat(rows(system("snapshots")).get(0).getString(6).toString()).isEqualTo(latest.baseManifestList());
        TableTestSupport.assertNoOrphanAndNoMissingFiles(table);
    }
}
