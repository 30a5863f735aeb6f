package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.merge.MergeFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tstore.core.mergetree.MergeTestRows.merge;
import static io.tstore.core.mergetree.MergeTestRows.str;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.lsm.RowKind.DELETE;
import static io.tstore.lsm.RowKind.INSERT;
import static io.tstore.lsm.RowKind.UPDATE_AFTER;
import static io.tstore.lsm.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirstRowMergeFunctionTest {
    private static final RowType ROW_TYPE = RowType.builder().field("id", INT().notNull()).field("name", STRING()).build();

    private final MergeTestRows rows = new MergeTestRows(ROW_TYPE, List.of("id"));

    @Test
    void keepsTheFirstVersionAsWritten() {
        KeyValue<BinaryRow, InternalRow> first = rows.kv(INSERT, 1, str("a"));
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "first-row").create();

        assertThat(merge(merge, first, rows.kv(UPDATE_AFTER, 1, str("b")), rows.kv(INSERT, 1, null))).isSameAs(first);
        KeyValue<BinaryRow, InternalRow> other = rows.kv(UPDATE_AFTER, 2, null);
        assertThat(merge(merge, other, rows.kv(INSERT, 2, str("c")))).isSameAs(other);
    }

    @Test
    void retractionsFailNamingTheEngineAndIgnoreDelete() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "first-row").create();
        merge.reset();
        merge.add(rows.kv(INSERT, 1, str("a")));

        assertThatThrownBy(() -> merge.add(rows.kv(DELETE, 1, str("a"))))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'first-row'")
                .hasMessageContaining("-D")
                .hasMessageContaining("'ignore-delete' = 'true'");
    }

    @Test
    void ignoreDeleteSkipsRetractions() {
        MergeFunction<BinaryRow, InternalRow> merge = rows.factory("merge-engine", "first-row", "ignore-delete", "true").create();
        KeyValue<BinaryRow, InternalRow> insert = rows.kv(INSERT, 1, str("b"));

        assertThat(merge(merge, rows.kv(DELETE, 1, str("a")), rows.kv(UPDATE_BEFORE, 1, str("a")), insert)).isSameAs(insert);
        assertThat(merge(merge, rows.kv(DELETE, 1, str("a")))).isNull();
    }
}
