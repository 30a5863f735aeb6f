package io.tstore.core.schema;

import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.BOOLEAN;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.VARCHAR;
import static io.tstore.core.types.DataTypes.BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every rule of {@link SchemaValidation}, with an error that names the table, the column or option, and the value. */
class SchemaValidationTest {

    /** A valid primary-key table to break one way at a time: dt (partition), id, v, s, b, tags. */
    private static Schema.Builder table() {
        return Schema.newBuilder()
                .column("dt", STRING())
                .column("id", BIGINT())
                .column("v", INT())
                .column("s", STRING())
                .column("b", BOOLEAN())
                .column("tags", ARRAY(STRING()))
                .partitionKeys("dt")
                .primaryKey("dt", "id");
    }

    private static Schema.Builder aggregation() {
        return table().option("merge-engine", "aggregation");
    }

    private static Arguments invalid(String name, UnaryOperator<Schema.Builder> schema, String... fragments) {
        return arguments(name, schema, fragments);
    }

    static Stream<Arguments> invalidSchemas() {
        return Stream.of(
                invalid("no columns", b -> Schema.newBuilder(), "at least one column"),
                invalid("duplicate column", b -> table().column("v", BIGINT()), "column 'v' appears more than once"),
                invalid("names differing in case", b -> table().column("V", BIGINT()),
                        "columns 'v' and 'V' differ only in case"),
                invalid("nested names differing in case",
                        b -> table().column("p", ROW(FIELD(0, "x", INT()), FIELD(1, "X", INT()))),
                        "columns 'p.x' and 'p.X' differ only in case"),
                invalid("partition key missing", b -> table().partitionKeys("day"),
                        "partition key column 'day' does not exist", "[dt, id, v, s, b, tags]"),
                invalid("partition key twice", b -> table().partitionKeys("dt", "dt"),
                        "partition key column 'dt' appears more than once"),
                invalid("nested partition key", b -> table().primaryKey("id").partitionKeys("tags"),
                        "partition key column 'tags' has type ARRAY<STRING>", "atomic"),
                invalid("primary key missing", b -> table().primaryKey("dt", "key"),
                        "primary key column 'key' does not exist"),
                invalid("primary key twice", b -> table().primaryKey("dt", "id", "id"),
                        "primary key column 'id' appears more than once"),
                invalid("nested primary key", b -> table().primaryKey("dt", "tags"),
                        "primary key column 'tags' has type ARRAY<STRING> NOT NULL"),
                invalid("partition outside primary key", b -> table().primaryKey("id"),
                        "partition key 'dt' must be part of the primary key [id]"),
                invalid("primary key of partition keys only", b -> table().primaryKey("dt"),
                        "the primary key [dt] consists of partition keys only"),
                invalid("unknown option", b -> table().option("buckets", "3"), "unknown option ['buckets']"),
                invalid("unparsable option", b -> table().option("bucket", "many"),
                        "Invalid value 'many' for option 'bucket'"),
                invalid("no bucket", b -> table().option("bucket", "0"), "option 'bucket' must be at least 1, but is 0"),
                invalid("no flush thread", b -> table().option("write.flush-threads", "0"), "option 'write.flush-threads' must be at least 1, but is 0"),
                invalid("bucket key missing", b -> table().option("bucket-key", "id,shop"),
                        "option 'bucket-key' = 'id,shop' names column 'shop', which does not exist"),
                invalid("bucket key outside primary key", b -> table().option("bucket-key", "v"),
                        "option 'bucket-key' = 'v' names column 'v', which is not in the primary key [dt, id]"),
                invalid("bucket key twice", b -> table().option("bucket-key", "id, id"),
                        "option 'bucket-key' = 'id, id' names column 'id' more than once"),
                invalid("bucket key with a hole", b -> table().option("bucket-key", "id,"),
                        "option 'bucket-key' = 'id,' has an empty column name"),
                invalid("partial-update without primary key",
                        b -> table().primaryKey(List.of()).option("merge-engine", "partial-update"),
                        "option 'merge-engine' = 'partial-update' needs a primary key"),
                invalid("first-row without primary key",
                        b -> table().primaryKey(List.of()).option("merge-engine", "first-row"),
                        "option 'merge-engine' = 'first-row' needs a primary key"),
                invalid("aggregate function without aggregation",
                        b -> table().option("fields.v.aggregate-function", "sum"),
                        "option 'fields.v.aggregate-function' = 'sum' only applies to option 'merge-engine' = 'aggregation'"),
                invalid("aggregate function of a missing column",
                        b -> aggregation().option("fields.w.aggregate-function", "sum"),
                        "option 'fields.w.aggregate-function' = 'sum' names column 'w', which does not exist"),
                invalid("aggregate function of a key column",
                        b -> aggregation().option("fields.id.aggregate-function", "max"),
                        "option 'fields.id.aggregate-function' = 'max' names primary key column 'id'"),
                invalid("unknown aggregate function",
                        b -> aggregation().option("fields.v.aggregate-function", "avg"),
                        "option 'fields.v.aggregate-function' = 'avg' is not an aggregate function", "listagg"),
                invalid("sum of a string", b -> aggregation().option("fields.s.aggregate-function", "sum"),
                        "cannot aggregate column 's' of type STRING: sum needs a numeric column"),
                invalid("bool_and of an int", b -> aggregation().option("fields.v.aggregate-function", "bool_and"),
                        "cannot aggregate column 'v' of type INT: bool_and needs a BOOLEAN column"),
                invalid("listagg of a bounded VARCHAR",
                        b -> aggregation().column("names", VARCHAR(10)).option("fields.names.aggregate-function", "listagg"),
                        "names", "listagg", "STRING (VARCHAR without a length)"),
                invalid("binary partition key",
                        b -> Schema.newBuilder().column("p", BYTES()).column("v", INT()).partitionKeys("p"),
                        "partition key column 'p' has type BYTES", "cannot be binary"),
                invalid("listagg of an int", b -> aggregation().option("fields.v.aggregate-function", "listagg"),
                        "cannot aggregate column 'v' of type INT: listagg needs a VARCHAR/STRING column"),
                invalid("count of a string", b -> aggregation().option("fields.s.aggregate-function", "count"),
                        "count needs an INT or BIGINT column"),
                invalid("max of an array", b -> aggregation().option("fields.tags.aggregate-function", "max"),
                        "cannot aggregate column 'tags' of type ARRAY<STRING>: max needs a column of an atomic type"),
                invalid("sequence field missing", b -> table().option("sequence.field", "ts"),
                        "option 'sequence.field' = 'ts' names a column that does not exist"),
                invalid("sequence field in the key", b -> table().option("sequence.field", "id"),
                        "option 'sequence.field' = 'id' names primary key column 'id'"),
                invalid("nested sequence field", b -> table().option("sequence.field", "tags"),
                        "option 'sequence.field' = 'tags' names column 'tags' of type ARRAY<STRING>"),
                invalid("sequence field without primary key",
                        b -> table().primaryKey(List.of()).option("sequence.field", "v"),
                        "option 'sequence.field' = 'v' needs a primary key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void invalidSchemaIsRejectedNamingTableAndCulprit(String name, UnaryOperator<Schema.Builder> schema, String[] fragments) {
        assertThatThrownBy(() -> TableSchema.create(schema.apply(null).build(), "db.t", 1))
                .as(name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Table db.t: ")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void errorsOfAnUnnamedTableSayJustTable() {
        assertThatThrownBy(() -> TableSchema.create(table().option("bucket", "0").build(), null, 1))
                .hasMessageStartingWith("Table: option 'bucket'");
    }

    @Test
    void anEmptyColumnNameIsRejected() {
        assertThatThrownBy(() -> Schema.newBuilder().column("", INT()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must not be empty");
    }

    @Test
    void fieldIdsAreUniqueAcrossNestedRowsAndNotAboveTheHighest() {
        Schema sharedId = Schema.newBuilder()
                .column(FIELD(0, "a", INT()))
                .column(FIELD(1, "p", ROW(FIELD(0, "x", INT()))))
                .build();
        assertThatThrownBy(() -> TableSchema.create(sharedId, "db.t", 1))
                .hasMessage("Table db.t: field id 0 is used by both 'a' and 'x'; field ids must be unique across the "
                        + "schema, nested fields included");

        assertThatThrownBy(() -> TableSchema.of("db.t", 0, List.of(FIELD(0, "a", INT()), FIELD(5, "b", INT())), 4,
                List.of(), List.of(), Map.of(), null, 1))
                .hasMessage("Table db.t: field 'b' has id 5, above the highest field id 4");
    }

    @Test
    void primaryKeyColumnsMustBeNotNullOnceCreated() {
        // CREATE TABLE makes them NOT NULL; a schema built directly must already have them so
        List<DataField> fields = List.of(FIELD(0, "k", BIGINT()), FIELD(1, "v", INT()));
        assertThatThrownBy(() -> TableSchema.of("db.t", 0, fields, 1, List.of(), List.of("k"), Map.of(), null, 1))
                .hasMessageContaining("Table db.t: primary key column 'k' must be NOT NULL, but is BIGINT");
    }

    @Test
    void aNegativeSchemaIdIsRejected() {
        assertThatThrownBy(() -> TableSchema.of("db.t", -1, List.of(FIELD(0, "a", INT())), 0, List.of(), List.of(),
                Map.of(), null, 1))
                .hasMessage("Table db.t: schema id must not be negative, but is -1");
    }

    static Stream<Arguments> validAggregations() {
        return Stream.of(
                arguments("sum", DECIMAL(20, 2)), arguments("sum", DOUBLE()), arguments("min", DATE()),
                arguments("max", STRING()), arguments("count", BIGINT()), arguments("first_value", ARRAY(INT())),
                arguments("last_value", MAP(STRING(), INT())), arguments("last_non_null_value", INT()),
                arguments("listagg", STRING()), arguments("bool_and", BOOLEAN()), arguments("BOOL_OR", BOOLEAN()));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("validAggregations")
    void everyAggregateFunctionAcceptsTheTypesItCanFold(String function, DataType type) {
        Schema schema = Schema.newBuilder()
                .column("id", BIGINT())
                .column("agg", type)
                .primaryKey("id")
                .option("merge-engine", "aggregation")
                .option("fields.agg.aggregate-function", function)
                .build();
        assertThatCode(() -> TableSchema.create(schema, "db.t", 1)).doesNotThrowAnyException();
    }

    @Test
    void validTablesPass() {
        assertThatCode(() -> TableSchema.create(table()
                .option("bucket", "1")
                .option("bucket-key", "id")
                .option("sequence.field", "v")
                .option("merge-engine", "partial-update")
                .build(), "db.t", 1)).doesNotThrowAnyException();
        // without a primary key: any bucket key, nested columns as partition neighbours, no key rules
        assertThatCode(() -> TableSchema.create(Schema.newBuilder()
                .column("a", INT()).column("b", STRING()).column("m", MAP(STRING(), INT()))
                .partitionKeys("b")
                .option("bucket-key", "a,m")
                .build(), "db.t", 1)).doesNotThrowAnyException();
        assertThat(SchemaValidation.aggregateFunctions()).hasSize(10);
    }
}
