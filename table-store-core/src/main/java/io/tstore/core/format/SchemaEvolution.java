package io.tstore.core.format;

import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeCasts;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How the rows of a data file written under one schema are read under another: fields are matched by id, never by
 * name or position, so that
 * <ul>
 *   <li>a renamed field still reads its column;</li>
 *   <li>a field the file does not have (added later) reads as null;</li>
 *   <li>a column the read type does not have (dropped, or not projected) is not read at all;</li>
 *   <li>a column whose type was widened ({@link DataTypeCasts#canWiden}, e.g. INT to BIGINT, FLOAT to DOUBLE, a
 *       larger DECIMAL precision) is cast to the new type.</li>
 * </ul>
 * Nested rows are matched by id too, at every depth, so fields of a ROW, of the elements of an ARRAY and of the
 * values of a MAP may be renamed, added, dropped and widened like top-level ones. Map keys must keep their type.
 *
 * <p>A format reader reads the columns of {@link #fileReadType()} (file names and file types, in the order the read
 * type needs them) into a row of internal values, and {@link #evolve} turns that row into a row of the read type.
 */
public final class SchemaEvolution {
    private final RowType readRowType;
    private final RowType fileReadType;
    /** For each read field, its position in {@link #fileReadType}, or -1 when the file does not have it. */
    private final int[] sourcePositions;
    private final ValueCast[] casts;
    private final boolean identity;

    private SchemaEvolution(RowType fileRowType, RowType readRowType) {
        this.readRowType = readRowType;
        List<DataField> fileFields = new ArrayList<>();
        this.sourcePositions = new int[readRowType.fieldCount()];
        this.casts = new ValueCast[readRowType.fieldCount()];
        boolean same = true;
        for (int i = 0; i < readRowType.fieldCount(); i++) {
            DataField readField = readRowType.fields().get(i);
            int filePosition = fileRowType.fieldIndexById(readField.id());
            if (filePosition < 0) {
                checkMayBeMissing(readField, readField.name());
                sourcePositions[i] = -1;
                same = false;
                continue;
            }
            DataField fileField = fileRowType.fields().get(filePosition);
            sourcePositions[i] = fileFields.size();
            fileFields.add(fileField);
            casts[i] = castFor(fileField.type(), readField.type(), readField.name(), readField.id());
            same &= casts[i] == null;
        }
        this.fileReadType = new RowType(fileRowType.isNullable(), fileFields);
        this.identity = same;
    }

    /** The evolution from rows of {@code fileRowType} (the schema a file was written with) to {@code readRowType}. */
    public static SchemaEvolution of(RowType fileRowType, RowType readRowType) {
        requireNonNull(fileRowType, "fileRowType is null");
        requireNonNull(readRowType, "readRowType is null");
        return new SchemaEvolution(fileRowType, readRowType);
    }

    /** The columns of the file to read: file fields (names, ids and types as written), in the read type's order. */
    public RowType fileReadType() {
        return fileReadType;
    }

    public RowType readRowType() {
        return readRowType;
    }

    /** Whether {@link #evolve} returns its argument: the file has every read field, with the same type. */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * Turns a row of {@link #fileReadType()} with values in their internal forms (as {@link GenericRow} holds them)
     * into a row of the read type. Returns the row itself when {@link #isIdentity()}.
     */
    public GenericRow evolve(GenericRow fileRow) {
        if (identity) {
            return fileRow;
        }
        Object[] values = new Object[sourcePositions.length];
        for (int i = 0; i < values.length; i++) {
            int source = sourcePositions[i];
            if (source >= 0) {
                Object value = fileRow.getField(source);
                values[i] = value == null || casts[i] == null ? value : casts[i].cast(value);
            }
        }
        GenericRow row = GenericRow.of(values);
        row.setRowKind(fileRow.getRowKind());
        return row;
    }

    /** Converts a non-null value of a file type to the read type. */
    @FunctionalInterface
    private interface ValueCast {
        Object cast(Object value);
    }

    /** The cast from one type to another, or null when values need none; fails when the types are incompatible. */
    private static ValueCast castFor(DataType from, DataType to, String path, int id) {
        switch (to.root()) {
            case ARRAY:
                if (from instanceof ArrayType fromArray) {
                    ValueCast element = castFor(fromArray.elementType(), ((ArrayType) to).elementType(), path + ".element", id);
                    return element == null ? null : value -> castArray((InternalArray) value, fromArray.elementType(), element);
                }
                break;
            case MAP:
                if (from instanceof MapType fromMap) {
                    MapType toMap = (MapType) to;
                    if (castFor(fromMap.keyType(), toMap.keyType(), path + ".key", id) != null) {
                        throw incompatible(from, to, path, id, "map keys must keep their type");
                    }
                    ValueCast valueCast = castFor(fromMap.valueType(), toMap.valueType(), path + ".value", id);
                    return valueCast == null ? null : value -> castMap((InternalMap) value, fromMap, valueCast);
                }
                break;
            case ROW:
                if (from instanceof RowType fromRow) {
                    return castRow(fromRow, (RowType) to, path, id);
                }
                break;
            default:
                if (from.root().isNested()) {
                    break;
                }
                if (from.copy(true).equals(to.copy(true))) {
                    return null;
                }
                if (DataTypeCasts.canWiden(from.copy(true), to.copy(true))) {
                    return widening(from, to);
                }
                throw incompatible(from, to, path, id, from.root() + " does not widen to " + to.root());
        }
        throw incompatible(from, to, path, id, "the kinds of type differ");
    }

    /** The cast of an atomic value to a type that {@link DataTypeCasts#canWiden} allows. */
    private static ValueCast widening(DataType from, DataType to) {
        switch (to.root()) {
            case SMALLINT:
                return value -> ((Number) value).shortValue();
            case INT:
                return value -> ((Number) value).intValue();
            case BIGINT:
                return value -> ((Number) value).longValue();
            case DOUBLE:
                return value -> ((Number) value).doubleValue();
            case DECIMAL: {
                int precision = ((DecimalType) to).precision();
                int scale = ((DecimalType) to).scale();
                return value -> Decimal.fromBigDecimal(((Decimal) value).toBigDecimal(), precision, scale);
            }
            default:
                // CHAR/VARCHAR to a longer VARCHAR, BINARY/VARBINARY to a longer VARBINARY: the same internal form.
                return null;
        }
    }

    private static ValueCast castRow(RowType from, RowType to, String path, int id) {
        int[] sources = new int[to.fieldCount()];
        ValueCast[] fieldCasts = new ValueCast[to.fieldCount()];
        InternalRow.FieldGetter[] getters = new InternalRow.FieldGetter[to.fieldCount()];
        boolean same = from.fieldCount() == to.fieldCount();
        for (int i = 0; i < to.fieldCount(); i++) {
            DataField toField = to.fields().get(i);
            String fieldPath = path + "." + toField.name();
            int source = from.fieldIndexById(toField.id());
            sources[i] = source;
            if (source < 0) {
                checkMayBeMissing(toField, fieldPath);
                same = false;
                continue;
            }
            DataField fromField = from.fields().get(source);
            getters[i] = InternalRow.createFieldGetter(fromField.type(), source);
            fieldCasts[i] = castFor(fromField.type(), toField.type(), fieldPath, toField.id());
            same &= source == i && fieldCasts[i] == null;
        }
        if (same) {
            return null;
        }
        return value -> {
            InternalRow row = (InternalRow) value;
            Object[] values = new Object[sources.length];
            for (int i = 0; i < values.length; i++) {
                if (sources[i] >= 0) {
                    Object field = getters[i].getFieldOrNull(row);
                    values[i] = field == null || fieldCasts[i] == null ? field : fieldCasts[i].cast(field);
                }
            }
            return GenericRow.of(values);
        };
    }

    private static Object castArray(InternalArray array, DataType fromElementType, ValueCast element) {
        InternalArray.ElementGetter getter = InternalArray.createElementGetter(fromElementType);
        Object[] elements = new Object[array.size()];
        for (int i = 0; i < elements.length; i++) {
            Object value = getter.getElementOrNull(array, i);
            elements[i] = value == null ? null : element.cast(value);
        }
        return new GenericArray(elements);
    }

    private static Object castMap(InternalMap map, MapType fromType, ValueCast valueCast) {
        InternalArray.ElementGetter keyGetter = InternalArray.createElementGetter(fromType.keyType());
        InternalArray.ElementGetter valueGetter = InternalArray.createElementGetter(fromType.valueType());
        InternalArray keyArray = map.keyArray();
        InternalArray valueArray = map.valueArray();
        Object[] keys = new Object[map.size()];
        Object[] values = new Object[map.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = keyGetter.getElementOrNull(keyArray, i);
            Object value = valueGetter.getElementOrNull(valueArray, i);
            values[i] = value == null ? null : valueCast.cast(value);
        }
        return new GenericMap(keys, values);
    }

    private static void checkMayBeMissing(DataField field, String path) {
        if (!field.type().isNullable()) {
            throw new IllegalArgumentException(String.format(
                    "Field '%s' (id %d) of type %s is not in the data file, so it would read as null, but it is NOT NULL",
                    path, field.id(), field.type()));
        }
    }

    private static IllegalArgumentException incompatible(DataType from, DataType to, String path, int id, String reason) {
        return new IllegalArgumentException(String.format(
                "Cannot read field '%s' (id %d) as %s: the data file stores it as %s, and %s",
                path, id, to, from, reason));
    }
}
