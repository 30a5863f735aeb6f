package io.tstore.spark.read;

import io.tstore.core.data.ValueGetters;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.DataSplit;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Split;
import io.tstore.core.types.DataType;
import io.tstore.spark.SparkTypes;
import io.tstore.spark.data.ToSpark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.read.partitioning.KeyGroupedPartitioning;
import org.apache.spark.sql.connector.read.partitioning.Partitioning;
import org.apache.spark.sql.connector.read.partitioning.UnknownPartitioning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The partitioning a bucketed scan reports to Spark: every split holds rows of one partition and one bucket, so the
 * scan is key-grouped by the partition columns and {@link KeyBucketFunction} of the bucket key, and Spark joins or
 * aggregates on the primary key without a shuffle. Reported only where that is safe: a primary-key table (its
 * buckets hold whole keys) with a bucket key of one column (Spark 3.5 groups by transforms of one column), every
 * split of a data table with the table's number of buckets (none left over from before a change of {@code bucket}),
 * and a bucket key type that hashes alike from Spark's values (the core type Spark's type maps back to).
 */
final class BucketedPartitioning {
    private final FileStoreTable table;
    private final List<String> partitionKeys;
    private final ValueGetters.PositionGetter[] partitionGetters;

    private BucketedPartitioning(FileStoreTable table) {
        this.table = table;
        this.partitionKeys = table.partitionKeys();
        this.partitionGetters = ToSpark.fields(table.schema().logicalPartitionType());
    }

    /** The partitioning of a scan of these splits, or null when it is not bucketed. */
    static BucketedPartitioning of(io.tstore.core.table.Table table, List<Split> splits) {
        if (!(table instanceof FileStoreTable data) || !data.hasPrimaryKey() || splits.isEmpty()) {
            return null;
        }
        int buckets = data.options().get(CoreOptions.BUCKET);
        for (Split split : splits) {
            if (!(split instanceof DataSplit dataSplit) || dataSplit.totalBuckets() != buckets) {
                return null;
            }
        }
        TableSchema schema = data.schema();
        if (schema.bucketKeys().size() != 1) {
            return null; // Spark 3.5 groups by a transform of one column only
        }
        for (DataType type : schema.logicalBucketKeyType().fieldTypes()) {
            DataType roundTrip = SparkTypes.toCore(SparkTypes.toSpark(type), "key");
            if (!roundTrip.copy(true).equals(type.copy(true))) {
                return null;
            }
        }
        return new BucketedPartitioning(data);
    }

    /** Spark's partitioning: the partition columns, then the bucket of the bucket key. */
    Partitioning partitioning(List<Split> splits) {
        List<Expression> keys = new ArrayList<>();
        for (String partitionKey : partitionKeys) {
            keys.add(Expressions.identity(partitionKey));
        }
        List<Expression> bucketKey = new ArrayList<>();
        for (String column : table.schema().bucketKeys()) {
            bucketKey.add(Expressions.column(column));
        }
        keys.add(Expressions.apply(KeyBucketFunction.name(table.options().get(CoreOptions.BUCKET)),
                bucketKey.toArray(new Expression[0])));
        Set<InternalRow> distinct = new HashSet<>();
        for (Split split : splits) {
            distinct.add(key(split));
        }
        return new KeyGroupedPartitioning(keys.toArray(new Expression[0]), distinct.size());
    }

    /** A split's partition key in Spark's form: its partition values, then its bucket. */
    InternalRow key(Split split) {
        DataSplit dataSplit = (DataSplit) split;
        Object[] values = new Object[partitionGetters.length + 1];
        for (int i = 0; i < partitionGetters.length; i++) {
            values[i] = dataSplit.partition().isNullAt(i) ? null : partitionGetters[i].get(dataSplit.partition(), i);
        }
        values[partitionGetters.length] = dataSplit.bucket();
        return new GenericInternalRow(values);
    }

    /** The partitioning of a scan that is not bucketed. */
    static Partitioning unknown(List<Split> splits) {
        return new UnknownPartitioning(splits.size());
    }
}
