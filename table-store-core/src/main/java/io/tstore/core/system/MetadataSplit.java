package io.tstore.core.system;

import io.tstore.core.data.InternalRow;
import io.tstore.core.table.Split;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The one split of a metadata table: its rows, read from the table's metadata when the scan was planned, so that
 * all of a read sees one moment of the table.
 */
public record MetadataSplit(String table, List<InternalRow> rows) implements Split {

    public MetadataSplit {
        requireNonNull(table, "table is null");
        rows = List.copyOf(rows);
    }

    @Override
    public long rowCount() {
        return rows.size();
    }
}
