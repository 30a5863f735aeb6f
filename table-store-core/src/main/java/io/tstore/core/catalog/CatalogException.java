package io.tstore.core.catalog;

import io.tstore.core.table.Identifier;

/** A catalog operation on a database or table that does not (or does already) exist, or is not empty. */
public class CatalogException extends RuntimeException {
    private final Reason reason;

    public enum Reason {
        DATABASE_NOT_FOUND,
        DATABASE_EXISTS,
        DATABASE_NOT_EMPTY,
        TABLE_NOT_FOUND,
        TABLE_EXISTS,
    }

    public CatalogException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static CatalogException databaseNotFound(String database) {
        return new CatalogException(Reason.DATABASE_NOT_FOUND, "Database " + database + " does not exist");
    }

    public static CatalogException databaseExists(String database) {
        return new CatalogException(Reason.DATABASE_EXISTS, "Database " + database + " already exists");
    }

    public static CatalogException databaseNotEmpty(String database) {
        return new CatalogException(Reason.DATABASE_NOT_EMPTY, "Database " + database + " is not empty: drop its tables first, or drop it with cascade");
    }

    public static CatalogException tableNotFound(Identifier table) {
        return new CatalogException(Reason.TABLE_NOT_FOUND, "Table " + table + " does not exist");
    }

    public static CatalogException tableExists(Identifier table) {
        return new CatalogException(Reason.TABLE_EXISTS, "Table " + table + " already exists");
    }
}
