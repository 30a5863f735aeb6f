package io.tstore.spark.read;

import io.tstore.core.connector.BucketAssigner;
import io.tstore.core.data.GenericRow;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import io.tstore.spark.SparkTypes;
import io.tstore.spark.data.ToCore;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code key_bucket_<n>(columns...)}: the bucket, among {@code n}, of a row whose bucket key has these values, as the
 * table's writers compute it (the core's {@link BucketAssigner}). A bucketed scan reports its partitioning by it
 * ({@link BucketedPartitioning}); its canonical name holds the number of buckets and the key's core types, so Spark
 * takes two scans as partitioned alike only when their buckets hash alike.
 */
public final class KeyBucketFunction implements UnboundFunction {
    public static final String PREFIX = "key_bucket_";

    private final int numBuckets;

    public KeyBucketFunction(int numBuckets) {
        if (numBuckets < 1) {
            throw new IllegalArgumentException("A bucket function needs at least 1 bucket, got " + numBuckets);
        }
        this.numBuckets = numBuckets;
    }

    /** The function's name for a number of buckets. */
    public static String name(int numBuckets) {
        return PREFIX + numBuckets;
    }

    /** The number of buckets a function name stands for, when it is one of these functions. */
    public static OptionalInt numBuckets(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith(PREFIX) || !lower.substring(PREFIX.length()).matches("[1-9]\\d{0,8}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(lower.substring(PREFIX.length())));
    }

    @Override
    public String name() {
        return name(numBuckets);
    }

    @Override
    public String description() {
        return name() + "(columns...): the bucket among " + numBuckets + " of a tstore bucket key";
    }

    @Override
    public BoundFunction bind(StructType inputType) {
        if (inputType.fields().length == 0) {
            throw new UnsupportedOperationException(name() + " takes the bucket key columns, got none");
        }
        return new Bound(inputType, numBuckets);
    }

    /** The core type of rows of these columns. */
    private static RowType keyTypeOf(StructType inputType) {
        List<DataField> fields = new ArrayList<>();
        for (StructField field : inputType.fields()) {
            fields.add(new DataField(fields.size(), "k" + fields.size(), SparkTypes.toCore(field.dataType(), field.name())));
        }
        return new RowType(fields);
    }

    private static final class Bound implements ScalarFunction<Integer> {
        private static final long serialVersionUID = 1L;
        private final StructType inputType;
        private final int numBuckets;
        private final ToCore[] fields;
        // Not serializable: rebuilt from the input type where the function travels to (it goes with Spark's plans).
        private transient RowType keyType;
        private transient BucketAssigner assigner;

        Bound(StructType inputType, int numBuckets) {
            this.inputType = inputType;
            this.numBuckets = numBuckets;
            this.keyType = keyTypeOf(inputType);
            this.fields = ToCore.fields(keyType);
        }

        private RowType keyType() {
            if (keyType == null) {
                keyType = keyTypeOf(inputType);
            }
            return keyType;
        }

        @Override
        public org.apache.spark.sql.types.DataType[] inputTypes() {
            org.apache.spark.sql.types.DataType[] types = new org.apache.spark.sql.types.DataType[inputType.fields().length];
            for (int i = 0; i < types.length; i++) {
                types[i] = inputType.fields()[i].dataType();
            }
            return types;
        }

        @Override
        public org.apache.spark.sql.types.DataType resultType() {
            return DataTypes.IntegerType;
        }

        @Override
        public boolean isResultNullable() {
            return false;
        }

        @Override
        public String name() {
            return KeyBucketFunction.name(numBuckets);
        }

        @Override
        public String canonicalName() {
            List<String> types = new ArrayList<>();
            for (DataType type : keyType().fieldTypes()) {
                types.add(type.copy(true).toString());
            }
            return "tstore.key_bucket(" + numBuckets + ", " + String.join(", ", types) + ")";
        }

        @Override
        public Integer produceResult(InternalRow input) {
            if (assigner == null) {
                assigner = BucketAssigner.ofBucketKey(keyType(), numBuckets);
            }
            GenericRow key = new GenericRow(fields.length);
            for (int i = 0; i < fields.length; i++) {
                key.setField(i, fields[i].convert(input, i));
            }
            return assigner.bucket(key);
        }
    }
}
