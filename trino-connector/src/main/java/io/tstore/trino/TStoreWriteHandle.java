package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorInsertTableHandle;
import io.trino.spi.connector.ConnectorOutputTableHandle;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An INSERT or CREATE TABLE AS: the table (the core's handle as JSON), the table's columns in the order of the
 * pages Trino sends, and the commit user of the statement's one commit.
 */
public record TStoreWriteHandle(String schemaName, String tableName, String table, List<String> columns, String commitUser)
        implements ConnectorInsertTableHandle, ConnectorOutputTableHandle {
    @JsonCreator
    public TStoreWriteHandle(
            @JsonProperty("schemaName") String schemaName,
            @JsonProperty("tableName") String tableName,
            @JsonProperty("table") String table,
            @JsonProperty("columns") List<String> columns,
            @JsonProperty("commitUser") String commitUser) {
        this.schemaName = requireNonNull(schemaName, "schemaName is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.table = requireNonNull(table, "table is null");
        this.columns = List.copyOf(columns);
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
    }

    @Override
    @JsonProperty
    public String schemaName() {
        return schemaName;
    }

    @Override
    @JsonProperty
    public String tableName() {
        return tableName;
    }

    @Override
    @JsonProperty
    public String table() {
        return table;
    }

    @Override
    @JsonProperty
    public List<String> columns() {
        return columns;
    }

    @Override
    @JsonProperty
    public String commitUser() {
        return commitUser;
    }
}
