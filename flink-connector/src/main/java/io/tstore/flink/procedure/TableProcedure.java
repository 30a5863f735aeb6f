package io.tstore.flink.procedure;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.FileStoreTable;

import org.apache.flink.table.procedures.Procedure;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** A procedure of the {@code sys} database that acts on one table of a tstore catalog, named {@code 'db.table'}. */
abstract class TableProcedure implements Procedure {
    private final Catalog catalog;

    TableProcedure(Catalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The table of a procedure argument {@code 'database.table'}. */
    FileStoreTable table(String name) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Procedure " + name() + " needs a table as 'database.table', got " + name);
        }
        Identifier identifier;
        try {
            identifier = Identifier.parse(name.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Procedure " + name() + ": bad table name '" + name
                    + "', expected 'database.table': " + e.getMessage(), e);
        }
        return catalog.getTable(identifier);
    }

    /** The procedure's name, for errors: {@code sys.compact}. */
    abstract String name();
}
