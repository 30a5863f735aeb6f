package io.tstore.core.schema;

import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableSchemaTest {

    /** A table with nested rows at every depth: inside a ROW, an ARRAY and a MAP value. */
    static Schema nestedSchema() {
        return Schema.newBuilder()
                .column("dt", STRING())
                .column("id", BIGINT(), "the key")
                .column("point", ROW(FIELD(0, "x", INT()), FIELD(1, "y", ROW(FIELD(0, "z", DOUBLE())))))
                .column("tags", ARRAY(ROW(FIELD(0, "name", STRING()))))
                .column("prices", MAP(STRING(), ROW(FIELD(0, "amount", DECIMAL(10, 2)))))
                .partitionKeys("dt")
                .primaryKey("dt", "id")
                .option("bucket", "2")
                .option("file.format", "parquet")
                .comment("orders, with nested parts")
                .build();
    }

    @Test
    void builderNumbersColumnsFirstThenNestedFieldsDepthFirst() {
        TableSchema schema = TableSchema.create(nestedSchema(), "db.t", 1000);
        assertThat(schema.fields()).extracting(DataField::id).containsExactly(0, 1, 2, 3, 4);
        RowType point = (RowType) schema.fields().get(2).type();
        assertThat(point.fields()).extracting(DataField::id).containsExactly(5, 6);
        assertThat(((RowType) point.fields().get(1).type()).fields().get(0).id()).isEqualTo(7);
        RowType tag = (RowType) ((io.tstore.core.types.ArrayType) schema.fields().get(3).type()).elementType();
        assertThat(tag.fields().get(0).id()).isEqualTo(8);
        RowType price = (RowType) ((io.tstore.core.types.MapType) schema.fields().get(4).type()).valueType();
        assertThat(price.fields().get(0).id()).isEqualTo(9);
        assertThat(schema.highestFieldId()).isEqualTo(9);
        assertThat(schema.id()).isZero();
        assertThat(schema.timeMillis()).isEqualTo(1000);
    }

    @Test
    void roundTripsThroughJsonWithNamedFieldsAndNestedIds() {
        TableSchema schema = TableSchema.create(nestedSchema(), "db.t", 1_700_000_000_000L);
        String json = schema.toJson();
        assertThat(json).contains("\"version\" : 1", "\"id\" : 0", "\"highestFieldId\" : 9",
                "\"partitionKeys\" : [ \"dt\" ]", "\"primaryKeys\" : [ \"dt\", \"id\" ]", "\"bucket\" : \"2\"",
                "\"comment\" : \"orders, with nested parts\"", "\"timeMillis\" : 1700000000000",
                "\"description\" : \"the key\"", "\"name\" : \"amount\"");
        TableSchema read = TableSchema.fromJson(json);
        assertThat(read).isEqualTo(schema);
        assertThat(read.rowType()).isEqualTo(schema.rowType());
        assertThat(read.toJson()).isEqualTo(json);
    }

    @Test
    void commentIsLeftOutAndUnknownMembersAreIgnored() {
        TableSchema schema = TableSchema.create(Schema.newBuilder().column("a", INT()).build(), null, 1);
        String json = schema.toJson();
        assertThat(json).doesNotContain("comment");
        String withExtra = json.replaceFirst("\\{", "{ \"someFutureMember\" : {\"x\" : [1, 2]},");
        assertThat(TableSchema.fromJson(withExtra)).isEqualTo(schema);
    }

    @Test
    void aNewerFormatVersionIsRejected() {
        String json = TableSchema.create(Schema.newBuilder().column("a", INT()).build(), null, 1).toJson()
                .replace("\"version\" : 1", "\"version\" : 2");
        assertThatThrownBy(() -> TableSchema.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("newer than this reader's 1");
    }

    @Test
    void malformedJsonIsRejectedNamingWhatIsWrong() {
        String json = TableSchema.create(Schema.newBuilder().column("a", INT()).build(), null, 1).toJson();
        assertThatThrownBy(() -> TableSchema.fromJson(json.replace("\"version\" : 1,", "")))
                .hasMessageContaining("\"version\" must be an integer");
        assertThatThrownBy(() -> TableSchema.fromJson("[1]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> TableSchema.fromJson("{")).hasMessageContaining("Not a table schema");
        assertThatThrownBy(() -> TableSchema.fromJson(json.replace("\"options\" : { }", "\"options\" : {\"bucket\" : 3}")))
                .hasMessageContaining("option 'bucket' must be a string");
    }

    @Test
    void readingToleratesOptionsOfNewerWritersButCreatingDoesNot() {
        String json = TableSchema.create(Schema.newBuilder().column("a", INT()).build(), null, 1).toJson()
                .replace("\"options\" : { }", "\"options\" : {\"some.future.option\" : \"on\"}");
        TableSchema read = TableSchema.fromJson(json);
        assertThat(read.optionsMap()).containsEntry("some.future.option", "on");
        // a known option must still parse
        assertThatThrownBy(() -> TableSchema.fromJson(json.replace("some.future.option", "bucket")))
                .hasMessageContaining("'bucket'").hasMessageContaining("'on'");
        assertThatThrownBy(() -> TableSchema.create(
                Schema.newBuilder().column("a", INT()).option("some.future.option", "on").build(), "db.t", 1))
                .hasMessageContaining("Table db.t").hasMessageContaining("unknown option ['some.future.option']");
    }

    @Test
    void createTableMakesPrimaryKeyColumnsNotNull() {
        TableSchema schema = TableSchema.create(Schema.newBuilder()
                .column("k", BIGINT())
                .column("v", STRING())
                .primaryKey("k")
                .build(), "db.t", 1);
        assertThat(schema.fields().get(0).type()).isEqualTo(BIGINT().notNull());
        assertThat(schema.fields().get(1).type()).isEqualTo(STRING());
    }

    @Test
    void columnsGivenWithIdsKeepThemAndCannotBeMixedWithColumnsWithout() {
        Schema schema = Schema.newBuilder()
                .column(FIELD(7, "a", INT()))
                .column(FIELD(3, "b", ROW(FIELD(12, "c", INT()))))
                .build();
        TableSchema table = TableSchema.create(schema, null, 1);
        assertThat(table.fields()).extracting(DataField::id).containsExactly(7, 3);
        assertThat(table.highestFieldId()).isEqualTo(12);

        assertThatThrownBy(() -> Schema.newBuilder().column(FIELD(7, "a", INT())).column("b", INT()).build())
                .hasMessageContaining("[a] have ids and [b] do not");
    }

    @Test
    void derivesKeyTypesAndBucketKeys() {
        TableSchema schema = TableSchema.create(Schema.newBuilder()
                .column("dt", STRING())
                .column("shop", INT())
                .column("id", BIGINT())
                .column("v", DOUBLE())
                .partitionKeys("dt")
                .primaryKey("dt", "shop", "id")
                .build(), null, 1);
        assertThat(schema.fieldNames()).containsExactly("dt", "shop", "id", "v");
        assertThat(schema.trimmedPrimaryKeys()).containsExactly("shop", "id");
        assertThat(schema.logicalPartitionType().fieldNames()).containsExactly("dt");
        assertThat(schema.logicalPrimaryKeyType().fields()).extracting(DataField::id).containsExactly(0, 1, 2);
        assertThat(schema.logicalPrimaryKeyType().fieldTypes())
                .containsExactly(STRING().notNull(), INT().notNull(), BIGINT().notNull());
        assertThat(schema.logicalTrimmedPrimaryKeyType().fieldNames()).containsExactly("shop", "id");
        assertThat(schema.bucketKeys()).containsExactly("shop", "id");
        assertThat(schema.options().get(CoreOptions.BUCKET)).isEqualTo(4);
        assertThat(schema.options().get(CoreOptions.FILE_FORMAT)).isEqualTo(FileFormatType.ORC);

        TableSchema withBucketKey = TableSchema.create(Schema.newBuilder()
                .column("dt", STRING()).column("shop", INT()).column("id", BIGINT())
                .partitionKeys("dt").primaryKey("dt", "shop", "id")
                .option("bucket-key", " shop ")
                .build(), null, 1);
        assertThat(withBucketKey.bucketKeys()).containsExactly("shop");
        assertThat(withBucketKey.logicalBucketKeyType().fieldNames()).containsExactly("shop");

        TableSchema appendOnly = TableSchema.create(Schema.newBuilder()
                .column("a", INT()).column("b", STRING()).partitionKeys("b").build(), null, 1);
        assertThat(appendOnly.trimmedPrimaryKeys()).isEmpty();
        assertThat(appendOnly.logicalPrimaryKeyType().fieldCount()).isZero();
        assertThat(appendOnly.bucketKeys()).containsExactly("a", "b");
    }

    @Test
    void isAValueWithoutSharedState() {
        Map<String, String> options = new java.util.HashMap<>(Map.of("bucket", "3"));
        List<DataField> fields = new java.util.ArrayList<>(List.of(FIELD(0, "a", INT().notNull())));
        TableSchema schema = new TableSchema(0, fields, 0, List.of(), List.of("a"), options, null, 5);
        options.put("bucket", "9");
        fields.clear();
        assertThat(schema.optionsMap()).containsEntry("bucket", "3");
        assertThat(schema.fields()).hasSize(1);
        assertThatThrownBy(() -> schema.optionsMap().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(schema).isEqualTo(new TableSchema(0, List.of(FIELD(0, "a", INT().notNull())), 0, List.of(),
                List.of("a"), Map.of("bucket", "3"), null, 5));
    }
}
