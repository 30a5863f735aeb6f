package io.tstore.spark;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.VarcharType;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates between the core's types and Spark's. Both ways cover every type either side has:
 *
 * <pre>
 * core                          Spark
 * BOOLEAN .. DOUBLE             BooleanType .. DoubleType
 * DECIMAL(p, s)                 DecimalType(p, s)
 * CHAR(n), VARCHAR(n), STRING   StringType (Spark's CHAR/VARCHAR become STRING)
 * BINARY(n), VARBINARY(n)       BinaryType
 * DATE                          DateType
 * TIME(p)                       StringType, read only ('HH:mm:ss[.fff]'): Spark 3.5 has no time type
 * TIMESTAMP(p)                  TimestampNTZType (microseconds: precision above 6 is cut on read)
 * TIMESTAMP_LTZ(p)              TimestampType
 * ARRAY, MAP, ROW               ArrayType, MapType, StructType (nullability of elements, values and fields kept)
 * </pre>
 */
public final class SparkTypes {
    private SparkTypes() {}

    /** The Spark type of a core type. */
    public static org.apache.spark.sql.types.DataType toSpark(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return org.apache.spark.sql.types.DataTypes.BooleanType;
            case TINYINT:
                return org.apache.spark.sql.types.DataTypes.ByteType;
            case SMALLINT:
                return org.apache.spark.sql.types.DataTypes.ShortType;
            case INT:
                return org.apache.spark.sql.types.DataTypes.IntegerType;
            case BIGINT:
                return org.apache.spark.sql.types.DataTypes.LongType;
            case FLOAT:
                return org.apache.spark.sql.types.DataTypes.FloatType;
            case DOUBLE:
                return org.apache.spark.sql.types.DataTypes.DoubleType;
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                return org.apache.spark.sql.types.DataTypes.createDecimalType(decimal.precision(), decimal.scale());
            }
            case CHAR:
            case VARCHAR:
            case TIME:
                return org.apache.spark.sql.types.DataTypes.StringType;
            case BINARY:
            case VARBINARY:
                return org.apache.spark.sql.types.DataTypes.BinaryType;
            case DATE:
                return org.apache.spark.sql.types.DataTypes.DateType;
            case TIMESTAMP:
                return org.apache.spark.sql.types.DataTypes.TimestampNTZType;
            case TIMESTAMP_LTZ:
                return org.apache.spark.sql.types.DataTypes.TimestampType;
            case ARRAY: {
                DataType element = ((ArrayType) type).elementType();
                return org.apache.spark.sql.types.DataTypes.createArrayType(toSpark(element), element.isNullable());
            }
            case MAP: {
                MapType map = (MapType) type;
                return org.apache.spark.sql.types.DataTypes.createMapType(
                        toSpark(map.keyType()), toSpark(map.valueType()), map.valueType().isNullable());
            }
            case ROW:
                return toSpark((RowType) type);
            default:
                throw new UnsupportedOperationException("Type " + type + " has no Spark type");
        }
    }

    /** The Spark struct of a core row type: one field per column, with its nullability and comment. */
    public static StructType toSpark(RowType rowType) {
        List<StructField> fields = new ArrayList<>();
        for (DataField field : rowType.fields()) {
            Metadata metadata = field.description() == null
                    ? Metadata.empty()
                    : new org.apache.spark.sql.types.MetadataBuilder().putString("comment", field.description()).build();
            fields.add(new StructField(field.name(), toSpark(field.type()), field.type().isNullable(), metadata));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /**
     * The core type of a Spark type (nullable; the caller applies the column's nullability).
     *
     * @param column the column it is for, named in the error when Spark's type has no core type
     */
    public static DataType toCore(org.apache.spark.sql.types.DataType type, String column) {
        if (type instanceof org.apache.spark.sql.types.BooleanType) {
            return DataTypes.BOOLEAN();
        } else if (type instanceof org.apache.spark.sql.types.ByteType) {
            return DataTypes.TINYINT();
        } else if (type instanceof org.apache.spark.sql.types.ShortType) {
            return DataTypes.SMALLINT();
        } else if (type instanceof org.apache.spark.sql.types.IntegerType) {
            return DataTypes.INT();
        } else if (type instanceof org.apache.spark.sql.types.LongType) {
            return DataTypes.BIGINT();
        } else if (type instanceof org.apache.spark.sql.types.FloatType) {
            return DataTypes.FLOAT();
        } else if (type instanceof org.apache.spark.sql.types.DoubleType) {
            return DataTypes.DOUBLE();
        } else if (type instanceof org.apache.spark.sql.types.DecimalType decimal) {
            return DataTypes.DECIMAL(decimal.precision(), decimal.scale());
        } else if (type instanceof org.apache.spark.sql.types.StringType || type instanceof CharType
                || type instanceof VarcharType) {
            return DataTypes.STRING();
        } else if (type instanceof org.apache.spark.sql.types.BinaryType) {
            return DataTypes.BYTES();
        } else if (type instanceof org.apache.spark.sql.types.DateType) {
            return DataTypes.DATE();
        } else if (type instanceof org.apache.spark.sql.types.TimestampNTZType) {
            return DataTypes.TIMESTAMP(6);
        } else if (type instanceof org.apache.spark.sql.types.TimestampType) {
            return DataTypes.TIMESTAMP_LTZ(6);
        } else if (type instanceof org.apache.spark.sql.types.ArrayType array) {
            return DataTypes.ARRAY(toCore(array.elementType(), column).copy(array.containsNull()));
        } else if (type instanceof org.apache.spark.sql.types.MapType map) {
            return DataTypes.MAP(toCore(map.keyType(), column).notNull(),
                    toCore(map.valueType(), column).copy(map.valueContainsNull()));
        } else if (type instanceof StructType struct) {
            return toCore(struct, column);
        }
        throw new IllegalArgumentException("Column '" + column + "' has Spark type " + type.simpleString()
                + ", which tstore tables cannot store");
    }

    /** The core row type of a Spark struct (field ids from 0, in order: the catalog assigns the table's ids). */
    public static RowType toCore(StructType struct, String column) {
        List<DataField> fields = new ArrayList<>();
        int id = 0;
        for (StructField field : struct.fields()) {
            String name = column == null ? field.name() : column + "." + field.name();
            DataType type = toCore(field.dataType(), name).copy(field.nullable());
            String comment = field.getComment().isDefined() ? field.getComment().get() : null;
            fields.add(new DataField(id++, field.name(), type, comment));
        }
        return new RowType(fields);
    }
}
