package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.fs.FileIO;

import java.util.Objects;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A table as one query sees it: the core's shippable {@link TableHandle} (its JSON form, at the schema the planner
 * resolved), the snapshot the query reads (resolved once, when the planner first asks for the table; none when the
 * table is empty or for a system table), the predicate on partition and primary-key columns handed to the core
 * (enforced by it), and a limit where one could be pushed.
 */
public final class TStoreTableHandle implements ConnectorTableHandle {
    private final String schemaName;
    private final String tableName;
    private final String table;
    private final Long snapshotId;
    private final TupleDomain<TStoreColumnHandle> enforced;
    private final Long limit;
    private final Long changesAfter;

    public TStoreTableHandle(String schemaName, String tableName, String table, Long snapshotId, TupleDomain<TStoreColumnHandle> enforced, Long limit) {
        this(schemaName, tableName, table, snapshotId, enforced, limit, null);
    }

    @JsonCreator
    public TStoreTableHandle(
            @JsonProperty("schemaName") String schemaName,
            @JsonProperty("tableName") String tableName,
            @JsonProperty("table") String table,
            @JsonProperty("snapshotId") Long snapshotId,
            @JsonProperty("enforced") TupleDomain<TStoreColumnHandle> enforced,
            @JsonProperty("limit") Long limit,
            @JsonProperty("changesAfter") Long changesAfter) {
        this.schemaName = requireNonNull(schemaName, "schemaName is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.table = requireNonNull(table, "table is null");
        this.snapshotId = snapshotId;
        this.enforced = requireNonNull(enforced, "enforced is null");
        this.limit = limit;
        this.changesAfter = changesAfter;
    }

    @JsonProperty
    public String getSchemaName() {
        return schemaName;
    }

    @JsonProperty
    public String getTableName() {
        return tableName;
    }

    /** The core's {@link TableHandle} as JSON. */
    @JsonProperty
    public String getTable() {
        return table;
    }

    @JsonProperty
    public Long getSnapshotId() {
        return snapshotId;
    }

    @JsonProperty
    public TupleDomain<TStoreColumnHandle> getEnforced() {
        return enforced;
    }

    @JsonProperty
    public Long getLimit() {
        return limit;
    }

    /**
     * For {@code table_changes}: the snapshot after which the changes start (the changes of the snapshots after it,
     * up to and including {@link #getSnapshotId}); null for a read of one snapshot.
     */
    @JsonProperty
    public Long getChangesAfter() {
        return changesAfter;
    }

    boolean readsChanges() {
        return changesAfter != null;
    }

    SchemaTableName schemaTableName() {
        return new SchemaTableName(schemaName, tableName);
    }

    OptionalLong snapshot() {
        return snapshotId == null ? OptionalLong.empty() : OptionalLong.of(snapshotId);
    }

    TableHandle coreHandle(FileIO fileIO) {
        return TableHandle.fromJson(table, fileIO);
    }

    TStoreTableHandle withEnforced(TupleDomain<TStoreColumnHandle> newEnforced) {
        return new TStoreTableHandle(schemaName, tableName, table, snapshotId, newEnforced, limit, changesAfter);
    }

    TStoreTableHandle withLimit(long newLimit) {
        return new TStoreTableHandle(schemaName, tableName, table, snapshotId, enforced, newLimit, changesAfter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TStoreTableHandle that && schemaName.equals(that.schemaName) && tableName.equals(that.tableName)
                && table.equals(that.table) && Objects.equals(snapshotId, that.snapshotId) && enforced.equals(that.enforced)
                && Objects.equals(limit, that.limit) && Objects.equals(changesAfter, that.changesAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemaName, tableName, table, snapshotId, enforced, limit, changesAfter);
    }

    @Override
    public String toString() {
        return schemaName + "." + tableName + (changesAfter == null ? "" : " changes after " + changesAfter) + (snapshotId == null ? "" : "@" + snapshotId)
                + (enforced.isAll() ? "" : " where " + enforced) + (limit == null ? "" : " limit " + limit);
    }
}
