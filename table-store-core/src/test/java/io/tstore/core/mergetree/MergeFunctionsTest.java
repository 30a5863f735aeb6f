package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.merge.DeduplicateMergeFunction;
import io.tstore.lsm.merge.MergeFunction;
import io.tstore.lsm.merge.MergeFunctionReader;
import io.tstore.options.Options;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.tstore.core.mergetree.MergeTestRows.merge;
import static io.tstore.core.mergetree.MergeTestRows.row;
import static io.tstore.core.mergetree.MergeTestRows.str;
import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.VARCHAR;
import static io.tstore.lsm.RowKind.DELETE;
import static io.tstore.lsm.RowKind.INSERT;
import static io.tstore.lsm.RowKind.UPDATE_AFTER;
import static io.tstore.lsm.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeFunctionsTest {
    private static final RowType ROW_TYPE = RowType.builder()
            .field("id", INT().notNull())
            .field("name", STRING())
            .field("price", BIGINT())
            .build();

    private final MergeTestRows rows = new MergeTestRows(ROW_TYPE, List.of("id"));

    @Test
    void deduplicateIsTheDefaultAndKeepsTheLastVersionDeletesIncluded() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory().create();
        KeyValue<BinaryRow, InternalRow> delete = rows.kv(DELETE, 1, str("b"), 2L);
        KeyValue<BinaryRow, InternalRow> update = rows.kv(UPDATE_AFTER, 1, str("c"), null);

        assertThat(merge(merge, rows.kv(INSERT, 1, str("a"), 1L), delete)).isSameAs(delete);
        assertThat(merge(merge, rows.kv(INSERT, 1, str("a"), 1L), update)).isSameAs(update);
        assertThat(rows.factory("merge-engine", "deduplicate").create().getClass())
                .isEqualTo(DeduplicateMergeFunction.class);
    }

    @Test
    void deduplicateWithIgnoreDeleteKeepsTheLastAddedVersion() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("ignore-delete", "true").create();
        KeyValue<BinaryRow, InternalRow> insert = rows.kv(INSERT, 1, str("a"), 1L);

        assertThat(merge(merge, insert, rows.kv(UPDATE_BEFORE, 1, str("a"), 1L), rows.kv(DELETE, 1, str("a"), 1L))).isSameAs(insert);
        assertThat(merge(merge, rows.kv(DELETE, 1, str("a"), 1L))).isNull();
    }

    @Test
    void eachCreatedFunctionIsFresh() {
        var factory = rows.factory("merge-engine", "partial-update");
        assertThat(factory.create()).isNotSameAs(factory.create());
    }

    @Test
    void mergesKeysOneAfterTheOtherThroughTheLsmReader() throws IOException {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.price.aggregate-function", "sum").create();
        List<KeyValue<BinaryRow, InternalRow>> sorted = List.of(
                rows.kv(1, INSERT, 1, str("a"), 1L),
                rows.kv(4, INSERT, 1, str("b"), 2L),
                rows.binary(rows.kv(2, INSERT, 2, str("c"), 10L)),
                rows.kv(5, DELETE, 2, str("c"), 10L),
                rows.kv(3, INSERT, 3, null, null));
        Comparator<BinaryRow> keyOrder = Comparator.comparingInt(key -> key.getInt(0));

        List<InternalRow> merged = new ArrayList<>();
        try (MergeFunctionReader<BinaryRow, InternalRow> reader = new MergeFunctionReader<>(
                RecordReader.fromIterator(sorted.iterator()), keyOrder, merge, true)) {
            for (KeyValue<BinaryRow, InternalRow> kv = reader.read(); kv != null; kv = reader.read()) {
                merged.add(rows.value(kv));
            }
        }

        // Key 2 was retracted to a sum of 0 but stays: an aggregation result is always an insert. Its name uses the
        // default last_non_null_value, which a retraction leaves alone.
        assertThat(merged).containsExactly(row(1, str("b"), 3L), row(2, str("c"), 0L), row(3, null, null));
    }

    @Test
    void unknownAggregateFunctionNamesTheFunctionFieldAndOption() {
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.price.aggregate-function", "avg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown aggregate function 'avg' for field 'price'")
                .hasMessageContaining("'fields.price.aggregate-function'")
                .hasMessageContaining("sum, min, max, count");
    }

    @Test
    void functionNamesIgnoreCase() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.price.aggregate-function", " SUM ").create();
        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, null, 1L), rows.kv(INSERT, 1, null, 2L)))).isEqualTo(row(1, null, 3L));
    }

    @Test
    void aFunctionThatDoesNotFitTheFieldTypeFailsNamingBoth() {
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.name.aggregate-function", "sum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fields.name.aggregate-function'")
                .hasMessageContaining("'sum' cannot aggregate field 'name' of type STRING");
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.price.aggregate-function", "bool_or"))
                .hasMessageContaining("field 'price' of type BIGINT")
                .hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.price.aggregate-function", "listagg"))
                .hasMessageContaining("STRING");
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.name.aggregate-function", "count"))
                .hasMessageContaining("INT or BIGINT");
        MergeTestRows bounded = new MergeTestRows(RowType.builder()
                .field("id", INT().notNull())
                .field("tags", VARCHAR(20))
                .field("nested", ARRAY(INT()))
                .build(), List.of("id"));
        assertThatThrownBy(() -> bounded.factory("merge-engine", "aggregation", "fields.tags.aggregate-function", "listagg"))
                .hasMessageContaining("VARCHAR(20)");
        assertThatThrownBy(() -> bounded.factory("merge-engine", "aggregation", "fields.nested.aggregate-function", "max"))
                .hasMessageContaining("ARRAY<INT>")
                .hasMessageContaining("an order");
    }

    @Test
    void aggregateFunctionOptionsMustNameAValueFieldOfAnAggregationTable() {
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.prise.aggregate-function", "sum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fields.prise.aggregate-function'")
                .hasMessageContaining("field 'prise'")
                .hasMessageContaining("[id, name, price]");
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "fields.id.aggregate-function", "sum"))
                .hasMessageContaining("primary key field 'id'");
        assertThatThrownBy(() -> rows.factory("merge-engine", "partial-update", "fields.price.aggregate-function", "sum"))
                .hasMessageContaining("'fields.price.aggregate-function'")
                .hasMessageContaining("only to merge-engine 'aggregation'")
                .hasMessageContaining("'partial-update'");
    }

    @Test
    void badEngineAndFlagValuesNameTheOption() {
        assertThatThrownBy(() -> rows.factory("merge-engine", "dedup"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dedup'")
                .hasMessageContaining("'merge-engine'")
                .hasMessageContaining("partial-update");
        assertThatThrownBy(() -> rows.factory("ignore-delete", "yes"))
                .hasMessageContaining("'ignore-delete'");
    }

    @Test
    void thePrimaryKeyMustBeGivenAndExist() {
        assertThatThrownBy(() -> MergeFunctions.factory(ROW_TYPE, List.of(), Options.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no primary key");
        assertThatThrownBy(() -> MergeFunctions.factory(ROW_TYPE, List.of("uid"), Options.empty()))
                .hasMessageContaining("'uid'")
                .hasMessageContaining("[id, name, price]");
    }
}
