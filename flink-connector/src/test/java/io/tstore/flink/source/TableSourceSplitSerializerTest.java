package io.tstore.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.schema.Schema;
import io.tstore.core.system.MetadataSplit;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Splits and enumerator states of the source survive serialization: data splits, system tables' splits, log splits,
 * positions.
 */
class TableSourceSplitSerializerTest {
    @TempDir
    Path dir;

    @Test
    void dataAndMetadataSplitsAndEnumeratorStatesRoundTrip() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(dir.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t");
        catalog.createTable(id, Schema.newBuilder().column("k", DataTypes.INT()).column("v", DataTypes.STRING())
                .primaryKey("k").partitionKeys().option("bucket", "2").build(), false);
        FileStoreTable table = catalog.getTable(id);
        try (TableWrite write = table.newWrite(false)) {
            for (int k = 0; k < 20; k++) {
                write.write(GenericRow.of(k, BinaryString.fromString("v" + k)));
            }
            table.newCommit(UUID.randomUUID().toString()).commit(1, write.prepareCommit(true));
        }

        TableSourceSplitSerializer data = new TableSourceSplitSerializer(table.rowType());
        List<TableSourceSplit> splits = new ArrayList<>();
        for (Split split : table.newReadBuilder().newScan().plan().splits()) {
            splits.add(new TableSourceSplit("s" + splits.size(), split, splits.size() * 7L));
        }
        assertThat(splits).hasSize(2);
        for (TableSourceSplit split : splits) {
            assertThat(data.deserialize(data.getVersion(), data.serialize(split))).isEqualTo(split);
        }

        Table snapshots = SystemTables.load(table, SystemTables.SNAPSHOTS);
        TableSourceSplitSerializer metadata = new TableSourceSplitSerializer(snapshots.rowType());
        MetadataSplit split = (MetadataSplit) snapshots.newReadBuilder().newScan().plan().splits().get(0);
        TableSourceSplit restored = metadata.deserialize(metadata.getVersion(),
                metadata.serialize(new TableSourceSplit("m", split, 0)));
        assertThat(((MetadataSplit) restored.split()).table()).isEqualTo(split.table());
        assertThat(rowsOf((MetadataSplit) restored.split(), snapshots)).isEqualTo(rowsOf(split, snapshots));

        // Log splits: a bucket and the next offset to read.
        List<TableSourceSplit> withLogs = new ArrayList<>(splits);
        withLogs.add(new TableSourceSplit("log-0", new LogSplit(0, 0), 0));
        withLogs.add(new TableSourceSplit("log-1", new LogSplit(1, 123_456_789_012L), 0));
        for (TableSourceSplit logSplit : withLogs.subList(2, 4)) {
            assertThat(data.deserialize(data.getVersion(), data.serialize(logSplit))).isEqualTo(logSplit);
        }

        TableEnumeratorState.Serializer states = new TableEnumeratorState.Serializer(data);
        for (TableEnumeratorState state : List.of(
                new TableEnumeratorState(null, false, 0, List.of()),
                new TableEnumeratorState(5L, false, 9, splits),
                new TableEnumeratorState(0L, false, 4, withLogs),
                new TableEnumeratorState(null, true, 2, splits.subList(1, 2)))) {
            assertThat(states.deserialize(states.getVersion(), states.serialize(state))).isEqualTo(state);
        }
        assertThatThrownBy(() -> data.deserialize(data.getVersion() + 1, data.serialize(splits.get(0))))
                .hasMessageContaining("version");
    }

    private static List<String> rowsOf(MetadataSplit split, Table table) {
        List<String> rows = new ArrayList<>();
        split.rows().forEach(row -> rows.add(InternalRows.toString(row, table.rowType())));
        return rows;
    }
}
