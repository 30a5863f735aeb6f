package io.tstore.flink;

import io.tstore.core.options.CoreOptions;
import io.tstore.core.schema.ColumnPosition;
import io.tstore.core.schema.Schema;
import io.tstore.core.schema.SchemaChange;
import io.tstore.core.types.DataType;

import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.TableDistribution;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates Flink's DDL into the table format's terms: a {@code CREATE TABLE} into a {@link Schema}, and the
 * {@link TableChange}s of an {@code ALTER TABLE} into {@link SchemaChange}s. What the table format cannot hold
 * (computed and metadata columns, watermarks, a {@code connector} option, moving a column) fails here with an
 * error naming the table and the column or option; the schema rules themselves are checked by the core.
 */
public final class FlinkSchemas {
    private FlinkSchemas() {}

    /** The schema of a table created by {@code CREATE TABLE} (also {@code ... LIKE} and {@code ... AS SELECT}). */
    public static Schema toSchema(String tableName, ResolvedCatalogTable table) {
        ResolvedSchema resolved = table.getResolvedSchema();
        if (!resolved.getWatermarkSpecs().isEmpty()) {
            throw new IllegalArgumentException("Table " + tableName + ": watermarks are not stored in tstore tables;"
                    + " declare the watermark on a source table, or use CREATE TABLE ... LIKE ... (EXCLUDING WATERMARKS)");
        }
        Schema.Builder builder = Schema.newBuilder();
        for (Column column : resolved.getColumns()) {
            if (!column.isPhysical()) {
                throw new IllegalArgumentException(String.format(
                        "Table %s: column '%s' is a %s; tstore tables have physical columns only",
                        tableName, column.getName(), column instanceof Column.ComputedColumn ? "computed column" : "metadata column"));
            }
            builder.column(column.getName(), toCore(tableName, column.getName(), column.getDataType().getLogicalType()),
                    column.getComment().orElse(null));
        }
        resolved.getPrimaryKey().map(UniqueConstraint::getColumns).ifPresent(builder::primaryKey);
        builder.partitionKeys(table.getPartitionKeys());

        Map<String, String> options = new LinkedHashMap<>(table.getOptions());
        if (options.containsKey(FactoryUtil.CONNECTOR.key())) {
            throw new IllegalArgumentException(String.format(
                    "Table %s: option 'connector' = '%s' is not allowed on a table of a tstore catalog, whose tables are"
                            + " always tstore tables; create tables of other connectors in another catalog",
                    tableName, options.get(FactoryUtil.CONNECTOR.key())));
        }
        table.getDistribution().ifPresent(distribution -> applyDistribution(tableName, distribution, options));
        builder.options(options);
        String comment = table.getComment();
        builder.comment(comment == null || comment.isEmpty() ? null : comment);
        return builder.build();
    }

    /** {@code DISTRIBUTED BY [HASH](k...) INTO n BUCKETS} is the table's {@code bucket-key} and {@code bucket}. */
    private static void applyDistribution(String tableName, TableDistribution distribution, Map<String, String> options) {
        if (distribution.getKind() == TableDistribution.Kind.RANGE) {
            throw new IllegalArgumentException("Table " + tableName + ": DISTRIBUTED BY RANGE is not supported;"
                    + " tstore tables distribute rows to buckets by a hash of the bucket key");
        }
        distribution.getBucketCount().ifPresent(count -> putDistribution(tableName, options, CoreOptions.BUCKET.key(), String.valueOf(count)));
        if (!distribution.getBucketKeys().isEmpty()) {
            putDistribution(tableName, options, CoreOptions.BUCKET_KEY.key(), String.join(",", distribution.getBucketKeys()));
        }
    }

    private static void putDistribution(String tableName, Map<String, String> options, String key, String value) {
        String given = options.put(key, value);
        if (given != null && !given.equals(value)) {
            throw new IllegalArgumentException(String.format(
                    "Table %s: DISTRIBUTED BY says %s = '%s', but option '%s' = '%s'; give it once",
                    tableName, key, value, key, given));
        }
    }

    /** The schema changes of an {@code ALTER TABLE}, in the order Flink lists them. */
    public static List<SchemaChange> toSchemaChanges(String tableName, List<TableChange> changes) {
        List<SchemaChange> result = new ArrayList<>(changes.size());
        for (TableChange change : changes) {
            if (change instanceof TableChange.AddColumn add) {
                Column column = add.getColumn();
                checkPhysical(tableName, column);
                result.add(SchemaChange.addColumn(column.getName(),
                        toCore(tableName, column.getName(), column.getDataType().getLogicalType()),
                        column.getComment().orElse(null), position(add.getPosition())));
            } else if (change instanceof TableChange.DropColumn drop) {
                result.add(SchemaChange.dropColumn(drop.getColumnName()));
            } else if (change instanceof TableChange.ModifyColumnName rename) {
                result.add(SchemaChange.renameColumn(rename.getOldColumnName(), rename.getNewColumnName()));
            } else if (change instanceof TableChange.ModifyPhysicalColumnType retype) {
                String name = retype.getOldColumn().getName();
                LogicalType oldType = retype.getOldColumn().getDataType().getLogicalType();
                LogicalType newType = retype.getNewType().getLogicalType();
                if (!oldType.copy(true).equals(newType.copy(true))) {
                    result.add(SchemaChange.updateColumnType(name, toCore(tableName, name, newType)));
                }
                if (oldType.isNullable() != newType.isNullable()) {
                    result.add(SchemaChange.updateColumnNullability(name, newType.isNullable()));
                }
            } else if (change instanceof TableChange.ModifyColumnComment comment) {
                result.add(SchemaChange.updateColumnComment(comment.getOldColumn().getName(), comment.getNewComment()));
            } else if (change instanceof TableChange.ModifyColumnPosition move) {
                throw new UnsupportedOperationException(String.format(
                        "Table %s: cannot move column '%s'; tstore tables keep their column order (add columns FIRST or AFTER another instead)",
                        tableName, move.getOldColumn().getName()));
            } else if (change instanceof TableChange.ModifyColumn modify) {
                throw new UnsupportedOperationException(String.format(
                        "Table %s: cannot change column '%s' into %s", tableName, modify.getOldColumn().getName(), modify.getNewColumn()));
            } else if (change instanceof TableChange.SetOption set) {
                result.add(SchemaChange.setOption(set.getKey(), set.getValue()));
            } else if (change instanceof TableChange.ResetOption reset) {
                result.add(SchemaChange.removeOption(reset.getKey()));
            } else if (change instanceof TableChange.ModifyTableComment comment) {
                String text = comment.getComment();
                result.add(SchemaChange.updateComment(text == null || text.isEmpty() ? null : text));
            } else if (change instanceof TableChange.AddUniqueConstraint
                    || change instanceof TableChange.ModifyUniqueConstraint
                    || change instanceof TableChange.DropConstraint) {
                throw new UnsupportedOperationException("Table " + tableName
                        + ": the primary key cannot change, since it decides where each row is stored; create a new table and copy the rows over");
            } else {
                throw new UnsupportedOperationException("Table " + tableName + ": ALTER TABLE change " + change + " is not supported");
            }
        }
        return result;
    }

    private static void checkPhysical(String tableName, Column column) {
        if (!column.isPhysical()) {
            throw new IllegalArgumentException(String.format(
                    "Table %s: column '%s' is not a physical column; tstore tables have physical columns only", tableName, column.getName()));
        }
    }

    private static ColumnPosition position(TableChange.ColumnPosition position) {
        if (position == null) {
            return ColumnPosition.last();
        }
        if (position instanceof TableChange.After after) {
            return ColumnPosition.after(after.column());
        }
        return ColumnPosition.first();
    }

    private static DataType toCore(String tableName, String column, LogicalType type) {
        try {
            return FlinkTypes.toCore(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Table " + tableName + ", column '" + column + "': " + e.getMessage(), e);
        }
    }
}
