package io.tstore.spark.write;

import io.tstore.core.connector.BucketAssigner;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.FileIO;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.RowType;
import io.tstore.spark.data.ToCore;

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

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code bucket_owner(tasks, table, columns...)}: the value a write clusters a row on so that the row lands on the
 * task that owns its (partition, bucket) among {@code tasks}, and no other task writes that bucket. {@code table} is
 * the table's handle as JSON ({@link TableHandle#toJson}); {@code columns} are the values of its partition and
 * bucket key columns, in the table's column order. The partition, the bucket and the owner task come from the
 * core's {@link BucketAssigner}, as the table's writers compute them. The result is the task's value from
 * {@link OwnerValues}, which Spark's hash sends to exactly that task.
 */
public final class BucketOwnerFunction implements UnboundFunction {
    public static final String NAME = "bucket_owner";

    private final FileIO fileIO;

    /** @param fileIO the catalog's file IO, to reopen tables from their handles (no file is read) */
    public BucketOwnerFunction(FileIO fileIO) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
    }

    /** The clustering expression of a write of {@code table}'s rows by {@code tasks} tasks. */
    static Expression clustering(FileStoreTable table, int tasks) {
        List<Expression> arguments = new ArrayList<>();
        arguments.add(Expressions.literal(tasks));
        arguments.add(Expressions.literal(TableHandle.of(table).toJson()));
        for (String column : keyColumns(table.schema())) {
            arguments.add(Expressions.column(column));
        }
        return Expressions.apply(NAME, arguments.toArray(new Expression[0]));
    }

    /** The partition and bucket key columns, in the table's column order. */
    private static List<String> keyColumns(TableSchema schema) {
        List<String> columns = new ArrayList<>();
        for (String column : schema.fieldNames()) {
            if (schema.partitionKeys().contains(column) || schema.bucketKeys().contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return NAME + "(tasks INT, table STRING, columns...): the clustering value of a row's writer task in tstore writes";
    }

    @Override
    public BoundFunction bind(StructType inputType) {
        if (inputType.fields().length < 2
                || !inputType.fields()[0].dataType().equals(DataTypes.IntegerType)
                || !inputType.fields()[1].dataType().equals(DataTypes.StringType)) {
            throw new UnsupportedOperationException(NAME + " takes (tasks INT, table STRING, columns...), got "
                    + inputType.simpleString());
        }
        DataType[] types = new DataType[inputType.fields().length];
        for (int i = 0; i < types.length; i++) {
            types[i] = inputType.fields()[i].dataType();
        }
        return new Bound(types, fileIO);
    }

    /** The function bound to its argument types; it reopens the table once per distinct handle it sees. */
    static final class Bound implements ScalarFunction<Integer> {
        private static final long serialVersionUID = 2L;
        private final DataType[] inputTypes;
        private final FileIO fileIO;
        private transient UTF8String handleText;
        private transient Assigner assigner;

        Bound(DataType[] inputTypes, FileIO fileIO) {
            this.inputTypes = inputTypes;
            this.fileIO = fileIO;
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
            UTF8String text = input.getUTF8String(1);
            if (assigner == null || !text.equals(handleText)) {
                assigner = new Assigner(TableHandle.fromJson(text.toString(), fileIO).loadDataTable());
                handleText = text.clone();
            }
            return OwnerValues.of(tasks)[assigner.owner(input, tasks)];
        }
    }

    /** A table's bucket assigner, with the converters of the key columns into a row of the table's width. */
    private static final class Assigner {
        final BucketAssigner assigner;
        final int[] positions;
        final ToCore[] fields;
        final GenericRow row;

        Assigner(FileStoreTable table) {
            this.assigner = BucketAssigner.of(table);
            RowType rowType = table.rowType();
            List<String> columns = keyColumns(table.schema());
            ToCore[] all = ToCore.fields(rowType);
            this.positions = new int[columns.size()];
            this.fields = new ToCore[columns.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = rowType.fieldNames().indexOf(columns.get(i));
                fields[i] = all[positions[i]];
            }
            this.row = new GenericRow(rowType.fieldCount());
        }

        int owner(InternalRow input, int tasks) {
            for (int i = 0; i < positions.length; i++) {
                row.setField(positions[i], fields[i].convert(input, i + 2));
            }
            return assigner.owner(row, tasks);
        }
    }
}
