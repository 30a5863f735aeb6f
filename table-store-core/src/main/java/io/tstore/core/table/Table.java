package io.tstore.core.table;

import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import java.util.List;
import java.util.Optional;

/**
 * Anything that reads like a table: a data table ({@link FileStoreTable}) or a system table over its metadata.
 * Engines read every kind through the same {@link ReadBuilder}, so a connector written against this interface
 * shows data and system tables alike.
 */
public interface Table {

    /** The full name, {@code database.table} (system tables: {@code database.table$snapshots}). */
    String name();

    RowType rowType();

    List<String> partitionKeys();

    List<String> primaryKeys();

    /** The table's options as written; typed getters apply the defaults. */
    Options options();

    Optional<String> comment();

    ReadBuilder newReadBuilder();
}
