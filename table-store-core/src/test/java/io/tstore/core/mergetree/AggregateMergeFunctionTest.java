package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.tstore.core.mergetree.MergeTestRows.merge;
import static io.tstore.core.mergetree.MergeTestRows.row;
import static io.tstore.core.mergetree.MergeTestRows.str;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TINYINT;
import static io.tstore.lsm.RowKind.DELETE;
import static io.tstore.lsm.RowKind.INSERT;
import static io.tstore.lsm.RowKind.UPDATE_AFTER;
import static io.tstore.lsm.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateMergeFunctionTest {

    /** A table keyed by "id" with these other fields, given as name, type, name, type... */
    private static MergeTestRows table(Object... namesAndTypes) {
        RowType.Builder builder = RowType.builder().field("id", INT().notNull());
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            builder.field((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]);
        }
        return new MergeTestRows(builder.build(), List.of("id"));
    }

    private static MergeFunction<BinaryRow, InternalRow> aggregation(MergeTestRows rows, String function, String... extra) {
        List<String> options = new ArrayList<>(List.of("merge-engine", "aggregation"));
        for (String field : rows.rowType().fieldNames()) {
            if (!field.equals("id") && function != null) {
                options.add("fields." + field + ".aggregate-function");
                options.add(function);
            }
        }
        options.addAll(List.of(extra));
        return rows.factory(options.toArray(new String[0])).create();
    }

    private static Decimal dec(String value, int precision, int scale) {
        return Decimal.fromBigDecimal(new BigDecimal(value), precision, scale);
    }

    @Test
    void sumAddsAndRetractsInEveryNumericType() {
        MergeTestRows rows = table("t", TINYINT(), "s", SMALLINT(), "i", INT(), "b", BIGINT(),
                "f", FLOAT(), "d", DOUBLE(), "dec", DECIMAL(7, 2), "wide", DECIMAL(30, 3));
        KeyValue<BinaryRow, InternalRow> result = merge(aggregation(rows, "sum"),
                rows.kv(INSERT, 1, (byte) 1, (short) 10, 100, 1000L, 1.5f, 2.5d, dec("1.25", 7, 2), dec("1.001", 30, 3)),
                rows.kv(UPDATE_AFTER, 1, (byte) 2, (short) 20, 200, 2000L, 0.25f, 0.5d, dec("2.50", 7, 2),
                        dec("123456789012345678901234.999", 30, 3)),
                rows.kv(INSERT, 1, null, null, null, null, null, null, null, null),
                rows.kv(UPDATE_BEFORE, 1, (byte) 1, (short) 10, 100, 1000L, 1.5f, 2.5d, dec("1.25", 7, 2), dec("1.001", 30, 3)));

        assertThat(result.kind()).isEqualTo(INSERT);
        assertThat(rows.value(result)).isEqualTo(row(1, (byte) 2, (short) 20, 200, 2000L, 0.25f, 0.5d,
                dec("2.50", 7, 2), dec("123456789012345678901234.999", 30, 3)));
    }

    @Test
    void sumOfNullsIsNullAndARetractionAloneGivesTheNegatedValue() {
        MergeTestRows rows = table("amount", BIGINT());
        MergeFunction<BinaryRow, InternalRow> merge = aggregation(rows, "sum");

        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, (Object) null), rows.kv(INSERT, 1, (Object) null))))
                .isEqualTo(row(1, null));
        // A retraction whose insert lies in an older run: the result is an insert of -5 that cancels it later.
        KeyValue<BinaryRow, InternalRow> retracted = merge(merge, rows.kv(DELETE, 1, 5L));
        assertThat(retracted.kind()).isEqualTo(INSERT);
        assertThat(rows.value(retracted)).isEqualTo(row(1, -5L));
    }

    @Test
    void decimalSumKeepsThePrecisionAndFailsOnOverflowNamingTheField() {
        MergeTestRows rows = table("amount", DECIMAL(5, 2));
        MergeFunction<BinaryRow, InternalRow> merge = aggregation(rows, "sum");

        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, dec("999.00", 5, 2)), rows.kv(INSERT, 1, dec("0.99", 5, 2)))))
                .isEqualTo(row(1, dec("999.99", 5, 2)));
        assertThatThrownBy(() -> merge(merge, rows.kv(INSERT, 1, dec("999.99", 5, 2)), rows.kv(INSERT, 1, dec("0.01", 5, 2))))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("'amount'")
                .hasMessageContaining("DECIMAL(5, 2)")
                .hasMessageContaining("999.99 + 0.01");
        assertThatThrownBy(() -> merge(merge, rows.kv(INSERT, 1, dec("-999.99", 5, 2)), rows.kv(DELETE, 1, dec("1.00", 5, 2))))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("-999.99 - 1.00");
    }

    @Test
    void integerSumFailsOnOverflowNamingTheField() {
        MergeTestRows tiny = table("small_count", TINYINT());
        assertThatThrownBy(() -> merge(aggregation(tiny, "sum"), tiny.kv(INSERT, 1, (byte) 100), tiny.kv(INSERT, 1, (byte) 28)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("'small_count'")
                .hasMessageContaining("TINYINT");
        MergeTestRows ints = table("n", INT());
        assertThatThrownBy(() -> merge(aggregation(ints, "sum"), ints.kv(INSERT, 1, Integer.MAX_VALUE), ints.kv(INSERT, 1, 1)))
                .hasMessageContaining("'n'");
        MergeTestRows longs = table("n", BIGINT());
        assertThatThrownBy(() -> merge(aggregation(longs, "sum"), longs.kv(INSERT, 1, Long.MIN_VALUE), longs.kv(DELETE, 1, 1L)))
                .hasMessageContaining("'n'");
        assertThat(longs.value(merge(aggregation(longs, "sum"), longs.kv(INSERT, 1, Long.MAX_VALUE), longs.kv(DELETE, 1, 1L))))
                .isEqualTo(row(1, Long.MAX_VALUE - 1));
    }

    @Test
    void countCountsRowsAndMergedRowsCarryTheirCount() {
        MergeTestRows rows = table("n", BIGINT(), "m", INT());
        MergeFunction<BinaryRow, InternalRow> merge = aggregation(rows, "count");

        // Written rows carry null or 1 and count as one row each.
        KeyValue<BinaryRow, InternalRow> firstRun = merge(merge,
                rows.kv(INSERT, 1, null, null), rows.kv(INSERT, 1, 1L, 1), rows.kv(UPDATE_AFTER, 1, null, null));
        assertThat(rows.value(firstRun)).isEqualTo(row(1, 3L, 3));
        // A merged row counts as the rows it merged; a retraction takes one row away.
        KeyValue<BinaryRow, InternalRow> all = merge(merge, firstRun, rows.kv(INSERT, 1, null, null), rows.kv(DELETE, 1, null, 1));
        assertThat(rows.value(all)).isEqualTo(row(1, 3L, 3));
        assertThat(rows.value(merge(merge, rows.kv(DELETE, 1, null, null)))).isEqualTo(row(1, -1L, -1));
    }

    @Test
    void countFailsWhenItLeavesTheType() {
        MergeTestRows rows = table("n", INT());
        assertThatThrownBy(() -> merge(aggregation(rows, "count"), rows.kv(INSERT, 1, Integer.MAX_VALUE), rows.kv(INSERT, 1, (Object) null)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("'n'")
                .hasMessageContaining("BIGINT");
    }

    @Test
    void minAndMaxSkipNullsAndFollowTheOrderOfKeys() {
        Object[][] ascending = {
            {INT(), -3, 0, 7},
            {DOUBLE(), -0.0d, 0.0d, Double.NaN},
            {STRING(), str("Zebra"), str("apple"), str("\u00e9clair")},
            {DECIMAL(20, 2), dec("-10.50", 20, 2), dec("2.00", 20, 2), dec("10.25", 20, 2)},
            {DATE(), -1, 0, 19000},
            {TIMESTAMP(6), Timestamp.fromEpochMillis(5, 1000), Timestamp.fromEpochMillis(5, 2000), Timestamp.fromEpochMillis(6)},
            {BYTES(), new byte[] {1}, new byte[] {1, 0}, new byte[] {(byte) 0xff}},
        };
        for (Object[] values : ascending) {
            MergeTestRows rows = table("low", (DataType) values[0], "high", (DataType) values[0]);
            MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                    "fields.low.aggregate-function", "min", "fields.high.aggregate-function", "max").create();

            KeyValue<BinaryRow, InternalRow> result = merge(merge,
                    rows.kv(INSERT, 1, values[2], values[2]),
                    rows.kv(INSERT, 1, null, null),
                    rows.kv(INSERT, 1, values[3], values[3]),
                    rows.kv(INSERT, 1, values[1], values[1]),
                    rows.kv(INSERT, 1, values[2], values[2]));

            assertThat(rows.value(result)).as("min/max of %s", values[0]).isEqualTo(row(1, values[1], values[3]));
        }
    }

    @Test
    void firstAndLastValueKeepNullsAndLastNonNullValueSkipsThem() {
        MergeTestRows rows = table("first", STRING(), "last", STRING(), "last_non_null", STRING());
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.first.aggregate-function", "first_value",
                "fields.last.aggregate-function", "last_value",
                "fields.last_non_null.aggregate-function", "last_non_null_value").create();

        assertThat(rows.value(merge(merge,
                rows.kv(INSERT, 1, null, str("a"), str("a")),
                rows.kv(INSERT, 1, str("b"), str("b"), str("b")),
                rows.kv(INSERT, 1, str("c"), null, null))))
                .isEqualTo(row(1, null, null, str("b")));
    }

    @Test
    void lastValueRetractionClearsTheValueAndLastNonNullValueIgnoresIt() {
        MergeTestRows rows = table("last", STRING(), "last_non_null", STRING());
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.last.aggregate-function", "last_value",
                "fields.last_non_null.aggregate-function", "last_non_null_value").create();

        // -U of the old value, then +U of the new one: the usual update.
        assertThat(rows.value(merge(merge,
                rows.kv(INSERT, 1, str("a"), str("a")),
                rows.kv(UPDATE_BEFORE, 1, str("a"), str("a")),
                rows.kv(UPDATE_AFTER, 1, str("b"), str("b")))))
                .isEqualTo(row(1, str("b"), str("b")));
        // A retraction clears last_value whatever it retracts, and leaves last_non_null_value alone.
        assertThat(rows.value(merge(merge,
                rows.kv(INSERT, 1, str("a"), str("a")),
                rows.kv(UPDATE_AFTER, 1, str("b"), str("b")),
                rows.kv(UPDATE_BEFORE, 1, str("a"), str("a")))))
                .isEqualTo(row(1, null, str("b")));
        // A delete leaves the key, as an insert with the key and the folded values.
        KeyValue<BinaryRow, InternalRow> deleted = merge(merge,
                rows.kv(INSERT, 1, str("a"), str("a")),
                rows.kv(DELETE, 1, str("a"), str("a")));
        assertThat(deleted.kind()).isEqualTo(INSERT);
        assertThat(rows.value(deleted)).isEqualTo(row(1, null, str("a")));
    }

    /** The LSM case: a retraction lands in a newer run than the row it retracts, and the runs merge separately. */
    @Test
    void aRunOfRetractionsMergedAloneStandsForItsRetractions() {
        MergeTestRows rows = table("total", BIGINT(), "n", BIGINT(), "last", STRING(), "last_non_null", STRING());
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.total.aggregate-function", "sum", "fields.n.aggregate-function", "count",
                "fields.last.aggregate-function", "last_value",
                "fields.last_non_null.aggregate-function", "last_non_null_value").create();
        KeyValue<BinaryRow, InternalRow> older = rows.kv(INSERT, 1, 10L, null, str("a"), str("a"));
        KeyValue<BinaryRow, InternalRow> retraction = rows.kv(UPDATE_BEFORE, 1, 10L, null, str("a"), str("a"));
        KeyValue<BinaryRow, InternalRow> update = rows.kv(UPDATE_AFTER, 1, 12L, null, null, null);

        KeyValue<BinaryRow, InternalRow> newerRun = merge(merge, retraction);
        assertThat(rows.value(newerRun)).isEqualTo(row(1, -10L, -1L, null, null));
        assertThat(rows.value(merge(merge, older, newerRun)))
                .isEqualTo(rows.value(merge(merge, older, retraction)))
                .isEqualTo(row(1, 0L, 0L, null, str("a")));
        assertThat(rows.value(merge(merge, older, merge(merge, retraction, update))))
                .isEqualTo(rows.value(merge(merge, older, retraction, update)))
                .isEqualTo(row(1, 12L, 1L, null, str("a")));
    }

    @Test
    void listaggJoinsNonNullStringsWithComma() {
        MergeTestRows rows = table("tags", STRING());
        assertThat(rows.value(merge(aggregation(rows, "listagg"),
                rows.kv(INSERT, 1, str("a")),
                rows.kv(INSERT, 1, (Object) null),
                rows.kv(INSERT, 1, str("")),
                rows.binary(rows.kv(INSERT, 1, str("\u00e9t\u00e9"))))))
                .isEqualTo(row(1, str("a,,\u00e9t\u00e9")));
    }

    @Test
    void boolAndAndBoolOrSkipNulls() {
        MergeTestRows rows = table("all_true", BOOLEAN(), "any_true", BOOLEAN());
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.all_true.aggregate-function", "bool_and", "fields.any_true.aggregate-function", "bool_or").create();

        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, true, false), rows.kv(INSERT, 1, null, null), rows.kv(INSERT, 1, false, true))))
                .isEqualTo(row(1, false, true));
        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, true, false), rows.kv(INSERT, 1, true, false))))
                .isEqualTo(row(1, true, false));
        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, null, null)))).isEqualTo(row(1, null, null));
    }

    @Test
    void fieldsWithoutAFunctionKeepTheLastNonNullValueAndKeyFieldsKeepTheKey() {
        RowType rowType = RowType.builder()
                .field("region", STRING().notNull())
                .field("id", INT().notNull())
                .field("name", STRING())
                .field("total", BIGINT())
                .build();
        MergeTestRows rows = new MergeTestRows(rowType, List.of("region", "id"));
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory(
                "merge-engine", "aggregation", "fields.total.aggregate-function", "sum").create();

        assertThat(rows.value(merge(merge,
                rows.kv(DELETE, str("eu"), 7, str("old"), 4L),
                rows.kv(INSERT, str("eu"), 7, str("new"), 10L),
                rows.kv(INSERT, str("eu"), 7, null, 1L))))
                .isEqualTo(row(str("eu"), 7, str("new"), 7L));
    }

    @Test
    void aRetractionThatAFunctionCannotTakeFailsNamingFieldsAndFunctions() {
        MergeTestRows rows = table("total", BIGINT(), "low", INT(), "tags", STRING());
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation",
                "fields.total.aggregate-function", "sum", "fields.low.aggregate-function", "min",
                "fields.tags.aggregate-function", "listagg").create();
        merge.reset();
        merge.add(rows.kv(INSERT, 1, 5L, 3, str("a")));

        assertThatThrownBy(() -> merge.add(rows.kv(UPDATE_BEFORE, 1, 5L, 3, str("a"))))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'aggregation'")
                .hasMessageContaining("'low' (min)")
                .hasMessageContaining("'tags' (listagg)")
                .hasMessageContaining("'ignore-delete' = 'true'")
                .hasMessageContaining("sum, count, last_value, last_non_null_value");
        // The retraction failed as a whole: the sum did not take it either.
        assertThat(rows.value(merge.getResult())).isEqualTo(row(1, 5L, 3, str("a")));
    }

    @Test
    void ignoreDeleteSkipsRetractionsForEveryFunction() {
        MergeTestRows rows = table("total", BIGINT(), "low", INT());
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation", "ignore-delete", "true",
                "fields.total.aggregate-function", "sum", "fields.low.aggregate-function", "min").create();

        assertThat(rows.value(merge(merge, rows.kv(INSERT, 1, 5L, 3), rows.kv(DELETE, 1, 5L, 3), rows.kv(INSERT, 1, 1L, 4))))
                .isEqualTo(row(1, 6L, 3));
        assertThat(merge(merge, rows.kv(UPDATE_BEFORE, 1, 5L, 3))).isNull();
    }

    @Test
    void resultsAreFreshAndTheFunctionIsReusedAcrossKeys() {
        MergeTestRows rows = table("total", BIGINT());
        MergeFunction<BinaryRow, InternalRow> merge = aggregation(rows, "sum");
        merge.reset();
        merge.add(rows.kv(INSERT, 1, 5L));
        KeyValue<BinaryRow, InternalRow> first = merge.getResult();
        merge.add(rows.kv(INSERT, 1, 6L));
        KeyValue<BinaryRow, InternalRow> second = merge.getResult();
        KeyValue<BinaryRow, InternalRow> otherKey = merge(merge, rows.kv(INSERT, 2, 1L));

        assertThat(rows.value(first)).isEqualTo(row(1, 5L));
        assertThat(rows.value(second)).isEqualTo(row(1, 11L));
        assertThat(rows.value(otherKey)).isEqualTo(row(2, 1L));
        assertThat(otherKey.key()).isNotEqualTo(first.key());
    }
}
