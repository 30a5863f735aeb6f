package io.tstore.flink.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.GenericRow;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.core.connector.ReadDescription;
import io.tstore.lsm.RowKind;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;

/**
 * The local copy of a lookup join follows random upserts, deletes, compactions and overwrites of a table, joined
 * on the primary key and on another column, filtered and projected; after each refresh it must equal a model, and
 * it must have followed the changes (not reloaded) except across overwrites.
 */
class LookupCacheTest {
    @TempDir
    Path dir;

    @Test
    void followsRandomChangesOfAPrimaryKeyTable() throws Exception {
        FileStoreTable table = createTable(List.of("id"));
        Random random = new Random(23);
        TreeMap<Long, long[]> model = new TreeMap<>(); // id -> {grp, value}
        TableCommit commit = table.newCommit(UUID.randomUUID().toString());
        PredicateBuilder where = new PredicateBuilder(table.rowType());
        // Rows with value < 80, projected to (value, id, grp): joined on id (position 1) and on grp (position 2).
        ReadDescription spec = ReadDescription.all().withProjection(new int[] {2, 0, 1}).withFilter(where.lessThan("value", 80L));
        LookupCache byId = new LookupCache(table, spec, new int[] {1});
        LookupCache byGroup = new LookupCache(table, spec, new int[] {2});
        byId.load();
        byGroup.load();
        int overwrites = 0;
        for (int round = 0; round < 25; round++) {
            boolean overwrite = random.nextInt(8) == 0;
            if (overwrite) {
                overwrites++;
                model.clear();
            }
            try (TableWrite write = table.newWrite(overwrite)) {
                for (int i = 0; i < 30; i++) {
                    long id = random.nextInt(50);
                    if (random.nextInt(4) == 0) {
                        GenericRow row = GenericRow.of(id, null, null);
                        row.setRowKind(RowKind.DELETE);
                        write.write(row);
                        model.remove(id);
                    } else {
                        long grp = random.nextInt(5);
                        long value = random.nextInt(100);
                        write.write(GenericRow.of(id, grp, value));
                        model.put(id, new long[] {grp, value});
                    }
                }
                if (!overwrite && random.nextInt(3) == 0) {
                    write.compact(io.tstore.core.data.BinaryRow.EMPTY_ROW, random.nextInt(2), true);
                }
                if (overwrite) {
                    commit.overwrite(Map.of(), round, write.prepareCommit(true));
                } else {
                    commit.commit(round, write.prepareCommit(true));
                }
            }
            byId.refresh();
            byGroup.refresh();
            assertMatches(byId, byGroup, model);
        }
        assertThat(byId.loads()).isEqualTo(1 + overwrites);
        assertThat(byGroup.loads()).isEqualTo(1 + overwrites);
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void followsAppendsOfATableWithoutPrimaryKey() throws Exception {
        FileStoreTable table = createTable(List.of());
        TableCommit commit = table.newCommit(UUID.randomUUID().toString());
        LookupCache byGroup = new LookupCache(table, ReadDescription.ALL, new int[] {1});
        byGroup.load();
        Map<Long, List<String>> model = new HashMap<>();
        Random random = new Random(5);
        for (int round = 0; round < 6; round++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < 10; i++) {
                    long id = random.nextInt(1000);
                    long grp = random.nextInt(3);
                    write.write(GenericRow.of(id, grp, (long) i));
                    model.computeIfAbsent(grp, g -> new ArrayList<>()).add(id + "," + grp + "," + i);
                }
                commit.commit(round, write.prepareCommit(true));
            }
            byGroup.refresh();
            for (long grp = 0; grp < 3; grp++) {
                List<String> rows = new ArrayList<>();
                byGroup.get(GenericRowData.of(grp)).forEach(r -> rows.add(r.getLong(0) + "," + r.getLong(1) + "," + r.getLong(2)));
                assertThat(rows).containsExactlyInAnyOrderElementsOf(model.getOrDefault(grp, List.of()));
            }
        }
        assertThat(byGroup.loads()).isEqualTo(1);
    }

    private static void assertMatches(LookupCache byId, LookupCache byGroup, TreeMap<Long, long[]> model) {
        Map<Long, List<String>> groups = new HashMap<>();
        for (long id = 0; id < 50; id++) {
            long[] row = model.get(id);
            List<String> expected = row != null && row[1] < 80 ? List.of(row[1] + "," + id + "," + row[0]) : List.of();
            assertThat(rows(byId.get(GenericRowData.of(id)))).as("id %s", id).isEqualTo(expected);
            if (!expected.isEmpty()) {
                groups.computeIfAbsent(row[0], g -> new ArrayList<>()).add(expected.get(0));
            }
        }
        for (long grp = 0; grp < 5; grp++) {
            assertThat(rows(byGroup.get(GenericRowData.of(grp)))).as("grp %s", grp)
                    .containsExactlyInAnyOrderElementsOf(groups.getOrDefault(grp, List.of()));
        }
        assertThat(byId.get(GenericRowData.of((Object) null))).isEmpty();
    }

    private static List<String> rows(Iterable<RowData> rows) {
        List<String> result = new ArrayList<>();
        rows.forEach(r -> result.add(r.getLong(0) + "," + r.getLong(1) + "," + r.getLong(2)));
        return result;
    }

    private FileStoreTable createTable(List<String> primaryKey) throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(dir.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t");
        Schema.Builder schema = Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("grp", DataTypes.BIGINT())
                .column("value", DataTypes.BIGINT())
                .option("bucket", "2");
        if (!primaryKey.isEmpty()) {
            schema.primaryKey(primaryKey.toArray(new String[0]));
        }
        catalog.createTable(id, schema.build(), false);
        return catalog.getTable(id);
    }
}
