package io.tstore.core.system;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tstore.core.system.Rows.string;

/** {@code t$options}: the options stored in the table's latest schema (defaults not included), by key. */
final class OptionsTable extends MetadataTable {
    static final RowType TYPE = RowType.builder()
            .field("key", DataTypes.STRING().notNull())
            .field("value", DataTypes.STRING().notNull())
            .build();

    OptionsTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.OPTIONS, TYPE, "The options set on " + dataTable.name());
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        TableSchema latest = dataTable.schemaManager().latest().orElse(dataTable.schema());
        List<InternalRow> rows = new ArrayList<>();
        for (Map.Entry<String, String> option : new TreeMap<>(latest.optionsMap()).entrySet()) {
            rows.add(GenericRow.of(string(option.getKey()), string(option.getValue())));
        }
        return rows;
    }
}
