package io.tstore.spark.procedures;

import static java.util.Objects.requireNonNull;

import io.tstore.core.catalog.Catalog;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.procedures.BoundProcedure;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One of the engine-neutral {@link Procedures} as a Spark 4 procedure ({@code CALL tstore.system.<name>(...)}):
 * Spark binds the arguments (by position or {@code name => value}, cast to the parameters' types, optional ones
 * NULL when not given), and the result rows come back as one local scan.
 */
public final class SparkProcedure implements UnboundProcedure, BoundProcedure {
    private final Procedure procedure;
    private final Supplier<Catalog> catalog;

    public SparkProcedure(Procedure procedure, Supplier<Catalog> catalog) {
        this.procedure = requireNonNull(procedure, "procedure is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public String name() {
        return procedure.name();
    }

    @Override
    public String description() {
        return procedure.description();
    }

    @Override
    public BoundProcedure bind(StructType inputType) {
        return this;
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }

    @Override
    public org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter[] parameters() {
        return procedure.parameters().stream().map(parameter -> {
            var builder = org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter
                    .in(parameter.name(), sparkType(parameter.type()));
            return parameter.required() ? builder.build() : builder.defaultValue("NULL").build();
        }).toArray(org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter[]::new);
    }

    @Override
    public Iterator<Scan> call(InternalRow input) {
        List<ProcedureParameter> parameters = procedure.parameters();
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            positional.add(input.isNullAt(i) ? null : value(parameters.get(i).type(), input, i));
        }
        List<Object[]> rows;
        try {
            rows = procedure.call(catalog.get(), ProcedureArguments.bind(procedure, positional, Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("Procedure " + procedure.fullName() + " failed: " + e.getMessage(), e);
        }
        List<StructField> fields = new ArrayList<>();
        for (ProcedureParameter column : procedure.result()) {
            fields.add(DataTypes.createStructField(column.name(), sparkType(column.type()), true));
        }
        InternalRow[] result = rows.stream().map(values -> {
            Object[] converted = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                converted[i] = values[i] instanceof String text ? UTF8String.fromString(text) : values[i];
            }
            return (InternalRow) new GenericInternalRow(converted);
        }).toArray(InternalRow[]::new);
        return List.<Scan>of(new Result(DataTypes.createStructType(fields), result)).iterator();
    }

    private static Object value(ProcedureParameter.Type type, InternalRow input, int i) {
        return switch (type) {
            case STRING -> input.getUTF8String(i).toString();
            case LONG -> input.getLong(i);
            case TIMESTAMP -> {
                long micros = input.getLong(i);
                yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            }
            case SNAPSHOT_OR_TAG -> {
                String text = input.getUTF8String(i).toString();
                // Spark casts a snapshot id to the parameter's text type: a number is a snapshot id.
                yield text.matches("-?\\d{1,18}") ? (Object) Long.parseLong(text) : text;
            }
        };
    }

    private static DataType sparkType(ProcedureParameter.Type type) {
        return switch (type) {
            case STRING, SNAPSHOT_OR_TAG -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    /** The result rows of a call. */
    private record Result(StructType readSchema, InternalRow[] rows) implements LocalScan {}
}
