package io.tstore.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.tstore.core.system.Rows.string;
import static io.tstore.core.system.Rows.timestamp;

/** {@code t$schemas}: one row per schema of the table, with its parts as JSON as the schema file holds them. */
final class SchemasTable extends MetadataTable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final RowType TYPE = RowType.builder()
            .field("schema_id", DataTypes.BIGINT().notNull())
            .field("fields", DataTypes.STRING().notNull())
            .field("partition_keys", DataTypes.STRING().notNull())
            .field("primary_keys", DataTypes.STRING().notNull())
            .field("options", DataTypes.STRING().notNull())
            .field("comment", DataTypes.STRING())
            .field("update_time", DataTypes.TIMESTAMP(3).notNull())
            .build();

    SchemasTable(FileStoreTable dataTable) {
        super(dataTable, SystemTables.SCHEMAS, TYPE, "The schemas of " + dataTable.name() + ", oldest first");
    }

    @Override
    protected List<InternalRow> rows() throws IOException {
        List<InternalRow> rows = new ArrayList<>();
        for (TableSchema schema : dataTable.schemaManager().listAll()) {
            JsonNode json = MAPPER.readTree(schema.toJson());
            rows.add(GenericRow.of(
                    schema.id(),
                    string(json.get("fields").toString()),
                    string(json.get("partitionKeys").toString()),
                    string(json.get("primaryKeys").toString()),
                    string(json.get("options").toString()),
                    string(schema.comment()),
                    timestamp(schema.timeMillis())));
        }
        return rows;
    }
}
