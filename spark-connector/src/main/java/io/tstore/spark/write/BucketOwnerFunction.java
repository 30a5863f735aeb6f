package io.tstore.spark.write;

import io.tstore.core.connector.BucketOwner;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.RowProjection;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypeJson;
import io.tstore.core.types.RowType;
import io.tstore.spark.data.ToCore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bucket_owner(tasks, buckets, spec, columns...)}: the value a write clusters a row on so that the row lands
 * on the task that owns its (partition, bucket) among {@code tasks} ({@link BucketOwner}), and no other task
 * writes that bucket. {@code spec} is JSON naming the columns' core types, the partition keys and the bucket key
 * (a row's partition and bucket are computed from the table's own types, as the table's writer computes them);
 * {@code columns} are the values of those columns. The result is the task's value from {@link OwnerValues}, which
 * Spark's hash sends to exactly that task.
 */
public final class BucketOwnerFunction implements UnboundFunction {
    public static final String NAME = "bucket_owner";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The clustering expression of a write of {@code table}'s rows by {@code tasks} tasks. */
    static Expression clustering(io.tstore.core.schema.TableSchema schema, int buckets, int tasks) {
        List<String> columns = new ArrayList<>();
        for (String column : schema.fieldNames()) {
            if (schema.partitionKeys().contains(column) || schema.bucketKeys().contains(column)) {
                columns.add(column);
            }
        }
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode fields = spec.putArray("fields");
        for (String column : columns) {
            fields.add(DataTypeJson.fieldToJson(schema.rowType().field(column)));
        }
        schema.partitionKeys().forEach(spec.putArray("partitionKeys")::add);
        schema.bucketKeys().forEach(spec.putArray("bucketKeys")::add);
        List<Expression> arguments = new ArrayList<>();
        arguments.add(Expressions.literal(tasks));
        arguments.add(Expressions.literal(buckets));
        arguments.add(Expressions.literal(spec.toString()));
        for (String column : columns) {
            arguments.add(Expressions.column(column));
        }
        return Expressions.apply(NAME, arguments.toArray(new Expression[0]));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return NAME + "(tasks INT, buckets INT, spec STRING, columns...): the clustering value of a row's writer task "
                + "in tstore writes";
    }

    @Override
    public BoundFunction bind(StructType inputType) {
        if (inputType.fields().length < 3
                || !inputType.fields()[0].dataType().equals(DataTypes.IntegerType)
                || !inputType.fields()[1].dataType().equals(DataTypes.IntegerType)
                || !inputType.fields()[2].dataType().equals(DataTypes.StringType)) {
            throw new UnsupportedOperationException(NAME + " takes (tasks INT, buckets INT, spec STRING, columns...), got "
                    + inputType.simpleString());
        }
        DataType[] types = new DataType[inputType.fields().length];
        for (int i = 0; i < types.length; i++) {
            types[i] = inputType.fields()[i].dataType();
        }
        return new Bound(types);
    }

    /** The function bound to its argument types; it parses the spec once per distinct spec it sees. */
    static final class Bound implements ScalarFunction<Integer> {
        private static final long serialVersionUID = 1L;
        private final DataType[] inputTypes;
        private transient UTF8String specText;
        private transient Spec spec;

        Bound(DataType[] inputTypes) {
            this.inputTypes = inputTypes;
        }

        @Override
        public DataType[] inputTypes() {
            return inputTypes;
        }

        @Override
        public DataType resultType() {
            return DataTypes.IntegerType;
        }

        @Override
        public boolean isResultNullable() {
            return false;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String canonicalName() {
            return "tstore." + NAME;
        }

        @Override
        public Integer produceResult(InternalRow input) {
            int tasks = input.getInt(0);
            int buckets = input.getInt(1);
            UTF8String text = input.getUTF8String(2);
            if (spec == null || !text.equals(specText)) {
                spec = new Spec(text.toString());
                specText = text.clone();
            }
            GenericRow row = new GenericRow(spec.fields.length);
            for (int i = 0; i < spec.fields.length; i++) {
                row.setField(i, spec.fields[i].convert(input, i + 3));
            }
            BinaryRow partition = spec.partition.apply(row);
            // TODO(connector-layer): the bucket extractor, once it lands, instead of the table's bucket formula here.
            int bucket = Math.floorMod(spec.bucketKey.apply(row).hashCode(), buckets);
            return OwnerValues.of(tasks)[BucketOwner.of(partition, bucket, tasks)];
        }
    }

    /** The parsed spec: converters of the columns, and projections to the partition and the bucket key. */
    private static final class Spec {
        final ToCore[] fields;
        final RowProjection partition;
        final RowProjection bucketKey;

        Spec(String text) {
            try {
                JsonNode json = JSON.readTree(text);
                List<DataField> columns = new ArrayList<>();
                json.get("fields").forEach(field -> columns.add(DataTypeJson.fieldFromJson(field)));
                RowType rowType = new RowType(columns);
                this.fields = ToCore.fields(rowType);
                this.partition = RowProjection.of(rowType, names(json.get("partitionKeys")));
                this.bucketKey = RowProjection.of(rowType, names(json.get("bucketKeys")));
            } catch (IOException e) {
                throw new UncheckedIOException("Not a spec of " + NAME + ": " + text, e);
            }
        }

        private static List<String> names(JsonNode array) {
            List<String> names = new ArrayList<>();
            array.forEach(name -> names.add(name.asText()));
            return names;
        }
    }
}
