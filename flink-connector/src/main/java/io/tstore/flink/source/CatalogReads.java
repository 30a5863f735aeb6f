package io.tstore.flink.source;

import io.tstore.core.connector.TableHandle;
import io.tstore.core.catalog.Catalog;
import io.tstore.core.catalog.CatalogException;
import io.tstore.core.table.Identifier;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Table;

import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;

import java.io.IOException;

/**
 * What the Flink catalog needs for reads beyond data tables: system tables ({@code t$snapshots}) by name. A catalog
 * delegates to it for names with a {@code $}.
 */
public final class CatalogReads {
    private CatalogReads() {}

    /** Whether a name is that of a system table, {@code <table>$<system table>}. */
    public static boolean isSystemTable(ObjectPath path) {
        return SystemTables.isSystemTableName(path.getObjectName());
    }

    /**
     * The system table of a path. A missing data table is a {@link TableNotExistException}; an unknown system table
     * an {@link IllegalArgumentException} that lists the system tables there are.
     */
    public static SystemCatalogTable systemTable(Catalog catalog, String catalogName, ObjectPath path)
            throws TableNotExistException, IOException {
        String name = path.getObjectName();
        int separator = name.indexOf(SystemTables.SEPARATOR);
        FileStoreTable dataTable;
        try {
            dataTable = catalog.getTable(Identifier.of(path.getDatabaseName(), name.substring(0, separator)));
        } catch (CatalogException e) {
            if (e.reason() == CatalogException.Reason.TABLE_NOT_FOUND) {
                throw new TableNotExistException(catalogName, path, e);
            }
            throw e;
        }
        String systemName = name.substring(separator + 1);
        Table table = SystemTables.load(dataTable, systemName);
        return SystemCatalogTable.of(table, TableHandle.ofSystemTable(dataTable, systemName));
    }

    /** Whether the system table of a path exists. */
    public static boolean systemTableExists(Catalog catalog, ObjectPath path) {
        try {
            systemTable(catalog, "", path);
            return true;
        } catch (TableNotExistException | IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
