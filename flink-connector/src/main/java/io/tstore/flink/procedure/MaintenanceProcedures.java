package io.tstore.flink.procedure;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.options.ExpireConfig;
import io.tstore.core.lifecycle.OrphanFilesClean;
import io.tstore.core.lifecycle.SnapshotExpiration;
import io.tstore.core.lifecycle.TableRollback;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCheck;

import org.apache.flink.table.procedure.ProcedureContext;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The procedures that roll back, expire and clean a table. */
public final class MaintenanceProcedures {
    private MaintenanceProcedures() {}

    /**
     * {@code CALL sys.rollback_to('db.t', 3)} rolls the table back to snapshot 3, {@code CALL sys.rollback_to('db.t',
     * 'tag')} to a tag's snapshot: later snapshots (and tags of them) are removed. Returns the snapshot rolled back to.
     */
    public static final class RollbackTo extends TableProcedure {
        public static final String NAME = "rollback_to";

        public RollbackTo(Catalog catalog) {
            super(catalog);
        }

        public long[] call(ProcedureContext context, String table, Long snapshotId) throws IOException {
            if (snapshotId == null) {
                throw new IllegalArgumentException("Procedure " + name() + " needs a snapshot id or a tag name");
            }
            return new long[] {new TableRollback(table(table)).rollbackTo(snapshotId).target()};
        }

        public long[] call(ProcedureContext context, String table, String tag) throws IOException {
            return new long[] {new TableRollback(table(table)).rollbackToTag(tag).target()};
        }

        @Override
        String name() {
            return "sys." + NAME;
        }
    }

    /**
     * {@code CALL sys.expire_snapshots('db.t')} expires snapshots as the table's {@code snapshot.*} options say;
     * {@code CALL sys.expire_snapshots('db.t', 2)} keeps only the latest 2 (and what consumers still need). Returns
     * the number of snapshots expired.
     */
    public static final class ExpireSnapshots extends TableProcedure {
        public static final String NAME = "expire_snapshots";

        public ExpireSnapshots(Catalog catalog) {
            super(catalog);
        }

        public long[] call(ProcedureContext context, String table) throws IOException {
            FileStoreTable fileStoreTable = table(table);
            SnapshotExpiration.Result result = new SnapshotExpiration(fileStoreTable)
                    .expire(ExpireConfig.fromOptions(fileStoreTable.name(), fileStoreTable.options()));
            return new long[] {result.snapshotsDeleted()};
        }

        public long[] call(ProcedureContext context, String table, Integer retainLatest) throws IOException {
            if (retainLatest == null) {
                return call(context, table);
            }
            if (retainLatest < 1) {
                throw new IllegalArgumentException("Procedure " + name() + ": the number of snapshots to retain of table "
                        + table + " must be at least 1, but is " + retainLatest);
            }
            SnapshotExpiration.Result result = new SnapshotExpiration(table(table)).expire(ExpireConfig.retainLatest(retainLatest));
            return new long[] {result.snapshotsDeleted()};
        }

        @Override
        String name() {
            return "sys." + NAME;
        }
    }

    /**
     * {@code CALL sys.remove_orphan_files('db.t')} deletes files of the table that nothing refers to and that are older
     * than a day; {@code CALL sys.remove_orphan_files('db.t', '2024-05-01 12:00:00')} those older than that time
     * (local time). Returns the number of files deleted.
     */
    public static final class RemoveOrphanFiles extends TableProcedure {
        public static final String NAME = "remove_orphan_files";

        public RemoveOrphanFiles(Catalog catalog) {
            super(catalog);
        }

        public long[] call(ProcedureContext context, String table) throws IOException {
            return new long[] {new OrphanFilesClean(table(table)).clean(OrphanFilesClean.DEFAULT_OLDER_THAN).size()};
        }

        public long[] call(ProcedureContext context, String table, String olderThan) throws IOException {
            if (olderThan == null) {
                return call(context, table);
            }
            long before;
            try {
                before = LocalDateTime.parse(olderThan.trim().replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Procedure " + name() + ": bad time '" + olderThan
                        + "', expected 'yyyy-MM-dd HH:mm:ss'", e);
            }
            long now = System.currentTimeMillis();
            Duration age = Duration.ofMillis(Math.max(0, now - before));
            return new long[] {new OrphanFilesClean(table(table), () -> now).clean(age).size()};
        }

        @Override
        String name() {
            return "sys." + NAME;
        }
    }

    /**
     * {@code CALL sys.check_table('db.t')} checks that every file the latest snapshot refers to is there and
     * readable ({@code CALL sys.check_table('db.t', 'all')}: every snapshot and tag); returns one line per damaged or
     * missing file, or one line saying the table is sound ({@link TableCheck}).
     */
    public static final class CheckTable extends TableProcedure {
        public static final String NAME = "check_table";

        public CheckTable(Catalog catalog) {
            super(catalog);
        }

        public String[] call(ProcedureContext context, String table) throws IOException {
            return call(context, table, "latest");
        }

        public String[] call(ProcedureContext context, String table, String scope) throws IOException {
            String which = scope == null ? "latest" : scope.trim().toLowerCase(java.util.Locale.ROOT);
            if (!which.equals("latest") && !which.equals("all")) {
                throw new IllegalArgumentException("Procedure " + name() + ": bad scope '" + scope
                        + "' for table " + table + ", expected 'latest' or 'all'");
            }
            TableCheck.Result result = TableCheck.check(table(table), which.equals("all"));
            if (result.ok()) {
                return new String[] {"ok: " + result.filesChecked() + " files of table " + result.table() + " checked"};
            }
            return result.problems().stream().map(TableCheck.Problem::toString).toArray(String[]::new);
        }

        @Override
        String name() {
            return "sys." + NAME;
        }
    }
}
