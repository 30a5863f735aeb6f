package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.type.Type;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** A column of a table: its name and its core type (as the type's JSON, as schema files write it). */
public final class TStoreColumnHandle implements ColumnHandle {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The name of the merge row id: the primary key as a row (a synthetic column, never a table's own). */
    static final String ROW_ID = "$row_id";

    private final String name;
    private final String typeJson;
    private final DataType type;
    private final Type trinoType;

    @JsonCreator
    public TStoreColumnHandle(@JsonProperty("name") String name, @JsonProperty("typeJson") String typeJson) {
        this.name = requireNonNull(name, "name is null");
        this.typeJson = requireNonNull(typeJson, "typeJson is null");
        try {
            this.type = DataTypeJson.fromJson(JSON.readTree(typeJson));
        } catch (IOException e) {
            throw new UncheckedIOException("Column " + name + " has an unreadable type: " + typeJson, e);
        }
        this.trinoType = TypeMapping.toTrinoType(type);
    }

    static TStoreColumnHandle of(String name, DataType type) {
        return new TStoreColumnHandle(name, DataTypeJson.toJson(type).toString());
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public String getTypeJson() {
        return typeJson;
    }

    @JsonIgnore
    public boolean isRowId() {
        return ROW_ID.equals(name);
    }

    @JsonIgnore
    public DataType coreType() {
        return type;
    }

    @JsonIgnore
    public Type trinoType() {
        return trinoType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TStoreColumnHandle that && name.equals(that.name) && typeJson.equals(that.typeJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, typeJson);
    }

    @Override
    public String toString() {
        return name + ":" + trinoType;
    }
}
