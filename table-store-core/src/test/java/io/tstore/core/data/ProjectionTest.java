package io.tstore.core.data;

import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionTest {
    private static final RowType TYPE = RowType.builder()
            .field("dt", DATE())
            .field("id", BIGINT().notNull())
            .field("name", STRING())
            .field("tags", ARRAY(STRING()))
            .build();

    @Test
    void projectsFieldsIntoBinaryRowsOfTheProjectedType() {
        RowProjection projection = RowProjection.of(TYPE, List.of("name", "dt"));
        assertThat(projection.projectedType()).isEqualTo(TYPE.project(new int[] {2, 0}));
        assertThat(projection.positions()).containsExactly(2, 0);
        GenericRow row = GenericRow.of(19_000, 5L, BinaryString.fromString("x"), null);
        BinaryRow projected = projection.apply(row);
        assertThat(projected.getString(0).toString()).isEqualTo("x");
        assertThat(projected.getInt(1)).isEqualTo(19_000);
        assertThat(projected).isEqualTo(
                InternalRows.toBinaryRow(GenericRow.of(BinaryString.fromString("x"), 19_000), projection.projectedType()));
    }

    @Test
    void anyRepresentationAndKindGiveTheSameKey() {
        Random random = new Random(1);
        RowProjection projection = new RowProjection(RandomRows.ALL_TYPES, new int[] {13, 4, 31, 26});
        for (int i = 0; i < 300; i++) {
            GenericRow row = RandomRows.row(random, RandomRows.ALL_TYPES);
            BinaryRow key = projection.apply(row);
            row.setRowKind(RowKind.DELETE);
            BinaryRow deleteKey = projection.apply(row);
            BinaryRow fromBinary = projection.apply(InternalRows.toBinaryRow(row, RandomRows.ALL_TYPES));
            assertThat(deleteKey.getRowKind()).isEqualTo(RowKind.INSERT);
            assertThat(deleteKey.toBytes()).isEqualTo(key.toBytes());
            assertThat(fromBinary.toBytes()).isEqualTo(key.toBytes());
            assertThat(fromBinary.hashCode()).isEqualTo(key.hashCode());
        }
    }

    @Test
    void projectionRejectsRowsOfAnotherShape() {
        assertThatThrownBy(() -> RowProjection.all(TYPE).apply(GenericRow.of(1, 2L)))
                .hasMessageContaining("Cannot project a row of 2 fields");
        assertThatThrownBy(() -> RowProjection.of(TYPE, List.of("nope")))
                .hasMessageContaining("Field 'nope' not found; the row has fields [dt, id, name, tags]");
    }

    @Test
    void primaryKeysMustNotBeNull() {
        KeyProjection keys = KeyProjection.of(TYPE, List.of("id", "name"));
        assertThat(keys.keyType().fieldNames()).containsExactly("id", "name");
        assertThat(keys.apply(GenericRow.of(null, 1L, BinaryString.fromString("a"), null)).getLong(0)).isEqualTo(1L);
        assertThatThrownBy(() -> keys.apply(GenericRow.of(19_000, 1L, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Primary key field 'name' is null in row +I(dt=2022-01-08, id=1, name=null, tags=null); "
                        + "every primary key field must have a value");
    }

    @Test
    void primaryKeysMustBeOrderable() {
        assertThatThrownBy(() -> KeyProjection.of(TYPE, List.of("id", "tags")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field 'tags' of type ARRAY<STRING> cannot be part of a primary key");
        assertThatThrownBy(() -> new KeyProjection(TYPE, new int[0]))
                .hasMessageContaining("A primary key needs at least one field");
        assertThatThrownBy(() -> new KeyProjection(TYPE, new int[] {7}))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
