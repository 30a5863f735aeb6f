package io.tstore.spark.procedures;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.connector.PartitionSpecs;
import io.tstore.core.lifecycle.OrphanFilesClean;
import io.tstore.core.lifecycle.SnapshotExpiration;
import io.tstore.core.lifecycle.TableRollback;
import io.tstore.core.options.ExpireConfig;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableCheck;
import io.tstore.core.table.TableCompactor;
import io.tstore.core.tag.TagManager;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.tstore.spark.procedures.ProcedureParameter.Type.LONG;
import static io.tstore.spark.procedures.ProcedureParameter.Type.SNAPSHOT_OR_TAG;
import static io.tstore.spark.procedures.ProcedureParameter.Type.STRING;
import static io.tstore.spark.procedures.ProcedureParameter.Type.TIMESTAMP;
import static io.tstore.spark.procedures.ProcedureParameter.optional;
import static io.tstore.spark.procedures.ProcedureParameter.required;

/**
 * The maintenance procedures: compaction, tags, rollback, snapshot expiry, orphan files and the table check, each a call of the
 * core's maintenance API on a table named {@code 'database.table'}.
 */
public final class Procedures {
    private static final ProcedureParameter TABLE = required("table", STRING);
    private static final Map<String, Procedure> ALL = new LinkedHashMap<>();

    static {
        add(new TableProcedure("compact", "Compacts every bucket of the table fully, or only the buckets of the given "
                + "partitions ('k1=v1,k2=v2;k1=v3'), in one commit",
                List.of(TABLE, optional("partitions", STRING)), List.of(required("buckets_compacted", LONG))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                TableCompactor compactor = new TableCompactor(table, "spark-compact-" + UUID.randomUUID());
                Optional<String> partitions = arguments.optionalString("partitions").filter(p -> !p.isBlank());
                int buckets = partitions.isPresent()
                        ? compactor.compact(true, PartitionSpecs.matcher(table, PartitionSpecs.parse(table, partitions.get())))
                        : compactor.compact(true);
                return row((long) buckets);
            }
        });
        add(new TableProcedure("create_tag", "Tags the latest snapshot, or the given one",
                List.of(TABLE, required("tag", STRING), optional("snapshot", LONG)),
                List.of(required("tag", STRING), required("snapshot_id", LONG))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                String tag = arguments.string("tag");
                Optional<Long> snapshot = arguments.optionalLong("snapshot");
                TagManager tags = new TagManager(table);
                Snapshot tagged = snapshot.isPresent() ? tags.createTag(tag, snapshot.get()) : tags.createTag(tag);
                return row(tag, tagged.id());
            }
        });
        add(new TableProcedure("delete_tag", "Deletes a tag, and the files only it kept",
                List.of(TABLE, required("tag", STRING)),
                List.of(required("tag", STRING), required("files_deleted", LONG))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                String tag = arguments.string("tag");
                return row(tag, (long) new TagManager(table).deleteTag(tag));
            }
        });
        add(new TableProcedure("rollback", "Rolls the table back to a snapshot id or a tag: later snapshots, and tags of "
                + "them, are removed",
                List.of(TABLE, required("snapshot_or_tag", SNAPSHOT_OR_TAG)),
                List.of(required("snapshot_id", LONG), required("snapshots_removed", LONG))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                Object to = arguments.snapshotOrTag("snapshot_or_tag");
                TableRollback rollback = new TableRollback(table);
                TableRollback.Result result = to instanceof Long snapshot
                        ? rollback.rollbackTo(snapshot) : rollback.rollbackToTag((String) to);
                return row(result.target(), (long) result.removedSnapshots().size());
            }
        });
        add(new TableProcedure("expire_snapshots", "Expires snapshots as the table's snapshot.* options say; with "
                + "retain_last, keeps only that many latest ones (at least that many when older_than is given); with "
                + "older_than, expires those committed before it. Consumers' snapshots are always kept",
                List.of(TABLE, optional("retain_last", LONG), optional("older_than", TIMESTAMP)),
                List.of(required("snapshots_deleted", LONG), required("data_files_deleted", LONG))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                Optional<Long> retainLast = arguments.optionalLong("retain_last");
                Optional<Instant> olderThan = arguments.optionalTimestamp("older_than");
                if (retainLast.isPresent() && (retainLast.get() < 1 || retainLast.get() > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("Procedure " + arguments.procedure() + ": retain_last of table "
                            + table.name() + " must be at least 1, got " + retainLast.get());
                }
                long now = System.currentTimeMillis();
                ExpireConfig config;
                if (olderThan.isPresent()) {
                    ExpireConfig options = ExpireConfig.fromOptions(table.name(), table.options());
                    Duration age = Duration.ofMillis(Math.max(0, now - olderThan.get().toEpochMilli()));
                    config = new ExpireConfig(retainLast.map(Long::intValue).orElse(1), Integer.MAX_VALUE, age,
                            Integer.MAX_VALUE, options.consumerExpiration());
                } else if (retainLast.isPresent()) {
                    config = ExpireConfig.retainLatest(retainLast.get().intValue());
                } else {
                    config = ExpireConfig.fromOptions(table.name(), table.options());
                }
                SnapshotExpiration.Result result = new SnapshotExpiration(table, () -> now).expire(config);
                return row((long) result.snapshotsDeleted(), (long) result.dataFilesDeleted());
            }
        });
        add(new TableProcedure("remove_orphan_files", "Deletes the table's files that no snapshot, tag or schema refers "
                + "to and that are older than older_than (default: a day ago)",
                List.of(TABLE, optional("older_than", TIMESTAMP)),
                List.of(required("files_deleted", LONG))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                long now = System.currentTimeMillis();
                Duration age = arguments.optionalTimestamp("older_than")
                        .map(time -> Duration.ofMillis(Math.max(0, now - time.toEpochMilli())))
                        .orElse(OrphanFilesClean.DEFAULT_OLDER_THAN);
                return row((long) new OrphanFilesClean(table, () -> now).clean(age).size());
            }
        });
        add(new TableProcedure("check_table", "Checks that every file the latest snapshot (scope 'latest') or every "
                + "snapshot and tag (scope 'all') refers to is there at its recorded size and readable; returns one row "
                + "per damaged or missing file, or one row 'ok'",
                List.of(TABLE, optional("scope", STRING)),
                List.of(required("role", STRING), required("file", STRING), required("problem", STRING))) {
            @Override
            List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException {
                String scope = arguments.optionalString("scope").orElse("latest").trim().toLowerCase(java.util.Locale.ROOT);
                if (!scope.equals("latest") && !scope.equals("all")) {
                    throw new IllegalArgumentException("Procedure " + arguments.procedure() + ": bad scope '" + scope
                            + "' for table " + table.name() + ", expected 'latest' or 'all'");
                }
                TableCheck.Result result = TableCheck.check(table, scope.equals("all"));
                if (result.ok()) {
                    return row("ok", table.name(), result.filesChecked() + " files checked");
                }
                return result.problems().stream()
                        .map(problem -> new Object[] {problem.role(), problem.file(), problem.problem()}).toList();
            }
        });
    }

    private Procedures() {}

    private static void add(Procedure procedure) {
        ALL.put(procedure.name(), procedure);
    }

    /** Every procedure, in a stable order. */
    public static List<Procedure> all() {
        return List.copyOf(ALL.values());
    }

    /** The procedure of this name (case-insensitive); an error listing the procedures when there is none. */
    public static Procedure get(String name) {
        Procedure procedure = ALL.get(name.toLowerCase(java.util.Locale.ROOT));
        if (procedure == null) {
            throw new IllegalArgumentException("There is no procedure " + Procedure.NAMESPACE + "." + name
                    + "; the procedures are " + ALL.keySet());
        }
        return procedure;
    }

    private static List<Object[]> row(Object... values) {
        return List.<Object[]>of(values);
    }

    /** A procedure whose first parameter names a table of the catalog. */
    private abstract static class TableProcedure implements Procedure {
        private final String name;
        private final String description;
        private final List<ProcedureParameter> parameters;
        private final List<ProcedureParameter> result;

        TableProcedure(String name, String description, List<ProcedureParameter> parameters,
                List<ProcedureParameter> result) {
            this.name = name;
            this.description = description;
            this.parameters = parameters;
            this.result = result;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public List<ProcedureParameter> parameters() {
            return parameters;
        }

        @Override
        public List<ProcedureParameter> result() {
            return result;
        }

        @Override
        public List<Object[]> call(Catalog catalog, ProcedureArguments arguments) throws IOException {
            String table = arguments.string(TABLE.name());
            Identifier identifier;
            try {
                identifier = Identifier.parse(table.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Procedure " + fullName() + ": bad table name '" + table
                        + "', expected 'database.table': " + e.getMessage(), e);
            }
            return call(catalog.getTable(identifier), arguments);
        }

        abstract List<Object[]> call(FileStoreTable table, ProcedureArguments arguments) throws IOException;
    }
}
