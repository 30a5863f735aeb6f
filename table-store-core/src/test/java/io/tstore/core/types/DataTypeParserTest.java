package io.tstore.core.types;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BINARY;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.BYTES;
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
import static io.tstore.core.types.DataTypes.TIME;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static io.tstore.core.types.DataTypes.TINYINT;
import static io.tstore.core.types.DataTypes.VARBINARY;
import static io.tstore.core.types.DataTypes.VARCHAR;
import static io.tstore.core.types.DataTypes.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataTypeParserTest {

    /** Every type, each nullable and NOT NULL, alone and nested in every container. */
    static List<DataType> allTypes() {
        List<DataType> atomic = List.of(
                BOOLEAN(), TINYINT(), SMALLINT(), INT(), BIGINT(), FLOAT(), DOUBLE(),
                DECIMAL(1, 0), DECIMAL(10, 2), DECIMAL(18, 18), DECIMAL(38, 0), DECIMAL(38, 38),
                CHAR(1), CHAR(255), CHAR(Integer.MAX_VALUE), VARCHAR(1), VARCHAR(100), STRING(),
                BINARY(1), BINARY(16), VARBINARY(1), VARBINARY(1024), BYTES(),
                DATE(), TIME(), TIME(3), TIME(9), TIMESTAMP(0), TIMESTAMP(3), TIMESTAMP(), TIMESTAMP(9),
                TIMESTAMP_LTZ(0), TIMESTAMP_LTZ(3), TIMESTAMP_LTZ(9));
        List<DataType> all = new ArrayList<>();
        for (DataType type : atomic) {
            for (DataType t : List.of(type, type.notNull())) {
                all.add(t);
                all.add(ARRAY(t));
                all.add(MAP(STRING().notNull(), t).notNull());
                all.add(ROW(FIELD(0, "f", t), FIELD(1, "g", ARRAY(t).notNull(), "a 'quoted' description")));
            }
        }
        all.add(ROW());
        all.add(ROW().notNull());
        all.add(ROW(FIELD(0, "weird name`with` ticks", MAP(ARRAY(INT()), ROW(FIELD(0, "inner", DATE()))))));
        all.add(ROW(FIELD(0, "not", INT()), FIELD(1, "null", STRING()), FIELD(2, "ROW", ROW(FIELD(0, "a", INT())))));
        all.add(MAP(MAP(INT(), INT()), ARRAY(ARRAY(ARRAY(TIMESTAMP_LTZ(9).notNull())))));
        return all;
    }

    @Test
    void sqlStringOfEveryTypeParsesBackToAnEqualType() {
        for (DataType type : allTypes()) {
            assertThat(parse(type.asSqlString())).as(type.asSqlString()).isEqualTo(type);
            // and the form is stable: printing the parsed type gives the same string
            assertThat(parse(type.asSqlString()).asSqlString()).isEqualTo(type.asSqlString());
        }
    }

    @Test
    void typesPrintInTheirSqlForms() {
        assertThat(DECIMAL(10, 2).notNull().asSqlString()).isEqualTo("DECIMAL(10, 2) NOT NULL");
        assertThat(STRING().asSqlString()).isEqualTo("STRING");
        assertThat(VARCHAR(10).asSqlString()).isEqualTo("VARCHAR(10)");
        assertThat(BYTES().asSqlString()).isEqualTo("BYTES");
        assertThat(TIMESTAMP_LTZ(3).asSqlString()).isEqualTo("TIMESTAMP(3) WITH LOCAL TIME ZONE");
        assertThat(MAP(STRING(), BIGINT()).asSqlString()).isEqualTo("MAP<STRING, BIGINT>");
        assertThat(ROW(FIELD(0, "a", INT().notNull(), "the a"), FIELD(1, "b", STRING())).asSqlString())
                .isEqualTo("ROW<`a` INT NOT NULL 'the a', `b` STRING>");
        assertThat(ARRAY(INT()).notNull().toString()).isEqualTo("ARRAY<INT> NOT NULL");
    }

    @Test
    void readsTheUsualSpellingsCaseInsensitively() {
        assertThat(parse("DECIMAL(10, 2) NOT NULL")).isEqualTo(DECIMAL(10, 2).notNull());
        assertThat(parse("decimal(10,2) not null")).isEqualTo(DECIMAL(10, 2).notNull());
        assertThat(parse("  Integer ")).isEqualTo(INT());
        assertThat(parse("INT NULL")).isEqualTo(INT());
        assertThat(parse("string")).isEqualTo(STRING());
        assertThat(parse("VARCHAR(2147483647)")).isEqualTo(STRING());
        assertThat(parse("bytes")).isEqualTo(BYTES());
        assertThat(parse("ARRAY<INT>")).isEqualTo(ARRAY(INT()));
        assertThat(parse("array<array<int not null>>")).isEqualTo(ARRAY(ARRAY(INT().notNull())));
        assertThat(parse("MAP<STRING, BIGINT>")).isEqualTo(MAP(STRING(), BIGINT()));
        assertThat(parse("ROW<a INT, b STRING>")).isEqualTo(ROW(FIELD(0, "a", INT()), FIELD(1, "b", STRING())));
        assertThat(parse("row(a int, B string 'desc')"))
                .isEqualTo(ROW(FIELD(0, "a", INT()), FIELD(1, "B", STRING(), "desc")));
        assertThat(parse("TIMESTAMP(3) WITH LOCAL TIME ZONE")).isEqualTo(TIMESTAMP_LTZ(3));
        assertThat(parse("TIMESTAMP_LTZ(3)")).isEqualTo(TIMESTAMP_LTZ(3));
        assertThat(parse("timestamp_ltz")).isEqualTo(TIMESTAMP_LTZ(6));
        assertThat(parse("TIMESTAMP WITHOUT TIME ZONE")).isEqualTo(TIMESTAMP(6));
        assertThat(parse("TIME(3) WITHOUT TIME ZONE NOT NULL")).isEqualTo(TIME(3).notNull());
        assertThat(parse("NUMERIC(5)")).isEqualTo(DECIMAL(5, 0));
        assertThat(parse("DEC")).isEqualTo(DECIMAL(10, 0));
        assertThat(parse("DOUBLE PRECISION")).isEqualTo(DOUBLE());
    }

    @Test
    void bareTypesTakeTheSqlDefaults() {
        assertThat(parse("CHAR")).isEqualTo(CHAR(1));
        assertThat(parse("VARCHAR")).isEqualTo(VARCHAR(1));
        assertThat(parse("BINARY")).isEqualTo(BINARY(1));
        assertThat(parse("VARBINARY")).isEqualTo(VARBINARY(1));
        assertThat(parse("DECIMAL")).isEqualTo(DECIMAL(10, 0));
        assertThat(parse("TIME")).isEqualTo(TIME(0));
        assertThat(parse("TIMESTAMP")).isEqualTo(TIMESTAMP(6));
    }

    @Test
    void parsedRowsNumberTheirFieldsFromZero() {
        RowType row = (RowType) parse("ROW<a INT, b ROW<x INT, y INT>>");
        assertThat(row.fields()).extracting(DataField::id).containsExactly(0, 1);
        assertThat(((RowType) row.typeAt(1)).fields()).extracting(DataField::id).containsExactly(0, 1);
    }

    @Test
    void quotedNamesAndDescriptionsKeepTheirQuotes() {
        RowType row = (RowType) parse("ROW<`a``b` INT 'it''s', `x y` STRING>");
        assertThat(row.fieldNames()).containsExactly("a`b", "x y");
        assertThat(row.fields().get(0).description()).isEqualTo("it's");
    }

    @Test
    void errorsNameTheTextAndThePosition() {
        assertError("DECIMAL(10, x)", "Invalid data type 'DECIMAL(10, x)' at position 13: expected the scale (an integer) but found 'x'");
        assertError("DECIMAL(40, 2)", "at position 1: DECIMAL precision must be between 1 and 38, but was 40");
        assertError("DECIMAL(5, 6)", "DECIMAL scale must be between 0 and the precision 5, but was 6");
        assertError("TIMESTAMP(10)", "TIMESTAMP precision must be between 0 and 9, but was 10");
        assertError("VARCHAR(0)", "VARCHAR length must be between 1 and 2147483647, but was 0");
        assertError("CHAR(99999999999)", "at position 6: a length or precision 99999999999 is too large");
        assertError("INTT", "Invalid data type 'INTT' at position 1: unknown type 'INTT'");
        assertError("ARRAY<INT", "at position 10: expected '>' but found the end of the input");
        assertError("MAP<INT>", "at position 8: expected ',' but found '>'");
        assertError("INT NOT", "at position 8: expected NULL but found the end of the input");
        assertError("INT BIGINT", "at position 5: unexpected 'BIGINT' after the type INT");
        assertError("ROW<a INT, a STRING>", "at position 12: field name 'a' appears more than once in the row");
        assertError("ROW<a INT b STRING>", "at position 11: expected ',' or '>' after field 'a' but found 'b'");
        assertError("ROW<a>", "at position 6: expected a type name but found '>'");
        assertError("ROW<a INT 'oops>", "at position 11: unterminated description");
        assertError("TIMESTAMP(3) WITH TIME ZONE", "at position 19: expected LOCAL but found 'TIME'");
        assertError("", "Invalid data type '' at position 1: expected a type name but found the end of the input");
        assertError("INT#", "at position 4: unexpected character '#'");
    }

    private static void assertError(String sql, String message) {
        assertThatThrownBy(() -> parse(sql)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
