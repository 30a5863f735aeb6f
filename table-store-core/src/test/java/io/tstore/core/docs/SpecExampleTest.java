package io.tstore.core.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.Timestamp;
import io.tstore.core.file.BucketFunction;
import io.tstore.core.file.TablePaths;
import io.tstore.core.fs.Path;
import io.tstore.core.mergetree.aggregate.AggregateFunction;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.DataReadBuilder;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.Split;
import io.tstore.core.table.StreamTableScan;
import io.tstore.core.table.TableRead;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import org.apache.avro.Schema.Field;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks docs/spec.md against what the code really writes, so that the contract a second implementation reads cannot
 * drift from the files: the example files of *Examples* against the files of a real table (field by field; only
 * names, times and sizes compared by shape), and the encoding tables (binary rows, bucket hashes, partition
 * directories, type strings, aggregate functions) against the code that produces them. Each test fails naming the
 * line or field of the spec that disagrees.
 */
class SpecExampleTest {
    private static final java.nio.file.Path SPEC = java.nio.file.Path.of("../docs/spec.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String POSITIVE = "[1-9][0-9]*";

    @TempDir
    java.nio.file.Path warehouseDir;

    // ---------------------------------------------------------------------------------------------------------
    // The example files

    @Test
    void theExampleFilesAreThoseOfARealTable() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouseDir.toString(), Map.of());
        catalog.createDatabase("shop", true);
        Identifier ordersId = Identifier.of("shop", "orders");
        catalog.createTable(ordersId, Schema.newBuilder()
                .column("order_id", DataTypes.BIGINT())
                .column("dt", DataTypes.STRING())
                .column("customer", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(10, 2))
                .column("ship_to", DataTypes.ROW(
                        DataTypes.FIELD(0, "city", DataTypes.STRING()), DataTypes.FIELD(1, "zip", DataTypes.STRING())))
                .primaryKey("dt", "order_id")
                .partitionKeys("dt")
                .option("bucket", "2")
                .build(), true);
        FileStoreTable orders = catalog.getTable(ordersId);
        try (TableWrite write = orders.newWrite(false)) {
            write.write(GenericRow.of(1L, s("2024-05-01"), s("ada"), decimal("12.50"), GenericRow.of(s("Oslo"), s("0150"))));
            write.write(GenericRow.of(3L, s("2024-05-01"), s("bob"), decimal("7.00"), null));
            write.write(GenericRow.of(4L, s("2024-05-01"), null, decimal("7.00"), null));
            orders.newCommit("writer-1").commit(1, write.prepareCommit(true));
        }
        java.nio.file.Path table = warehouseDir.resolve("shop.db").resolve("orders");

        JsonNode schema = JSON.readTree(Files.readString(table.resolve("schema/schema-0")));
        assertMatches("schema", example("schema"), schema, Map.of("/timeMillis", POSITIVE));

        JsonNode snapshot = JSON.readTree(Files.readString(table.resolve("snapshot/snapshot-1")));
        assertMatches("snapshot", example("snapshot"), snapshot, Map.of(
                "/baseManifestList", "manifest-list-" + UUID + "-[0-9]+",
                "/deltaManifestList", "manifest-list-" + UUID + "-[0-9]+",
                "/timeMillis", POSITIVE));

        // Read as an independent reader would: plain Avro, bytes shown in hex.
        assertThat(avroRecords(table.resolve("manifest").resolve(snapshot.get("baseManifestList").asText())))
                .as("the base manifest list of the first snapshot").isEmpty();
        List<JsonNode> manifests = avroRecords(table.resolve("manifest").resolve(snapshot.get("deltaManifestList").asText()));
        assertThat(manifests).hasSize(1);
        assertMatches("manifest-list-record", example("manifest-list-record"), manifests.get(0), Map.of(
                "/file_name", "manifest-" + UUID + "-[0-9]+",
                "/file_size", POSITIVE));

        List<JsonNode> entries = avroRecords(table.resolve("manifest").resolve(manifests.get(0).get("file_name").asText()));
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertMatches("manifest-entry", example("manifest-entry"), entry, Map.of(
                "/file/file_name", "data-" + UUID + "-[0-9]+\\.orc",
                "/file/file_size", POSITIVE,
                "/file/creation_time_millis", POSITIVE));

        // The entry's file is where *Partition directories* and *Buckets* say, with the columns and rows the spec shows.
        java.nio.file.Path dataFile = table.resolve("dt=2024-05-01")
                .resolve("bucket-" + entry.get("bucket").asInt())
                .resolve(entry.get("file").get("file_name").asText());
        assertThat(dataFile).exists();
        assertThat(Files.size(dataFile)).isEqualTo(entry.get("file").get("file_size").asLong());
        for (long orderId : new long[] {1, 3, 4}) {
            assertThat(BucketFunction.bucket(InternalRows.toBinaryRow(GenericRow.of(orderId), rowOf(DataTypes.BIGINT().notNull())), 2))
                    .as("bucket of order %d", orderId).isEqualTo(entry.get("bucket").asInt());
        }
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        try (org.apache.orc.Reader reader = org.apache.orc.OrcFile.createReader(
                new org.apache.hadoop.fs.Path(dataFile.toUri()), org.apache.orc.OrcFile.readerOptions(conf).useUTCTimestamp(true))) {
            assertThat(reader.getSchema().toString()).isEqualTo("struct<_KEY_order_id:bigint,_SEQUENCE_NUMBER:bigint,_ROW_KIND:tinyint,"
                    + "order_id:bigint,dt:string,customer:string,amount:decimal(10,2),ship_to:struct<city:string,zip:string>>");
            org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch batch = reader.getSchema().createRowBatch();
            try (org.apache.orc.RecordReader rows = reader.rows()) {
                assertThat(rows.nextBatch(batch)).isTrue();
            }
            List<String> keySequenceKind = new ArrayList<>();
            for (int i = 0; i < batch.size; i++) {
                keySequenceKind.add(((org.apache.hadoop.hive.ql.exec.vector.LongColumnVector) batch.cols[0]).vector[i] + ", "
                        + ((org.apache.hadoop.hive.ql.exec.vector.LongColumnVector) batch.cols[1]).vector[i] + ", "
                        + ((org.apache.hadoop.hive.ql.exec.vector.LongColumnVector) batch.cols[2]).vector[i]);
            }
            assertThat(keySequenceKind).containsExactly("1, 0, 0", "3, 1, 0", "4, 2, 0");
        }
    }

    /** The JSON block that follows {@code <!-- spec-example: name -->} in the spec. */
    private static JsonNode example(String name) throws Exception {
        String spec = Files.readString(SPEC);
        String marker = "<!-- spec-example: " + name + " -->";
        int at = spec.indexOf(marker);
        assertThat(at).as("docs/spec.md has the marker %s", marker).isGreaterThanOrEqualTo(0);
        int start = spec.indexOf("```json\n", at) + "```json\n".length();
        int end = spec.indexOf("```", start);
        return JSON.readTree(spec.substring(start, end));
    }

    /**
     * Compares the spec's example with the real value: the same field names in the same order, the same structure,
     * and equal values, except at the masked paths, where the real value must match the pattern. Hex strings (byte
     * fields) compare without the spaces the spec puts between their parts.
     */
    private static void assertMatches(String name, JsonNode spec, JsonNode real, Map<String, String> masks) {
        compare(name, "", spec, real, masks);
        for (String masked : masks.keySet()) {
            assertThat(real.at(masked).isMissingNode()).as("%s: masked field %s exists", name, masked).isFalse();
        }
    }

    private static void compare(String name, String path, JsonNode spec, JsonNode real, Map<String, String> masks) {
        String where = name + " example, field " + (path.isEmpty() ? "/" : path);
        if (masks.containsKey(path)) {
            assertThat(real.isValueNode()).as(where).isTrue();
            assertThat(spec.isValueNode() && spec.getNodeType() == real.getNodeType()).as(where + ": same kind of value").isTrue();
            assertThat(real.asText()).as(where + ": real value has the documented shape").matches(masks.get(path));
            assertThat(spec.asText()).as(where + ": the spec's value has the documented shape").matches(masks.get(path));
            return;
        }
        assertThat(spec.getNodeType()).as(where + ": kind of value").isEqualTo(real.getNodeType());
        if (spec.isObject()) {
            assertThat(fieldNames(spec)).as(where + ": field names, in order").isEqualTo(fieldNames(real));
            for (String field : fieldNames(spec)) {
                compare(name, path + "/" + field, spec.get(field), real.get(field), masks);
            }
        } else if (spec.isArray()) {
            assertThat(spec.size()).as(where + ": array size").isEqualTo(real.size());
            for (int i = 0; i < spec.size(); i++) {
                compare(name, path + "/" + i, spec.get(i), real.get(i), masks);
            }
        } else if (spec.isTextual() && spec.asText().matches("[0-9a-f ]+") && real.asText().matches("[0-9a-f]*")) {
            assertThat(spec.asText().replace(" ", "")).as(where + " (hex)").isEqualTo(real.asText());
        } else if (spec.isIntegralNumber()) {
            // Avro ints and longs both read back as JSON numbers: the field's Avro type is the spec's table's.
            assertThat(spec.bigIntegerValue()).as(where).isEqualTo(real.bigIntegerValue());
        } else {
            assertThat(spec).as(where).isEqualTo(real);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The records of an Avro file as JSON objects, in schema field order, with bytes in lower-case hex. */
    private static List<JsonNode> avroRecords(java.nio.file.Path file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            assertThat(reader.getMetaString("tstore.format.version")).as("format version of %s", file.getFileName()).isEqualTo("1");
            assertThat(reader.getMetaString("avro.codec")).as("codec of %s", file.getFileName()).isEqualTo("deflate");
            for (GenericRecord record : reader) {
                records.add(toJson(record));
            }
        }
        return records;
    }

    private static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode object = nodes.objectNode();
            for (Field field : record.getSchema().getFields()) {
                object.set(field.name(), toJson(record.get(field.name())));
            }
            return object;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer b = buffer.duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return nodes.textNode(HexFormat.of().formatHex(bytes));
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        return nodes.textNode(value.toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Binary rows and buckets

    /** One row of the spec's table of binary rows: its description (first column), the row and its type. */
    private record RowVector(String description, RowType type, InternalRow row) {}

    private static List<RowVector> rowVectors() {
        List<RowVector> vectors = new ArrayList<>();
        vectors.add(new RowVector("`BIGINT` 1", rowOf(DataTypes.BIGINT()), GenericRow.of(1L)));
        vectors.add(new RowVector("`INT` -1", rowOf(DataTypes.INT()), GenericRow.of(-1)));
        vectors.add(new RowVector("`SMALLINT` -2", rowOf(DataTypes.SMALLINT()), GenericRow.of((short) -2)));
        vectors.add(new RowVector("`BOOLEAN` true", rowOf(DataTypes.BOOLEAN()), GenericRow.of(true)));
        vectors.add(new RowVector("`DOUBLE` 1.5", rowOf(DataTypes.DOUBLE()), GenericRow.of(1.5d)));
        vectors.add(new RowVector("`DATE` 2024-05-01", rowOf(DataTypes.DATE()), GenericRow.of(19844)));
        vectors.add(new RowVector("`STRING` 'abc'", rowOf(DataTypes.STRING()), GenericRow.of(s("abc"))));
        vectors.add(new RowVector("`STRING` ''", rowOf(DataTypes.STRING()), GenericRow.of(s(""))));
        vectors.add(new RowVector("`STRING` null", rowOf(DataTypes.STRING()), GenericRow.of((Object) null)));
        vectors.add(new RowVector("`BIGINT` 1, `STRING` 'abc'", rowOf(DataTypes.BIGINT(), DataTypes.STRING()),
                GenericRow.of(1L, s("abc"))));
        vectors.add(new RowVector("`DECIMAL(10, 2)` -12.50", rowOf(DataTypes.DECIMAL(10, 2)), GenericRow.of(decimal("-12.50"))));
        vectors.add(new RowVector("`DECIMAL(20, 2)` -12.50", rowOf(DataTypes.DECIMAL(20, 2)),
                GenericRow.of(Decimal.fromBigDecimal(new BigDecimal("-12.50"), 20, 2))));
        vectors.add(new RowVector("`TIMESTAMP(3)` 2024-05-01 10:00:00.123", rowOf(DataTypes.TIMESTAMP(3)),
                GenericRow.of(Timestamp.fromLocalDateTime(LocalDateTime.parse("2024-05-01T10:00:00.123")))));
        vectors.add(new RowVector("`TIMESTAMP(6)` 2024-05-01 10:00:00.123456", rowOf(DataTypes.TIMESTAMP(6)),
                GenericRow.of(Timestamp.fromLocalDateTime(LocalDateTime.parse("2024-05-01T10:00:00.123456")))));
        vectors.add(new RowVector("`TIMESTAMP(6)` 1969-12-31 23:59:59.999999", rowOf(DataTypes.TIMESTAMP(6)),
                GenericRow.of(Timestamp.fromLocalDateTime(LocalDateTime.parse("1969-12-31T23:59:59.999999")))));
        vectors.add(new RowVector("`ARRAY<INT>` [7, null]", rowOf(DataTypes.ARRAY(DataTypes.INT())),
                GenericRow.of(GenericArray.of(7, null))));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(s("k"), 1L);
        vectors.add(new RowVector("`MAP<STRING, BIGINT>` {'k': 1}", rowOf(DataTypes.MAP(DataTypes.STRING(), DataTypes.BIGINT())),
                GenericRow.of(GenericMap.of(map))));
        vectors.add(new RowVector("`ROW<INT, STRING>` (1, 'x')", rowOf(DataTypes.ROW(DataTypes.INT(), DataTypes.STRING())),
                GenericRow.of(GenericRow.of(1, s("x")))));
        return vectors;
    }

    @Test
    void theBinaryRowsHashesAndBucketsOfTheSpecAreThoseOfTheCode() throws Exception {
        Map<String, String[]> table = specTable("Binary row vectors");
        List<String> described = new ArrayList<>();
        for (RowVector vector : rowVectors()) {
            BinaryRow row = InternalRows.toBinaryRow(vector.row(), vector.type());
            String hex = HexFormat.of().formatHex(row.toBytes());
            String expectedLine = String.format("| %s | `%s` | %d | %d |", vector.description(), hex,
                    row.hashCode(), BucketFunction.bucket(row, 4));
            String[] columns = table.get(vector.description());
            assertThat(columns).as("docs/spec.md has a row for %s, such as: %s", vector.description(), expectedLine).isNotNull();
            assertThat(columns[1].replace("`", "").replace(" ", "")).as("bytes of %s; expected %s", vector.description(), expectedLine)
                    .isEqualTo(hex);
            assertThat(columns[2]).as("murmur3 hash of %s; expected %s", vector.description(), expectedLine)
                    .isEqualTo(Integer.toString(row.hashCode()));
            assertThat(columns[3]).as("bucket of 4 of %s; expected %s", vector.description(), expectedLine)
                    .isEqualTo(Integer.toString(BucketFunction.bucket(row, 4)));
            described.add(vector.description());
        }
        assertThat(table.keySet()).as("every row of the spec's table is checked here").containsExactlyElementsOf(described);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Partition directories

    private record PartitionVector(String type, Object value, String description) {}

    @Test
    void thePartitionDirectoriesOfTheSpecAreThoseTheWriterMakes() throws Exception {
        List<PartitionVector> vectors = List.of(
                new PartitionVector("STRING", s("2024-05-01"), "'2024-05-01'"),
                new PartitionVector("STRING", s("a/b c=ü."), "'a/b c=ü.'"),
                new PartitionVector("STRING", s(".."), "'..'"),
                new PartitionVector("STRING", s(""), "'' (empty)"),
                new PartitionVector("STRING", null, "null"),
                new PartitionVector("INT", -7, "-7"),
                new PartitionVector("BIGINT", 20240501L, "20240501"),
                new PartitionVector("BOOLEAN", true, "true"),
                new PartitionVector("FLOAT", 1.5f, "1.5"),
                new PartitionVector("DOUBLE", 0.1d, "0.1"),
                new PartitionVector("DOUBLE", -0.0d, "-0.0"),
                new PartitionVector("DOUBLE", Double.NaN, "NaN"),
                new PartitionVector("DECIMAL(10, 2)", decimal("-12.50"), "-12.50"),
                new PartitionVector("DECIMAL(10, 2)", decimal("0.00"), "0.00"),
                new PartitionVector("DATE", 19844, "2024-05-01"),
                new PartitionVector("DATE", 3000000, "10183-09-21"),
                new PartitionVector("TIME(0)", 36_000_000, "10:00:00"),
                new PartitionVector("TIME(3)", 36_001_500, "10:00:01.500"),
                new PartitionVector("TIMESTAMP(6)", ts("2024-05-01T10:00:00"), "2024-05-01 10:00:00"),
                new PartitionVector("TIMESTAMP(6)", ts("2024-05-01T10:00:30"), "2024-05-01 10:00:30"),
                new PartitionVector("TIMESTAMP(6)", ts("2024-05-01T10:00:00.120"), "2024-05-01 10:00:00.12"),
                new PartitionVector("TIMESTAMP(6)", ts("2024-05-01T10:00:00.123450"), "2024-05-01 10:00:00.12345"),
                new PartitionVector("TIMESTAMP(3) WITH LOCAL TIME ZONE", Timestamp.fromEpochMillis(1714557600000L),
                        "2024-05-01 10:00:00 UTC"));
        String spec = Files.readString(SPEC);
        for (PartitionVector vector : vectors) {
            DataType type = DataTypes.parse(vector.type());
            RowType partitionType = RowType.builder().field("p", type).build();
            BinaryRow partition = InternalRows.toBinaryRow(GenericRow.of(vector.value()), partitionType);
            Path bucket = new TablePaths(new Path("/t"), partitionType).bucketPath(partition, 0);
            String directory = bucket.getParent().getName();
            String line = String.format("| `%s` | %s | `%s` |", vector.type(), vector.description(), directory);
            assertThat(spec).as("docs/spec.md lists the directory of %s %s", vector.type(), vector.description()).contains(line);
        }
        Path escapedName = new TablePaths(new Path("/t"), RowType.builder().field("a b", DataTypes.INT()).build())
                .bucketPath(InternalRows.toBinaryRow(GenericRow.of(1), RowType.builder().field("a b", DataTypes.INT()).build()), 3);
        assertThat(spec).contains("`" + escapedName.getParent().getName() + "/" + escapedName.getName() + "`");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Type strings and aggregate functions

    @Test
    void theTypeStringsOfTheSpecParseAsItSays() throws Exception {
        Map<String, String[]> table = specTable("Type string examples");
        assertThat(table).as("the spec's table of type strings").hasSizeGreaterThan(10);
        for (Map.Entry<String, String[]> row : table.entrySet()) {
            String input = unquote(row.getKey());
            String canonical = unquote(row.getValue()[1]);
            assertThat(DataTypes.parse(input).asSqlString()).as("'%s' parses to", input).isEqualTo(canonical);
            assertThat(DataTypes.parse(canonical).asSqlString()).as("the canonical form '%s' parses back to itself", canonical)
                    .isEqualTo(canonical);
        }
    }

    @Test
    void theSpecListsEveryAggregateFunctionAndWhetherItRetracts() throws Exception {
        Map<String, String[]> table = specTable("Aggregate functions");
        List<String> names = new ArrayList<>();
        for (AggregateFunction function : AggregateFunction.values()) {
            String key = "`" + function.functionName() + "`" + (function == AggregateFunction.DEFAULT ? " (default)" : "");
            String[] columns = table.get(key);
            assertThat(columns).as("docs/spec.md has a row for aggregate function %s", key).isNotNull();
            assertThat(columns[columns.length - 1]).as("retracts column of %s", function.functionName())
                    .startsWith(function.canRetract() ? "yes" : "no");
            names.add(key);
        }
        assertThat(table.keySet()).as("the functions of the spec are exactly those of the code").containsExactlyElementsOf(names);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Physical columns of primary-key data files

    @Test
    void theColumnsOfPrimaryKeyDataFilesAreThoseOfTheSpec() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouseDir.toString(), Map.of());
        catalog.createDatabase("db", true);
        Timestamp wallClock = ts("2024-05-01T10:00:00.123456");       // TIMESTAMP(6): the wall clock, counted as UTC
        Timestamp instant = Timestamp.fromEpochMillis(1714557600123L); // TIMESTAMP(3) WITH LOCAL TIME ZONE: an instant
        for (String format : List.of("orc", "parquet")) {
            Identifier id = Identifier.of("db", "types_" + format);
            catalog.createTable(id, Schema.newBuilder()
                    .column("k", DataTypes.BIGINT())
                    .column("d", DataTypes.DECIMAL(20, 2))
                    .column("ts", DataTypes.TIMESTAMP(6))
                    .column("ltz", DataTypes.TIMESTAMP_LTZ(3))
                    .column("day", DataTypes.DATE())
                    .column("tiny", DataTypes.TINYINT())
                    .primaryKey("k")
                    .option("bucket", "1")
                    .option("file.format", format)
                    .build(), true);
            FileStoreTable table = catalog.getTable(id);
            try (TableWrite write = table.newWrite(false)) {
                write.write(GenericRow.of(7L, Decimal.fromBigDecimal(new BigDecimal("-12.50"), 20, 2), wallClock, instant, 19844, (byte) -1));
                table.newCommit("u").commit(1, write.prepareCommit(true));
            }
            java.nio.file.Path file;
            try (var files = Files.list(warehouseDir.resolve("db.db").resolve(id.table()).resolve("bucket-0"))) {
                file = files.filter(f -> f.getFileName().toString().startsWith("data-")).findFirst().orElseThrow();
            }
            org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
            if (format.equals("orc")) {
                try (org.apache.orc.Reader reader = org.apache.orc.OrcFile.createReader(path, org.apache.orc.OrcFile.readerOptions(conf).useUTCTimestamp(true))) {
                    org.apache.orc.TypeDescription schema = reader.getSchema();
                    assertThat(schema.toString()).isEqualTo("struct<_KEY_k:bigint,_SEQUENCE_NUMBER:bigint,_ROW_KIND:tinyint,"
                            + "k:bigint,d:decimal(20,2),ts:timestamp,ltz:timestamp with local time zone,day:date,tiny:tinyint>");
                    List<String> ids = new ArrayList<>();
                    schema.getChildren().forEach(child -> ids.add(child.getAttributeValue("tstore.field-id")));
                    assertThat(ids).containsExactly("1000000000", "2147483646", "2147483645", "0", "1", "2", "3", "4", "5");
                    org.apache.orc.RecordReader rows = reader.rows();
                    org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch batch = schema.createRowBatch();
                    assertThat(rows.nextBatch(batch)).isTrue();
                    var longs = (org.apache.hadoop.hive.ql.exec.vector.LongColumnVector) batch.cols[2];
                    assertThat(longs.vector[0]).as("_ROW_KIND of +I").isZero();
                    var wall = (org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector) batch.cols[5];
                    assertThat(wall.time[0]).as("ORC TIMESTAMP millis").isEqualTo(1714557600123L);
                    assertThat(wall.nanos[0]).as("ORC TIMESTAMP nanos of the second").isEqualTo(123456000);
                    var ltz = (org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector) batch.cols[6];
                    assertThat(ltz.time[0]).as("ORC TIMESTAMP_LTZ millis").isEqualTo(1714557600123L);
                    var days = (org.apache.hadoop.hive.ql.exec.vector.LongColumnVector) batch.cols[7];
                    assertThat(days.vector[0]).as("ORC DATE").isEqualTo(19844);
                    rows.close();
                }
            } else {
                try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, conf))) {
                    org.apache.parquet.schema.MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                    assertThat(schema.toString().replaceAll("\\s+", " ").trim()).isEqualTo("message tstore_schema { "
                            + "required int64 _KEY_k = 1000000000; "
                            + "required int64 _SEQUENCE_NUMBER = 2147483646; "
                            + "required int32 _ROW_KIND (INTEGER(8,true)) = 2147483645; "
                            + "required int64 k = 0; "
                            + "optional fixed_len_byte_array(9) d (DECIMAL(20,2)) = 1; "
                            + "optional int64 ts (TIMESTAMP(MICROS,false)) = 2; "
                            + "optional int64 ltz (TIMESTAMP(MILLIS,true)) = 3; "
                            + "optional int32 day (DATE) = 4; "
                            + "optional int32 tiny (INTEGER(8,true)) = 5; }");
                }
                try (org.apache.parquet.hadoop.ParquetReader<org.apache.parquet.example.data.Group> reader =
                        org.apache.parquet.hadoop.ParquetReader.builder(new org.apache.parquet.hadoop.example.GroupReadSupport(), path)
                                .withConf(conf).build()) {
                    org.apache.parquet.example.data.Group row = reader.read();
                    assertThat(row.getLong("ts", 0)).as("Parquet TIMESTAMP(6): epoch micros of the wall clock as UTC")
                            .isEqualTo(1714557600123456L);
                    assertThat(row.getLong("ltz", 0)).as("Parquet TIMESTAMP_LTZ(3): epoch millis").isEqualTo(1714557600123L);
                    assertThat(HexFormat.of().formatHex(row.getBinary("d", 0).getBytes()))
                            .as("Parquet DECIMAL(20, 2) -12.50: sign-extended big-endian unscaled").isEqualTo("fffffffffffffffb1e");
                    assertThat(row.getInteger("day", 0)).as("Parquet DATE").isEqualTo(19844);
                    assertThat(row.getInteger("_ROW_KIND", 0)).as("Parquet _ROW_KIND of +I").isZero();
                    assertThat(row.getLong("_SEQUENCE_NUMBER", 0)).as("first sequence number of a bucket").isZero();
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // What a -D carries

    @Test
    void aDeleteInADataFileCarriesItsWrittenRowAndInALookupChangelogTheOldRow() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouseDir.toString(), Map.of());
        catalog.createDatabase("db", true);
        for (String producer : List.of("none", "lookup")) {
            Identifier id = Identifier.of("db", "t_" + producer);
            catalog.createTable(id, Schema.newBuilder()
                    .column("k", DataTypes.BIGINT())
                    .column("v", DataTypes.STRING())
                    .primaryKey("k")
                    .option("bucket", "1")
                    .option("changelog-producer", producer)
                    .build(), true);
            FileStoreTable table = catalog.getTable(id);
            try (TableWrite write = table.newWrite(false)) {
                write.write(GenericRow.of(1L, s("old")));
                table.newCommit("u").commit(1, write.prepareCommit(true));
                GenericRow delete = GenericRow.of(1L, null);   // the key only
                delete.setRowKind(RowKind.DELETE);
                write.write(delete);
                table.newCommit("u").commit(2, write.prepareCommit(true));
            }
            DataReadBuilder builder = table.copy(Map.of("scan.mode", "from-snapshot", "scan.snapshot-id", "2")).newReadBuilder();
            StreamTableScan scan = builder.newStreamScan();
            TableRead read = builder.newRead();
            List<String> changes = new ArrayList<>();
            for (int poll = 0; poll < 3; poll++) {
                for (Split split : scan.plan().splits()) {
                    try (RecordReader<InternalRow> rows = read.createReader(split)) {
                        for (InternalRow row = rows.read(); row != null; row = rows.read()) {
                            changes.add(row.getRowKind().shortString() + " " + row.getLong(0) + " "
                                    + (row.isNullAt(1) ? "null" : row.getString(1).toString()));
                        }
                    }
                }
            }
            assertThat(changes).as("changes of the delete, changelog-producer %s", producer)
                    .containsExactly(producer.equals("none") ? "-D 1 null" : "-D 1 old");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The rows of the markdown table that follows {@code <!-- spec-table: title -->}, by their first column; each
     * value is all columns, trimmed.
     */
    private static Map<String, String[]> specTable(String title) throws Exception {
        String spec = Files.readString(SPEC);
        String marker = "<!-- spec-table: " + title + " -->";
        int at = spec.indexOf(marker);
        assertThat(at).as("docs/spec.md has the marker %s", marker).isGreaterThanOrEqualTo(0);
        Map<String, String[]> rows = new LinkedHashMap<>();
        Iterator<String> lines = spec.substring(at + marker.length()).lines().iterator();
        String line = lines.next();
        while (line.isBlank()) {
            line = lines.next();
        }
        lines.next(); // the separator after the header
        while (lines.hasNext() && (line = lines.next()).startsWith("|")) {
            String[] columns = splitRow(line);
            assertThat(rows.put(columns[0], columns)).as("row %s appears once", columns[0]).isNull();
        }
        return rows;
    }

    /** The cells of a markdown table row; a '|' inside backticks is part of its cell. */
    private static String[] splitRow(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells.toArray(new String[0]);
    }

    private static String unquote(String cell) {
        Matcher m = Pattern.compile("^(`+) ?(.*?) ?\\1$").matcher(cell);
        assertThat(m.matches()).as("cell %s is in backticks", cell).isTrue();
        return m.group(2);
    }

    private static RowType rowOf(DataType... types) {
        RowType.Builder builder = RowType.builder();
        for (int i = 0; i < types.length; i++) {
            builder.field("f" + i, types[i]);
        }
        return builder.build();
    }

    private static BinaryString s(String value) {
        return BinaryString.fromString(value);
    }

    private static Decimal decimal(String value) {
        return Decimal.fromBigDecimal(new BigDecimal(value), 10, 2);
    }

    private static Timestamp ts(String localDateTime) {
        return Timestamp.fromLocalDateTime(LocalDateTime.parse(localDateTime));
    }
}
