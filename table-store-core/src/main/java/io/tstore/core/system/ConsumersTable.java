package io.tstore.core.system;

import io.tstore.core.consumer.Consumer;
import io.tstore.core.consumer.ConsumerManager;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tstore.core.system.Rows.string;

/** {@code t$consumers}: each consumer and the next snapshot it needs, by consumer id. */
final class ConsumersTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("consumer_id", DataTypes.STRING().notNull())
            .field("next_snapshot_id", DataTypes.BIGINT().notNull())
            .build();

    ConsumersTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.CONSUMERS, TYPE, "The consumers of " + dataTable.name());
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        List<InternalRow> rows = new ArrayList<>();
        for (Map.Entry<String, Consumer> consumer : new ConsumerManager(dataTable.fileIO(), dataTable.location()).consumers().entrySet()) {
            rows.add(GenericRow.of(string(consumer.getKey()), consumer.getValue().nextSnapshot()));
        }
        return rows;
    }
}
