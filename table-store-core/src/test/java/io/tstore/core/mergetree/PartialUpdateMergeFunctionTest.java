package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.merge.MergeFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tstore.core.mergetree.MergeTestRows.merge;
import static io.tstore.core.mergetree.MergeTestRows.row;
import static io.tstore.core.mergetree.MergeTestRows.str;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.lsm.RowKind.DELETE;
import static io.tstore.lsm.RowKind.INSERT;
import static io.tstore.lsm.RowKind.UPDATE_AFTER;
import static io.tstore.lsm.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartialUpdateMergeFunctionTest {
    private static final RowType ROW_TYPE = RowType.builder()
            .field("id", INT().notNull())
            .field("name", STRING())
            .field("price", BIGINT())
            .field("city", STRING())
            .build();

    private final MergeTestRows rows = new MergeTestRows(ROW_TYPE, List.of("id"));

    private MergeFunction<BinaryRow, InternalRow> partialUpdate(String... extraOptions) {
        String[] options = new String[extraOptions.length + 2];
        options[0] = "merge-engine";
        options[1] = "partial-update";
        System.arraycopy(extraOptions, 0, options, 2, extraOptions.length);
        return rows.factory(options).create();
    }

    @Test
    void laterVersionsOverwriteOnlyTheirNonNullFields() {
        KeyValue<BinaryRow, InternalRow> result = merge(partialUpdate(),
                rows.kv(10, INSERT, 1, str("apple"), null, str("Oslo")),
                rows.kv(11, UPDATE_AFTER, 1, null, 5L, null),
                rows.kv(12, INSERT, 1, str("pear"), null, null));

        assertThat(result.kind()).isEqualTo(INSERT);
        assertThat(result.sequenceNumber()).isEqualTo(12);
        assertThat(result.key()).isEqualTo(rows.kv(0, INSERT, 1, null, null, null).key());
        assertThat(rows.value(result)).isEqualTo(row(1, str("pear"), 5L, str("Oslo")));
    }

    @Test
    void theFirstVersionGivesEveryFieldAndAnUpdateAfterBecomesAnInsert() {
        KeyValue<BinaryRow, InternalRow> result = merge(partialUpdate(), rows.kv(3, UPDATE_AFTER, 1, null, 7L, null));

        assertThat(result.kind()).isEqualTo(INSERT);
        assertThat(result.value().getRowKind()).isEqualTo(INSERT);
        assertThat(rows.value(result)).isEqualTo(row(1, null, 7L, null));
    }

    @Test
    void readsBinaryRowsAsWellAsGenericRows() {
        KeyValue<BinaryRow, InternalRow> result = merge(partialUpdate(),
                rows.binary(rows.kv(INSERT, 1, str("apple"), 1L, null)),
                rows.binary(rows.kv(INSERT, 1, null, null, str("Rome"))));

        assertThat(rows.value(result)).isEqualTo(row(1, str("apple"), 1L, str("Rome")));
    }

    @Test
    void retractionsFailNamingTheEngineAndIgnoreDelete() {
        for (RowKind kind : List.of(DELETE, UPDATE_BEFORE)) {
            MergeFunction<BinaryRow, InternalRow> merge = partialUpdate();
            merge.reset();
            merge.add(rows.kv(INSERT, 1, str("apple"), 1L, null));

            assertThatThrownBy(() -> merge.add(rows.kv(kind, 1, str("apple"), 1L, null)))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("'partial-update'")
                    .hasMessageContaining(kind.shortString())
                    .hasMessageContaining("'ignore-delete' = 'true'")
                    .hasMessageContaining("id=1");
        }
    }

    @Test
    void ignoreDeleteSkipsRetractions() {
        MergeFunction<BinaryRow, InternalRow> merge = partialUpdate("ignore-delete", "true");

        KeyValue<BinaryRow, InternalRow> result = merge(merge,
                rows.kv(1, INSERT, 1, str("apple"), 1L, null),
                rows.kv(2, UPDATE_BEFORE, 1, str("apple"), 1L, null),
                rows.kv(3, UPDATE_AFTER, 1, null, 2L, null),
                rows.kv(4, DELETE, 1, null, 2L, null));

        assertThat(rows.value(result)).isEqualTo(row(1, str("apple"), 2L, null));
        assertThat(result.sequenceNumber()).isEqualTo(3);
        assertThat(merge(merge, rows.kv(5, DELETE, 1, null, null, null))).isNull();
    }

    @Test
    void aResultHandedOutIsNotChangedByLaterVersionsOrKeys() {
        MergeFunction<BinaryRow, InternalRow> merge = partialUpdate();
        merge.reset();
        merge.add(rows.kv(INSERT, 1, str("apple"), 1L, null));
        KeyValue<BinaryRow, InternalRow> first = merge.getResult();
        merge.add(rows.kv(INSERT, 1, str("pear"), 2L, str("Oslo")));
        KeyValue<BinaryRow, InternalRow> second = merge.getResult();
        KeyValue<BinaryRow, InternalRow> otherKey = merge(merge, rows.kv(INSERT, 2, str("fig"), null, null));

        assertThat(rows.value(first)).isEqualTo(row(1, str("apple"), 1L, null));
        assertThat(rows.value(second)).isEqualTo(row(1, str("pear"), 2L, str("Oslo")));
        // After reset the next key starts from its own first version, not from the previous key's fields.
        assertThat(rows.value(otherKey)).isEqualTo(row(2, str("fig"), null, null));
    }

    @Test
    void noVersionsMergeToNothing() {
        MergeFunction<BinaryRow, InternalRow> merge = partialUpdate();
        merge.reset();
        assertThat(merge.getResult()).isNull();
    }
}
