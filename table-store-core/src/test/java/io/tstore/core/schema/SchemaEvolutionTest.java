package io.tstore.core.schema;

import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.tstore.core.schema.SchemaChange.addColumn;
import static io.tstore.core.schema.SchemaChange.dropColumn;
import static io.tstore.core.schema.SchemaChange.removeOption;
import static io.tstore.core.schema.SchemaChange.renameColumn;
import static io.tstore.core.schema.SchemaChange.setOption;
import static io.tstore.core.schema.SchemaChange.updateColumnComment;
import static io.tstore.core.schema.SchemaChange.updateColumnNullability;
import static io.tstore.core.schema.SchemaChange.updateColumnType;
import static io.tstore.core.schema.SchemaChange.updateComment;
import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaEvolutionTest {
    private static final String TABLE = "db.orders";

    /** dt (partition), id (key), amount INT NOT NULL, note VARCHAR(10). */
    private static TableSchema orders() {
        return TableSchema.create(Schema.newBuilder()
                .column("dt", STRING())
                .column("id", BIGINT())
                .column("amount", INT().notNull(), "in cents")
                .column("note", VARCHAR(10))
                .partitionKeys("dt")
                .primaryKey("dt", "id")
                .build(), TABLE, 100);
    }

    private static TableSchema apply(TableSchema base, SchemaChange... changes) {
        return SchemaEvolution.apply(TABLE, base, List.of(changes), base.timeMillis() + 1);
    }

    private static Map<String, Integer> idsByName(TableSchema schema) {
        Map<String, Integer> ids = new TreeMap<>();
        schema.fields().forEach(f -> ids.put(f.name(), f.id()));
        return ids;
    }

    @Test
    void evolutionKeepsIdsStableAndNeverReusesThem() {
        TableSchema v0 = orders();
        assertThat(idsByName(v0)).isEqualTo(Map.of("dt", 0, "id", 1, "amount", 2, "note", 3));

        TableSchema v1 = apply(v0,
                addColumn("first", INT(), "goes first", ColumnPosition.first()),
                addColumn("after_id", STRING(), null, ColumnPosition.after("id")),
                addColumn("last", DOUBLE()));
        assertThat(v1.id()).isEqualTo(1);
        assertThat(v1.timeMillis()).isEqualTo(101);
        assertThat(v1.fieldNames()).containsExactly("first", "dt", "id", "after_id", "amount", "note", "last");
        assertThat(v1.fields()).extracting(DataField::id).containsExactly(4, 0, 1, 5, 2, 3, 6);
        assertThat(v1.fields().get(0).description()).isEqualTo("goes first");
        assertThat(v1.highestFieldId()).isEqualTo(6);

        TableSchema v2 = apply(v1,
                renameColumn("note", "remark"),
                updateColumnType("remark", VARCHAR(100)),
                updateColumnType("amount", BIGINT()),
                updateColumnNullability("amount", true),
                updateColumnComment("amount", "in cents, widened"),
                updateComment("orders of the shop"));
        assertThat(v2.id()).isEqualTo(2);
        assertThat(idsByName(v2)).containsEntry("remark", 3).containsEntry("amount", 2).doesNotContainKey("note");
        assertThat(v2.rowType().field("remark").type()).isEqualTo(VARCHAR(100));
        assertThat(v2.rowType().field("amount").type()).isEqualTo(BIGINT());
        assertThat(v2.rowType().field("amount").description()).isEqualTo("in cents, widened");
        assertThat(v2.comment()).isEqualTo("orders of the shop");
        assertThat(v2.highestFieldId()).isEqualTo(6);

        // dropping a column and adding one of the same name gives a new id: the old values stay dead
        TableSchema v3 = apply(v2, dropColumn("remark"), addColumn("remark", STRING()));
        assertThat(v3.rowType().field("remark").id()).isEqualTo(7);
        assertThat(v3.highestFieldId()).isEqualTo(7);
        TableSchema v4 = apply(v3, dropColumn("last"), dropColumn("first"));
        assertThat(v4.fieldNames()).containsExactly("dt", "id", "after_id", "amount", "remark");
        assertThat(v4.fields()).extracting(DataField::id).containsExactly(0, 1, 5, 2, 7);
        TableSchema v5 = apply(v4, addColumn("first", INT()));
        assertThat(v5.rowType().field("first").id()).isEqualTo(8);

        // the key never changed, and each version reads back from JSON as it was
        for (TableSchema schema : List.of(v0, v1, v2, v3, v4, v5)) {
            assertThat(schema.primaryKeys()).containsExactly("dt", "id");
            assertThat(schema.rowType().field("id").id()).isEqualTo(1);
            assertThat(TableSchema.fromJson(schema.toJson())).isEqualTo(schema);
        }
    }

    @Test
    void randomEvolutionsNeverReuseAnId() {
        Random random = new Random(42);
        TableSchema schema = orders();
        Set<Integer> everUsed = new HashSet<>(idsByName(schema).values());
        int added = 0;
        for (int step = 0; step < 200; step++) {
            List<String> droppable = new ArrayList<>(schema.fieldNames());
            droppable.removeAll(schema.primaryKeys());
            SchemaChange change;
            if (!droppable.isEmpty() && random.nextInt(3) == 0) {
                change = dropColumn(droppable.get(random.nextInt(droppable.size())));
            } else if (!droppable.isEmpty() && random.nextInt(3) == 0) {
                change = renameColumn(droppable.get(random.nextInt(droppable.size())), "r" + step);
            } else {
                String name = "c" + (added++ % 5); // names come back after drops
                if (schema.rowType().containsField(name)) {
                    continue;
                }
                change = addColumn(name, random.nextBoolean() ? INT() : ROW(FIELD(0, "x", INT()), FIELD(1, "y", INT())));
            }
            TableSchema next = apply(schema, change);
            Set<Integer> before = new HashSet<>();
            FieldIds.forEachField(schema.fields(), (f, depth) -> before.add(f.id()));
            FieldIds.forEachField(next.fields(), (f, depth) -> {
                if (!before.contains(f.id())) {
                    assertThat(everUsed.add(f.id())).as("id %d of %s is new", f.id(), f.name()).isTrue();
                }
            });
            assertThat(next.highestFieldId()).isGreaterThanOrEqualTo(schema.highestFieldId());
            assertThat(next.id()).isEqualTo(schema.id() + 1);
            schema = next;
        }
        assertThat(schema.highestFieldId()).isEqualTo(everUsed.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    @Test
    void addedNestedRowsGetFreshIdsAndWideningANestedRowKeepsThem() {
        TableSchema v1 = apply(orders(), addColumn("point", ROW(FIELD(0, "x", INT()), FIELD(1, "y", ARRAY(ROW(FIELD(0, "z", FLOAT())))))));
        DataField point = v1.rowType().field("point");
        assertThat(point.id()).isEqualTo(4);
        RowType pointType = (RowType) point.type();
        assertThat(pointType.fields()).extracting(DataField::id).containsExactly(5, 6);
        RowType inner = (RowType) ((io.tstore.core.types.ArrayType) pointType.fields().get(1).type()).elementType();
        assertThat(inner.fields().get(0).id()).isEqualTo(7);
        assertThat(v1.highestFieldId()).isEqualTo(7);

        // the caller's type carries parse-style ids 0, 1...; the nested fields keep theirs
        TableSchema v2 = apply(v1, updateColumnType("point",
                ROW(FIELD(0, "x", BIGINT()), FIELD(1, "y", ARRAY(ROW(FIELD(0, "z", DOUBLE())))))));
        RowType widened = (RowType) v2.rowType().field("point").type();
        assertThat(widened.fields()).extracting(DataField::id).containsExactly(5, 6);
        assertThat(widened.fields().get(0).type()).isEqualTo(BIGINT());
        assertThat(v2.highestFieldId()).isEqualTo(7);

        assertThatThrownBy(() -> apply(v1, updateColumnType("point", ROW(FIELD(0, "x", INT())))))
                .hasMessageContaining("cannot change the type of column 'point'");
    }

    @Test
    void updateColumnTypeKeepsTheColumnsNullability() {
        TableSchema v1 = apply(orders(), updateColumnType("amount", BIGINT()));
        assertThat(v1.rowType().field("amount").type()).isEqualTo(BIGINT().notNull());
        TableSchema v2 = apply(v1, updateColumnType("note", STRING().notNull()));
        assertThat(v2.rowType().field("note").type()).isEqualTo(STRING());
    }

    @Test
    void renameCarriesOptionsThatNameTheColumnAndDropRemovesThem() {
        TableSchema base = TableSchema.create(Schema.newBuilder()
                .column("id", BIGINT())
                .column("total", INT())
                .column("ts", BIGINT())
                .primaryKey("id")
                .option("merge-engine", "aggregation")
                .option("fields.total.aggregate-function", "sum")
                .option("sequence.field", "ts")
                .build(), TABLE, 1);
        TableSchema renamed = apply(base, renameColumn("total", "sum_total"), renameColumn("ts", "event_time"));
        assertThat(renamed.optionsMap())
                .containsEntry("fields.sum_total.aggregate-function", "sum")
                .containsEntry("sequence.field", "event_time")
                .doesNotContainKey("fields.total.aggregate-function");
        TableSchema dropped = apply(renamed, dropColumn("sum_total"));
        assertThat(dropped.optionsMap()).doesNotContainKey("fields.sum_total.aggregate-function");

        TableSchema appendOnly = TableSchema.create(Schema.newBuilder()
                .column("a", INT()).column("b", INT()).option("bucket-key", "a,b").build(), TABLE, 1);
        assertThat(apply(appendOnly, renameColumn("b", "bb")).optionsMap()).containsEntry("bucket-key", "a,bb");
        assertThat(apply(appendOnly, renameColumn("b", "bb")).bucketKeys()).containsExactly("a", "bb");
    }

    @Test
    void renamingOnlyTheCaseOfAColumnIsAllowed() {
        assertThat(apply(orders(), renameColumn("note", "Note")).fieldNames()).contains("Note");
        assertThat(apply(orders(), renameColumn("note", "note"))).isNotNull();
    }

    @Test
    void optionsChangeExceptThoseFixedAtCreation() {
        TableSchema base = orders();
        TableSchema v1 = apply(base, setOption("file.format", "parquet"), setOption("target-file-size", "64 mb"));
        assertThat(v1.options().get(CoreOptions.FILE_FORMAT)).isEqualTo(FileFormatType.PARQUET);
        TableSchema v2 = apply(v1, removeOption("target-file-size"), removeOption("ignore-delete"));
        assertThat(v2.optionsMap()).containsOnlyKeys("file.format");
        // setting a fixed option to the value it already has changes nothing, so it is fine
        assertThat(apply(v2, setOption("bucket", "4"), setOption("merge-engine", "DEDUPLICATE")).optionsMap())
                .containsEntry("bucket", "4");
    }

    @Test
    void changingTheBucketCountIsRejectedPointingToAnOverwrite() {
        assertThatThrownBy(() -> apply(orders(), setOption("bucket", "8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Table db.orders: cannot set option 'bucket' to '8'")
                .hasMessageContaining("needs an overwrite of the whole table")
                .hasMessageContaining("currently the default '4'");
        TableSchema withBucket = apply(orders(), setOption("bucket", "4"));
        TableSchema eight = TableSchema.create(Schema.newBuilder().column("a", INT()).option("bucket", "8").build(), TABLE, 1);
        assertThatThrownBy(() -> apply(eight, removeOption("bucket")))
                .hasMessageContaining("cannot remove option 'bucket' (value '8')")
                .hasMessageContaining("current value '8'");
        assertThat(apply(withBucket, removeOption("bucket")).optionsMap()).doesNotContainKey("bucket");
    }

    @Test
    void mergeSemanticsAreFixedAtCreation() {
        assertThatThrownBy(() -> apply(orders(), setOption("merge-engine", "first-row")))
                .hasMessageContaining("Table db.orders: cannot set option 'merge-engine' to 'first-row'")
                .hasMessageContaining("fixed when the table is created");
        assertThatThrownBy(() -> apply(orders(), setOption("sequence.field", "amount")))
                .hasMessageContaining("cannot set option 'sequence.field' to 'amount'");
        assertThatThrownBy(() -> apply(orders(), setOption("bucket-key", "id")))
                .hasMessageContaining("cannot set option 'bucket-key' to 'id'")
                .hasMessageContaining("currently not set");
        assertThatThrownBy(() -> apply(orders(), setOption("fields.amount.aggregate-function", "sum")))
                .hasMessageContaining("option 'fields.amount.aggregate-function' = 'sum' only applies to option "
                        + "'merge-engine' = 'aggregation'");
    }

    @Test
    void unknownAndInvalidOptionsAreRejected() {
        assertThatThrownBy(() -> apply(orders(), setOption("bukket", "3")))
                .hasMessage("Table db.orders: cannot set option 'bukket' to '3': there is no such option. See "
                        + "docs/options.md for the options a table takes.");
        assertThatThrownBy(() -> apply(orders(), removeOption("bukket")))
                .hasMessage("Table db.orders: cannot remove option 'bukket': there is no such option");
        assertThatThrownBy(() -> apply(orders(), setOption("file.format", "csv")))
                .hasMessageStartingWith("Table db.orders: Invalid value 'csv' for option 'file.format'");
    }

    @Test
    void keyColumnsCannotBeDroppedRenamedOrRetyped() {
        assertThatThrownBy(() -> apply(orders(), dropColumn("id")))
                .hasMessageStartingWith("Table db.orders: cannot drop column 'id': it is part of the primary key [dt, id]");
        assertThatThrownBy(() -> apply(orders(), renameColumn("id", "key")))
                .hasMessageStartingWith("Table db.orders: cannot rename column 'id': it is part of the primary key");
        assertThatThrownBy(() -> apply(orders(), updateColumnType("id", DECIMAL(30, 0))))
                .hasMessageStartingWith("Table db.orders: cannot change the type of column 'id'");
        TableSchema partitionedOnly = TableSchema.create(Schema.newBuilder()
                .column("dt", STRING()).column("v", INT()).partitionKeys("dt").build(), TABLE, 1);
        assertThatThrownBy(() -> apply(partitionedOnly, dropColumn("dt")))
                .hasMessageStartingWith("Table db.orders: cannot drop column 'dt': it is a partition key [dt]");
        assertThatThrownBy(() -> apply(partitionedOnly, renameColumn("dt", "day")))
                .hasMessageStartingWith("Table db.orders: cannot rename column 'dt': it is a partition key");
    }

    @Test
    void columnsThatPlaceOrOrderRowsCannotBeDropped() {
        TableSchema base = TableSchema.create(Schema.newBuilder()
                .column("id", BIGINT()).column("shop", INT()).column("ts", BIGINT()).column("v", INT())
                .primaryKey("id", "shop")
                .option("bucket-key", "shop")
                .option("sequence.field", "ts")
                .build(), TABLE, 1);
        assertThatThrownBy(() -> apply(base, dropColumn("ts")))
                .hasMessageContaining("cannot drop column 'ts': it is the sequence field (option 'sequence.field' = 'ts')");
        TableSchema appendOnly = TableSchema.create(Schema.newBuilder()
                .column("a", INT()).column("b", INT()).option("bucket-key", "a").build(), TABLE, 1);
        assertThatThrownBy(() -> apply(appendOnly, dropColumn("a")))
                .hasMessageContaining("cannot drop column 'a': it is part of the bucket key (option 'bucket-key' = 'a')");
        assertThatThrownBy(() -> apply(appendOnly, updateColumnType("a", BIGINT())))
                .hasMessageContaining("cannot change the type of column 'a': it is part of the bucket key");
        TableSchema single = TableSchema.create(Schema.newBuilder().column("a", INT()).build(), TABLE, 1);
        assertThatThrownBy(() -> apply(single, dropColumn("a")))
                .hasMessage("Table db.orders: cannot drop column 'a': it is the last column, and a table needs at least one");
    }

    @Test
    void addedColumnsAreNullableNewAndPlacedAfterAnExistingColumn() {
        assertThatThrownBy(() -> apply(orders(), addColumn("qty", INT().notNull())))
                .hasMessage("Table db.orders: cannot add column 'qty' of type INT NOT NULL: rows written before have "
                        + "no value for it and read it as null, so an added column must be nullable");
        assertThatThrownBy(() -> apply(orders(), addColumn("note", STRING())))
                .hasMessage("Table db.orders: cannot add column 'note': column 'note' already exists");
        assertThatThrownBy(() -> apply(orders(), addColumn("NOTE", STRING())))
                .hasMessageContaining("cannot add column 'NOTE': it differs only in case from column 'note'");
        assertThatThrownBy(() -> apply(orders(), addColumn("x", INT(), null, ColumnPosition.after("nope"))))
                .hasMessageContaining("cannot add column 'x' after column 'nope': there is no such column; the "
                        + "columns are [dt, id, amount, note]");
        assertThatThrownBy(() -> apply(orders(), renameColumn("note", "amount")))
                .hasMessageContaining("cannot rename column 'note' to 'amount': column 'amount' already exists");
        assertThatThrownBy(() -> apply(orders(), renameColumn("nope", "x")))
                .hasMessageContaining("cannot rename column 'nope': there is no such column");
        assertThatThrownBy(() -> apply(orders(), renameColumn("note", "")))
                .hasMessageContaining("a column name must not be empty");
    }

    @Test
    void typesOnlyWidenAndNullabilityOnlyRelaxes() {
        assertThatThrownBy(() -> apply(orders(), updateColumnType("amount", SMALLINT())))
                .hasMessageStartingWith("Table db.orders: cannot change the type of column 'amount' from INT NOT NULL "
                        + "to SMALLINT NOT NULL: a type can only widen");
        assertThatThrownBy(() -> apply(orders(), updateColumnType("note", INT())))
                .hasMessageContaining("from VARCHAR(10) to INT");
        assertThatThrownBy(() -> apply(orders(), updateColumnNullability("note", false)))
                .hasMessage("Table db.orders: cannot make column 'note' NOT NULL: rows written before may hold nulls "
                        + "in it; only NOT NULL to nullable is allowed");
        assertThatThrownBy(() -> apply(orders(), updateColumnNullability("id", true)))
                .hasMessageContaining("cannot change the nullability of column 'id': it is part of the primary key "
                        + "[dt, id], and primary key columns are always NOT NULL");
        // a NOT NULL column staying NOT NULL is no change
        assertThat(apply(orders(), updateColumnNullability("amount", false)).rowType().field("amount").type())
                .isEqualTo(INT().notNull());
    }

    @Test
    void aFailingChangeAppliesNothing() {
        TableSchema base = orders();
        String before = base.toJson();
        assertThatThrownBy(() -> apply(base, addColumn("x", INT()), dropColumn("id")))
                .hasMessageContaining("cannot drop column 'id'");
        assertThat(base.toJson()).isEqualTo(before);
        assertThat(base.fieldNames()).doesNotContain("x");
    }

    @Test
    void changesApplyInOrderEachSeeingTheOnesBefore() {
        TableSchema schema = apply(orders(),
                addColumn("a", INT()),
                renameColumn("a", "b"),
                addColumn("c", INT(), null, ColumnPosition.after("b")),
                updateColumnType("b", BIGINT()));
        assertThat(schema.fieldNames()).containsExactly("dt", "id", "amount", "note", "b", "c");
        assertThat(schema.rowType().field("b").id()).isEqualTo(4);
        assertThat(schema.rowType().field("b").type()).isEqualTo(BIGINT());
        assertThat(SchemaEvolution.apply(orders(), List.of(), 5).id()).isEqualTo(1);
    }
}
