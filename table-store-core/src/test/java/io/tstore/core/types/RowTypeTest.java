package io.tstore.core.types;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowTypeTest {
    private final RowType row = ROW(FIELD(3, "id", BIGINT().notNull()), FIELD(7, "name", STRING(), "who"),
            FIELD(5, "age", INT()));

    @Test
    void looksUpFieldsByNameAndById() {
        assertThat(row.fieldNames()).containsExactly("id", "name", "age");
        assertThat(row.fieldTypes()).containsExactly(BIGINT().notNull(), STRING(), INT());
        assertThat(row.fieldCount()).isEqualTo(3);
        assertThat(row.fieldIndex("age")).isEqualTo(2);
        assertThat(row.fieldIndex("missing")).isEqualTo(-1);
        assertThat(row.containsField("name")).isTrue();
        assertThat(row.field("name").description()).isEqualTo("who");
        assertThat(row.fieldById(7).name()).isEqualTo("name");
        assertThat(row.fieldIndexById(5)).isEqualTo(2);
        assertThat(row.fieldIndexById(4)).isEqualTo(-1);
        assertThat(row.typeAt(0)).isEqualTo(BIGINT().notNull());
    }

    @Test
    void missingFieldsAreReportedWithTheFieldsThatExist() {
        assertThatThrownBy(() -> row.field("nam"))
                .hasMessage("Field 'nam' not found; the row has fields [id, name, age]");
        assertThatThrownBy(() -> row.fieldById(4)).hasMessageContaining("Field id 4 not found").hasMessageContaining("#7 `name`");
    }

    @Test
    void projectionKeepsIdsAndOrder() {
        assertThat(row.project(new int[] {2, 0})).isEqualTo(ROW(FIELD(5, "age", INT()), FIELD(3, "id", BIGINT().notNull())));
        assertThat(row.project(List.of("name"))).isEqualTo(ROW(FIELD(7, "name", STRING(), "who")));
        assertThatThrownBy(() -> row.project(new int[] {3})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("position 3 of a row with 3 fields");
        assertThatThrownBy(() -> row.project(List.of("nope"))).hasMessageContaining("Field 'nope' not found");
    }

    @Test
    void namesAndIdsMustBeUnique() {
        assertThatThrownBy(() -> ROW(FIELD(0, "a", INT()), FIELD(1, "a", INT())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field name 'a' appears more than once");
        assertThatThrownBy(() -> ROW(FIELD(0, "a", INT()), FIELD(0, "b", INT())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field id 0 appears more than once");
        assertThatThrownBy(() -> FIELD(-1, "a", INT())).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> FIELD(0, "", INT())).hasMessageContaining("must not be empty");
    }

    @Test
    void equalityCoversNullabilityIdsNamesTypesAndDescriptions() {
        RowType same = ROW(FIELD(3, "id", BIGINT().notNull()), FIELD(7, "name", STRING(), "who"), FIELD(5, "age", INT()));
        assertThat(row).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(row).isNotEqualTo(row.notNull());
        assertThat(row).isNotEqualTo(ROW(FIELD(3, "id", BIGINT().notNull()), FIELD(8, "name", STRING(), "who"), FIELD(5, "age", INT())));
        assertThat(row).isNotEqualTo(ROW(FIELD(3, "id", BIGINT().notNull()), FIELD(7, "name", STRING()), FIELD(5, "age", INT())));
        assertThat(INT()).isNotEqualTo(INT().notNull()).isNotEqualTo(BIGINT());
        assertThat(DataTypes.DECIMAL(10, 2)).isEqualTo(DataTypes.DECIMAL(10, 2)).isNotEqualTo(DataTypes.DECIMAL(10, 3));
    }

    @Test
    void builderNumbersFieldsFromZero() {
        RowType built = RowType.builder().field("a", INT()).field("b", STRING(), "bee").notNull().build();
        assertThat(built).isEqualTo(ROW(FIELD(0, "a", INT()), FIELD(1, "b", STRING(), "bee")).notNull());
    }

    @Test
    void rowOfTypesNamesFieldsPositionally() {
        assertThat(ROW(INT(), STRING()).fieldNames()).containsExactly("f0", "f1");
    }

    @Test
    void visitorReachesTheConcreteType() {
        DataTypeVisitor<String> visitor = new DataTypeDefaultVisitor<>() {
            @Override
            protected String defaultMethod(DataType type) {
                return "other";
            }

            @Override
            public String visit(RowType type) {
                return "row of " + type.fieldCount();
            }
        };
        assertThat(row.accept(visitor)).isEqualTo("row of 3");
        assertThat(INT().accept(visitor)).isEqualTo("other");
        for (DataType type : DataTypeParserTest.allTypes()) {
            assertThat(type.accept(new DataTypeDefaultVisitor<DataTypeRoot>() {
                @Override
                protected DataTypeRoot defaultMethod(DataType t) {
                    return t.root();
                }
            })).isEqualTo(type.root());
        }
    }
}
