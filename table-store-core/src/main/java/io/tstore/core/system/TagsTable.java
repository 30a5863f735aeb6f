package io.tstore.core.system;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tstore.core.system.Rows.string;
import static io.tstore.core.system.Rows.timestamp;

/** {@code t$tags}: each tag and the snapshot it names, by tag name. */
final class TagsTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("tag_name", DataTypes.STRING().notNull())
            .field("snapshot_id", DataTypes.BIGINT().notNull())
            .field("schema_id", DataTypes.BIGINT().notNull())
            .field("commit_time", DataTypes.TIMESTAMP(3).notNull())
            .field("record_count", DataTypes.BIGINT().notNull())
            .build();

    TagsTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.TAGS, TYPE, "The tags of " + dataTable.name());
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        List<InternalRow> rows = new ArrayList<>();
        for (Map.Entry<String, Snapshot> tag : new TagManager(dataTable).tags().entrySet()) {
            Snapshot snapshot = tag.getValue();
            rows.add(GenericRow.of(string(tag.getKey()), snapshot.id(), snapshot.schemaId(),
                    timestamp(snapshot.timeMillis()), snapshot.totalRecordCount()));
        }
        return rows;
    }
}
