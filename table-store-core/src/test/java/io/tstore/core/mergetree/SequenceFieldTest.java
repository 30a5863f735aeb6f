package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tstore.core.mergetree.MergeTestRows.merge;
import static io.tstore.core.mergetree.MergeTestRows.row;
import static io.tstore.core.mergetree.MergeTestRows.str;
import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.lsm.RowKind.DELETE;
import static io.tstore.lsm.RowKind.INSERT;
import static io.tstore.lsm.RowKind.UPDATE_AFTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceFieldTest {
    /** id, ts (the sequence field), name, total. */
    private static final RowType ROW_TYPE = RowType.builder()
            .field("id", INT().notNull())
            .field("ts", BIGINT())
            .field("name", STRING())
            .field("total", BIGINT())
            .build();

    private final MergeTestRows rows = new MergeTestRows(ROW_TYPE, List.of("id"));

    @Test
    void deduplicateKeepsTheLargestSequenceFieldValue() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("sequence.field", "ts").create();
        KeyValue<BinaryRow, InternalRow> newest = rows.kv(1, INSERT, 1, 30L, str("c"), null);

        assertThat(merge(merge,
                newest,
                rows.kv(2, UPDATE_AFTER, 1, 10L, str("a"), null),
                rows.kv(3, INSERT, 1, null, str("null sorts first"), null),
                rows.kv(4, DELETE, 1, 20L, str("an older delete"), null)))
                .isSameAs(newest);
    }

    @Test
    void deduplicateBreaksTiesBySequenceNumberAndKeepsALaterDelete() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("sequence.field", "ts").create();
        KeyValue<BinaryRow, InternalRow> later = rows.kv(8, INSERT, 1, 5L, str("later"), null);
        KeyValue<BinaryRow, InternalRow> delete = rows.kv(9, DELETE, 1, 6L, str("b"), null);

        assertThat(merge(merge, rows.kv(7, INSERT, 1, 5L, str("earlier"), null), later)).isSameAs(later);
        assertThat(merge(merge, rows.kv(7, INSERT, 1, 5L, str("a"), null), delete)).isSameAs(delete);
        assertThat(merge(merge, rows.kv(7, INSERT, 1, null, str("a"), null), rows.kv(8, INSERT, 1, null, str("b"), null)).value())
                .isEqualTo(row(1, null, str("b"), null));
    }

    @Test
    void partialUpdateAppliesVersionsInSequenceFieldOrder() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "partial-update", "sequence.field", "ts").create();

        KeyValue<BinaryRow, InternalRow> result = merge(merge,
                rows.kv(5, INSERT, 1, 20L, str("newer name"), null),
                rows.kv(6, INSERT, 1, 10L, str("older name"), 100L),
                rows.kv(7, INSERT, 1, null, str("no ts: applied first"), 1L));

        assertThat(rows.value(result)).isEqualTo(row(1, 20L, str("newer name"), 100L));
        assertThat(result.kind()).isEqualTo(INSERT);
        // As new as the newest version it merged, whatever the field order.
        assertThat(result.sequenceNumber()).isEqualTo(7);
    }

    @Test
    void aggregationFoldsInSequenceFieldOrderAndKeepsTheLargestSequenceValue() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "aggregation", "sequence.field", "ts",
                "fields.name.aggregate-function", "last_value", "fields.total.aggregate-function", "sum").create();

        KeyValue<BinaryRow, InternalRow> result = merge(merge,
                rows.kv(5, INSERT, 1, 20L, str("newest"), 1L),
                rows.kv(6, INSERT, 1, 10L, str("older"), 2L),
                rows.kv(7, DELETE, 1, 15L, str("older"), 2L));

        assertThat(rows.value(result)).isEqualTo(row(1, 20L, str("newest"), 1L));
        assertThat(result.sequenceNumber()).isEqualTo(7);
    }

    /**
     * The counterexample to merging in runs: the first run sets total at ts 1 and name at ts 5; the second run sets
     * total at ts 3. At once, ts 3 beats ts 1 for total; in runs, the first run's merged row has ts 5 and its total
     * (from ts 1) beats the second run's.
     */
    @Test
    void partialUpdateInSequenceFieldOrderDependsOnHowRunsWereMerged() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "partial-update", "sequence.field", "ts").create();
        List<KeyValue<BinaryRow, InternalRow>> firstRun = List.of(
                rows.kv(1, INSERT, 1, 1L, null, 100L), rows.kv(2, INSERT, 1, 5L, str("x"), null));
        List<KeyValue<BinaryRow, InternalRow>> secondRun = List.of(rows.kv(3, INSERT, 1, 3L, null, 300L));

        KeyValue<BinaryRow, InternalRow> atOnce = merge(merge, MergeTestRows.concat(firstRun, secondRun));
        KeyValue<BinaryRow, InternalRow> inRuns = merge(merge, MergeTestRows.concat(List.of(merge(merge, firstRun)), secondRun));

        assertThat(rows.value(atOnce)).isEqualTo(row(1, 5L, str("x"), 300L));
        assertThat(rows.value(inRuns)).isEqualTo(row(1, 5L, str("x"), 100L));
    }

    @Test
    void firstRowRejectsASequenceField() {
        assertThatThrownBy(() -> rows.factory("merge-engine", "first-row", "sequence.field", "ts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sequence.field' ('ts')")
                .hasMessageContaining("'first-row'");
    }

    @Test
    void theSequenceFieldMustExistAndHaveAnOrder() {
        assertThatThrownBy(() -> rows.factory("sequence.field", "tss"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tss'")
                .hasMessageContaining("'sequence.field'")
                .hasMessageContaining("[id, ts, name, total]");
        MergeTestRows nested = new MergeTestRows(RowType.builder()
                .field("id", INT().notNull())
                .field("tags", ARRAY(STRING()))
                .build(), List.of("id"));
        assertThatThrownBy(() -> nested.factory("sequence.field", "tags"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("no order");
    }

    @Test
    void theSequenceFieldCannotHaveAnAggregateFunction() {
        assertThatThrownBy(() -> rows.factory("merge-engine", "aggregation", "sequence.field", "ts",
                "fields.ts.aggregate-function", "max"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fields.ts.aggregate-function'")
                .hasMessageContaining("sequence field 'ts'");
    }
}
