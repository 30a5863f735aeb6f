package io.tstore.flink.procedure;

import io.tstore.core.catalog.Catalog;

import org.apache.flink.table.procedures.Procedure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The procedures of a tstore catalog, in its {@code sys} database: {@code CALL sys.compact(...)},
 * {@code sys.create_tag}, {@code sys.delete_tag}, {@code sys.rollback_to}, {@code sys.expire_snapshots},
 * {@code sys.remove_orphan_files}, {@code sys.check_table}.
 */
public final class Procedures {
    /** The database the procedures are in. */
    public static final String SYSTEM_DATABASE = "sys";

    private static final Map<String, Function<Catalog, Procedure>> PROCEDURES = new LinkedHashMap<>();

    static {
        PROCEDURES.put(CompactProcedure.NAME, CompactProcedure::new);
        PROCEDURES.put(TagProcedures.CreateTag.NAME, TagProcedures.CreateTag::new);
        PROCEDURES.put(TagProcedures.DeleteTag.NAME, TagProcedures.DeleteTag::new);
        PROCEDURES.put(MaintenanceProcedures.RollbackTo.NAME, MaintenanceProcedures.RollbackTo::new);
        PROCEDURES.put(MaintenanceProcedures.ExpireSnapshots.NAME, MaintenanceProcedures.ExpireSnapshots::new);
        PROCEDURES.put(MaintenanceProcedures.RemoveOrphanFiles.NAME, MaintenanceProcedures.RemoveOrphanFiles::new);
        PROCEDURES.put(MaintenanceProcedures.CheckTable.NAME, MaintenanceProcedures.CheckTable::new);
    }

    private Procedures() {}

    /** The names of the procedures of a database: all of them in {@code sys}, none elsewhere. */
    public static List<String> names(String database) {
        return SYSTEM_DATABASE.equals(database) ? List.copyOf(PROCEDURES.keySet()) : List.of();
    }

    /** The procedure {@code database.name}, over a catalog's tables. */
    public static Optional<Procedure> procedure(Catalog catalog, String database, String name) {
        if (!SYSTEM_DATABASE.equals(database) || !PROCEDURES.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(PROCEDURES.get(name).apply(catalog));
    }
}
