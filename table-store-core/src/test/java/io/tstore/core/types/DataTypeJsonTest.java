package io.tstore.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataTypeJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyTypeRoundTripsThroughJsonText() throws Exception {
        for (DataType type : DataTypeParserTest.allTypes()) {
            String text = MAPPER.writeValueAsString(DataTypeJson.toJson(type));
            assertThat(DataTypeJson.fromJson(MAPPER.readTree(text))).as(text).isEqualTo(type);
        }
    }

    @Test
    void nestedFieldIdsSurvive() throws Exception {
        RowType type = ROW(
                FIELD(10, "id", BIGINT().notNull(), "the key"),
                FIELD(11, "point", ROW(FIELD(21, "x", INT()), FIELD(20, "y", INT())).notNull()),
                FIELD(12, "points", ARRAY(ROW(FIELD(30, "z", INT())))),
                FIELD(13, "by_name", MAP(STRING(), ROW(FIELD(40, "w", DECIMAL(10, 2))))));
        JsonNode json = DataTypeJson.toJson(type);
        assertThat(DataTypeJson.fromJson(MAPPER.readTree(MAPPER.writeValueAsString(json)))).isEqualTo(type);
        // SQL strings cannot carry ids; this is what JSON is for
        assertThat(DataTypes.parse(type.asSqlString())).isNotEqualTo(type);
    }

    @Test
    void writesAtomicTypesAsStringsAndNestedTypesAsObjects() throws Exception {
        assertThat(MAPPER.writeValueAsString(DataTypeJson.toJson(DECIMAL(10, 2).notNull())))
                .isEqualTo("\"DECIMAL(10, 2) NOT NULL\"");
        RowType type = ROW(FIELD(0, "a", ARRAY(INT()).notNull(), "desc"), FIELD(1, "m", MAP(STRING(), BIGINT())));
        assertThat(MAPPER.writeValueAsString(DataTypeJson.toJson(type))).isEqualTo("{\"type\":\"ROW\",\"fields\":["
                + "{\"id\":0,\"name\":\"a\",\"type\":{\"type\":\"ARRAY NOT NULL\",\"element\":\"INT\"},\"description\":\"desc\"},"
                + "{\"id\":1,\"name\":\"m\",\"type\":{\"type\":\"MAP\",\"key\":\"STRING\",\"value\":\"BIGINT\"}}]}");
    }

    @Test
    void acceptsNestedTypesWrittenAsSqlStrings() throws Exception {
        assertThat(DataTypeJson.fromJson(MAPPER.readTree("\"ARRAY<INT> NOT NULL\""))).isEqualTo(ARRAY(INT()).notNull());
        assertThat(DataTypeJson.fromJson(MAPPER.readTree("{\"type\": \"array not null\", \"element\": \"int\"}")))
                .isEqualTo(ARRAY(INT()).notNull());
    }

    @Test
    void errorsNameTheBadJson() throws Exception {
        assertError("{\"type\":\"ARRAY\"}", "Invalid data type JSON {\"type\":\"ARRAY\"}: missing \"element\"");
        assertError("{\"type\":\"LIST\",\"element\":\"INT\"}", "an object must have type ARRAY, MAP or ROW, but has 'LIST'");
        assertError("{\"type\":\"ARRAY NULLABLE\",\"element\":\"INT\"}", "type 'ARRAY NULLABLE' must be ARRAY, MAP or ROW");
        assertError("\"INTT\"", "Invalid data type JSON \"INTT\": Invalid data type 'INTT' at position 1: unknown type 'INTT'");
        assertError("42", "expected a SQL type string or an object");
        assertError("{\"type\":\"ROW\",\"fields\":[{\"id\":\"x\",\"name\":\"a\",\"type\":\"INT\"}]}", "\"id\" must be an integer");
        assertError("{\"type\":\"ROW\",\"fields\":[{\"id\":0,\"name\":\"a\",\"type\":\"INT\"},{\"id\":0,\"name\":\"b\",\"type\":\"INT\"}]}",
                "Field id 0 appears more than once");
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> DataTypeJson.fromJson(MAPPER.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
