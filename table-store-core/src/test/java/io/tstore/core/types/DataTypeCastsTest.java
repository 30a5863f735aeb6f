package io.tstore.core.types;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tstore.core.types.DataTypeCasts.canWiden;
import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BINARY;
import static io.tstore.core.types.DataTypes.CHAR;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TINYINT;
import static io.tstore.core.types.DataTypes.VARBINARY;
import static io.tstore.core.types.DataTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class DataTypeCastsTest {

    @Test
    void integersWidenAlongTheirOrderOnly() {
        List<DataType> integers = List.of(TINYINT(), SMALLINT(), INT(), BIGINT());
        for (int i = 0; i < integers.size(); i++) {
            for (int j = 0; j < integers.size(); j++) {
                assertThat(canWiden(integers.get(i), integers.get(j)))
                        .as("%s -> %s", integers.get(i), integers.get(j)).isEqualTo(i <= j);
            }
        }
        assertThat(canWiden(INT(), DOUBLE())).isFalse();
        assertThat(canWiden(BIGINT(), DECIMAL(38, 0))).isFalse();
    }

    @Test
    void floatWidensToDoubleOnly() {
        assertThat(canWiden(FLOAT(), DOUBLE())).isTrue();
        assertThat(canWiden(DOUBLE(), FLOAT())).isFalse();
        assertThat(canWiden(DOUBLE(), DOUBLE())).isTrue();
    }

    @Test
    void decimalsGainPrecisionAtTheSameScale() {
        assertThat(canWiden(DECIMAL(10, 2), DECIMAL(20, 2))).isTrue();
        assertThat(canWiden(DECIMAL(10, 2), DECIMAL(10, 2))).isTrue();
        assertThat(canWiden(DECIMAL(10, 2), DECIMAL(9, 2))).isFalse();
        assertThat(canWiden(DECIMAL(10, 2), DECIMAL(20, 3))).isFalse();
    }

    @Test
    void stringsAndBytesGainLength() {
        assertThat(canWiden(VARCHAR(10), VARCHAR(20))).isTrue();
        assertThat(canWiden(VARCHAR(10), STRING())).isTrue();
        assertThat(canWiden(VARCHAR(20), VARCHAR(10))).isFalse();
        assertThat(canWiden(CHAR(5), CHAR(8))).isTrue();
        assertThat(canWiden(CHAR(5), VARCHAR(5))).isTrue();
        assertThat(canWiden(CHAR(8), CHAR(5))).isFalse();
        assertThat(canWiden(VARCHAR(5), CHAR(5))).isFalse();
        assertThat(canWiden(BINARY(4), VARBINARY(8))).isTrue();
        assertThat(canWiden(VARBINARY(8), VARBINARY(4))).isFalse();
        assertThat(canWiden(STRING(), VARBINARY(Integer.MAX_VALUE))).isFalse();
    }

    @Test
    void nullabilityMayOnlyRelax() {
        assertThat(canWiden(INT().notNull(), INT())).isTrue();
        assertThat(canWiden(INT().notNull(), BIGINT())).isTrue();
        assertThat(canWiden(INT(), INT().notNull())).isFalse();
        assertThat(canWiden(INT(), BIGINT().notNull())).isFalse();
        assertThat(canWiden(ARRAY(INT()), ARRAY(INT().notNull()))).isFalse();
        assertThat(canWiden(ARRAY(INT().notNull()).notNull(), ARRAY(INT()))).isTrue();
    }

    @Test
    void nestedTypesWidenTheirParts() {
        assertThat(canWiden(ARRAY(INT()), ARRAY(BIGINT()))).isTrue();
        assertThat(canWiden(MAP(STRING(), INT()), MAP(STRING(), BIGINT()))).isTrue();
        assertThat(canWiden(MAP(INT(), INT()), MAP(BIGINT(), INT()))).as("keys never change").isFalse();
        RowType row = ROW(FIELD(1, "a", INT()), FIELD(2, "b", VARCHAR(3)));
        assertThat(canWiden(row, ROW(FIELD(1, "a", BIGINT()), FIELD(2, "b", STRING(), "now documented")))).isTrue();
        assertThat(canWiden(row, ROW(FIELD(1, "a", BIGINT()), FIELD(3, "b", STRING())))).as("other id").isFalse();
        assertThat(canWiden(row, ROW(FIELD(1, "a", BIGINT())))).as("fewer fields").isFalse();
    }

    @Test
    void everyTypeWidensToItselfAndUnrelatedTypesDoNot() {
        for (DataType type : DataTypeParserTest.allTypes()) {
            assertThat(canWiden(type, type)).as(type.asSqlString()).isTrue();
            assertThat(canWiden(type, type.copy(true))).as(type.asSqlString()).isTrue();
        }
        assertThat(canWiden(DATE(), TIMESTAMP())).isFalse();
        assertThat(canWiden(TIMESTAMP(3), TIMESTAMP(6))).isFalse();
        assertThat(canWiden(STRING(), INT())).isFalse();
    }
}
