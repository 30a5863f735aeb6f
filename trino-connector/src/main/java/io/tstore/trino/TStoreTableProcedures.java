package io.tstore.trino;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorTableExecuteHandle;
import io.trino.spi.connector.TableProcedureExecutionMode;
import io.trino.spi.connector.TableProcedureMetadata;
import io.trino.spi.session.PropertyMetadata;
import io.tstore.core.lifecycle.OrphanFilesClean;
import io.tstore.core.lifecycle.SnapshotExpiration;
import io.tstore.core.options.ExpireConfig;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableCheck;
import io.tstore.core.table.TableCompactor;
import io.tstore.options.Durations;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;
import static io.trino.spi.StandardErrorCode.INVALID_PROCEDURE_ARGUMENT;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

/**
 * The table procedures of {@code ALTER TABLE t EXECUTE name(...)}, each one call of the core's maintenance run on
 * the coordinator:
 * <ul>
 *   <li>{@code optimize}: a full compaction of every bucket ({@link TableCompactor}), one COMPACT snapshot;</li>
 *   <li>{@code expire_snapshots(retain_last => n, older_than => '7d')}: {@link SnapshotExpiration} keeping at least
 *       the latest {@code n} snapshots and every snapshot younger than {@code older_than} (without arguments, the
 *       table's own {@code snapshot.*} options);</li>
 *   <li>{@code remove_orphan_files(older_than => '1d')}: {@link OrphanFilesClean}, deleting files that no snapshot,
 *       tag or schema references and that are older than {@code older_than} (default one day, so that the files of
 *       a write still in progress are kept).</li>
 * </ul>
 */
final class TStoreTableProcedures {
    static final String OPTIMIZE = "optimize";
    static final String EXPIRE_SNAPSHOTS = "expire_snapshots";
    static final String REMOVE_ORPHAN_FILES = "remove_orphan_files";
    static final String CHECK_TABLE = "check_table";
    static final String SCOPE = "scope";
    static final String RETAIN_LAST = "retain_last";
    static final String OLDER_THAN = "older_than";

    private TStoreTableProcedures() {}

    static Set<TableProcedureMetadata> procedures() {
        PropertyMetadata<String> olderThan = PropertyMetadata.stringProperty(OLDER_THAN,
                "Only what is older than this duration ('7d', '12h', '30min', '0s')", null, false);
        return Set.of(
                // Trino looks procedures up by their upper-case name.
                new TableProcedureMetadata(OPTIMIZE.toUpperCase(Locale.ROOT), TableProcedureExecutionMode.coordinatorOnly(), List.of()),
                new TableProcedureMetadata(EXPIRE_SNAPSHOTS.toUpperCase(Locale.ROOT), TableProcedureExecutionMode.coordinatorOnly(), List.of(
                        PropertyMetadata.integerProperty(RETAIN_LAST, "The number of latest snapshots kept at least", null, false),
                        olderThan)),
                new TableProcedureMetadata(REMOVE_ORPHAN_FILES.toUpperCase(Locale.ROOT), TableProcedureExecutionMode.coordinatorOnly(), List.of(olderThan)),
                new TableProcedureMetadata(CHECK_TABLE.toUpperCase(Locale.ROOT), TableProcedureExecutionMode.coordinatorOnly(), List.of(
                        PropertyMetadata.stringProperty(SCOPE, "'latest': the files of the latest snapshot; 'all': of every snapshot and tag",
                                "latest", false))));
    }

    /** A procedure call on a table: its name and arguments, checked when the statement is analyzed. */
    public record Call(String schemaName, String tableName, String table, String procedure, Integer retainLast, String olderThan,
            String scope)
            implements ConnectorTableExecuteHandle {
        @JsonCreator
        public Call(
                @JsonProperty("schemaName") String schemaName,
                @JsonProperty("tableName") String tableName,
                @JsonProperty("table") String table,
                @JsonProperty("procedure") String procedure,
                @JsonProperty("retainLast") Integer retainLast,
                @JsonProperty("olderThan") String olderThan,
                @JsonProperty("scope") String scope) {
            this.schemaName = requireNonNull(schemaName, "schemaName is null");
            this.tableName = requireNonNull(tableName, "tableName is null");
            this.table = requireNonNull(table, "table is null");
            this.procedure = requireNonNull(procedure, "procedure is null");
            this.retainLast = retainLast;
            this.olderThan = olderThan;
            this.scope = scope;
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
        public String procedure() {
            return procedure;
        }

        @Override
        @JsonProperty
        public Integer retainLast() {
            return retainLast;
        }

        @Override
        @JsonProperty
        public String olderThan() {
            return olderThan;
        }

        @Override
        @JsonProperty
        public String scope() {
            return scope;
        }
    }

    /** The call of {@code procedure} with its arguments, checked now so that a bad one fails before anything runs. */
    static Call call(FileStoreTable table, String schemaName, String tableName, String tableJson, String procedure, Map<String, Object> arguments) {
        String name = procedure.toLowerCase(Locale.ROOT);
        Integer retainLast = (Integer) arguments.get(RETAIN_LAST);
        String olderThan = (String) arguments.get(OLDER_THAN);
        switch (name) {
            case OPTIMIZE:
                break;
            case EXPIRE_SNAPSHOTS:
                if (retainLast != null && retainLast < 1) {
                    throw new TrinoException(INVALID_PROCEDURE_ARGUMENT, "expire_snapshots of table " + table.name() + ": retain_last must be at least 1, but is " + retainLast);
                }
                break;
            case REMOVE_ORPHAN_FILES:
                break;
            case CHECK_TABLE:
                String scope = (String) arguments.getOrDefault(SCOPE, "latest");
                if (!"latest".equals(scope) && !"all".equals(scope)) {
                    throw new TrinoException(INVALID_PROCEDURE_ARGUMENT, "check_table of table " + table.name()
                            + ": scope must be 'latest' or 'all', but is '" + scope + "'");
                }
                return new Call(schemaName, tableName, tableJson, name, null, null, scope);
            default:
                throw new TrinoException(NOT_SUPPORTED, "Table " + table.name() + " has no procedure '" + procedure + "'; the tstore connector has "
                        + List.of(OPTIMIZE, EXPIRE_SNAPSHOTS, REMOVE_ORPHAN_FILES, CHECK_TABLE));
        }
        if (olderThan != null) {
            duration(table, name, olderThan);
        }
        return new Call(schemaName, tableName, tableJson, name, retainLast, olderThan, null);
    }

    /** Runs the call; its result as metrics ({@code ALTER TABLE EXECUTE} prints them). */
    static Map<String, Long> execute(FileStoreTable table, Call call) throws IOException {
        Map<String, Long> metrics = new LinkedHashMap<>();
        switch (call.procedure()) {
            case OPTIMIZE -> {
                int buckets = new TableCompactor(table, "trino-optimize-" + UUID.randomUUID()).compact(true);
                metrics.put("compacted_buckets", (long) buckets);
            }
            case EXPIRE_SNAPSHOTS -> {
                SnapshotExpiration.Result result = new SnapshotExpiration(table).expire(expireConfig(table, call));
                metrics.put("expired_snapshots", (long) result.snapshotsDeleted());
                metrics.put("deleted_data_files", (long) result.dataFilesDeleted());
                metrics.put("deleted_manifest_files", (long) result.manifestFilesDeleted());
            }
            case REMOVE_ORPHAN_FILES -> {
                Duration olderThan = call.olderThan() == null ? OrphanFilesClean.DEFAULT_OLDER_THAN : duration(table, call.procedure(), call.olderThan());
                metrics.put("removed_files", (long) new OrphanFilesClean(table).clean(olderThan).size());
            }
            case CHECK_TABLE -> {
                TableCheck.Result result = TableCheck.check(table, "all".equals(call.scope()));
                if (!result.ok()) {
                    throw new TrinoException(GENERIC_INTERNAL_ERROR, "Table " + table.name() + " has " + result.problems().size()
                            + " damaged or missing files: " + result.problems().stream().limit(20).map(TableCheck.Problem::toString)
                                    .collect(java.util.stream.Collectors.joining("; "))
                            + (result.problems().size() > 20 ? "; ..." : ""));
                }
                metrics.put("checked_files", result.filesChecked());
            }
            default -> throw new IllegalStateException("Unknown procedure " + call.procedure());
        }
        return metrics;
    }

    private static ExpireConfig expireConfig(FileStoreTable table, Call call) {
        if (call.retainLast() == null && call.olderThan() == null) {
            return ExpireConfig.fromOptions(table.name(), table.options());
        }
        int retainLast = call.retainLast() == null ? 1 : call.retainLast();
        if (call.olderThan() == null) {
            return ExpireConfig.retainLatest(retainLast);
        }
        return new ExpireConfig(retainLast, Integer.MAX_VALUE, duration(table, call.procedure(), call.olderThan()), Integer.MAX_VALUE, null);
    }

    private static Duration duration(FileStoreTable table, String procedure, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TrinoException(INVALID_PROCEDURE_ARGUMENT, procedure + " of table " + table.name() + ": older_than '" + text + "': " + e.getMessage(), e);
        }
    }
}
