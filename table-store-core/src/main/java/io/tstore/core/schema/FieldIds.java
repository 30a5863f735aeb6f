package io.tstore.core.schema;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.ObjIntConsumer;

/**
 * Walks and renumbers the field ids of a schema, nested rows included. Ids are unique across a whole schema, not
 * just within one row, so that a data file can name any column, however deep, by one number.
 */
final class FieldIds {
    private FieldIds() {}

    /** Calls {@code action} with every field and its depth (0 for a column), depth-first, in order. */
    static void forEachField(List<DataField> fields, ObjIntConsumer<DataField> action) {
        forEachField(fields, 0, action);
    }

    private static void forEachField(List<DataField> fields, int depth, ObjIntConsumer<DataField> action) {
        for (DataField field : fields) {
            action.accept(field, depth);
            forEachNestedField(field.type(), depth + 1, action);
        }
    }

    private static void forEachNestedField(DataType type, int depth, ObjIntConsumer<DataField> action) {
        switch (type.root()) {
            case ROW:
                forEachField(((RowType) type).fields(), depth, action);
                break;
            case ARRAY:
                forEachNestedField(((ArrayType) type).elementType(), depth, action);
                break;
            case MAP:
                forEachNestedField(((MapType) type).keyType(), depth, action);
                forEachNestedField(((MapType) type).valueType(), depth, action);
                break;
            default:
                break;
        }
    }

    /** The largest id among these fields and their nested fields; -1 when there are none. */
    static int highestId(List<DataField> fields) {
        int[] highest = {-1};
        forEachField(fields, (field, depth) -> highest[0] = Math.max(highest[0], field.id()));
        return highest[0];
    }

    /** The type with every field of its nested rows given a new id from {@code nextId}, depth-first, in order. */
    static DataType renumberNested(DataType type, IntSupplier nextId) {
        switch (type.root()) {
            case ROW: {
                List<DataField> renumbered = new ArrayList<>();
                for (DataField field : ((RowType) type).fields()) {
                    int id = nextId.getAsInt();
                    renumbered.add(new DataField(id, field.name(), renumberNested(field.type(), nextId), field.description()));
                }
                return new RowType(type.isNullable(), renumbered);
            }
            case ARRAY:
                return new ArrayType(type.isNullable(), renumberNested(((ArrayType) type).elementType(), nextId));
            case MAP: {
                MapType map = (MapType) type;
                DataType key = renumberNested(map.keyType(), nextId);
                return new MapType(type.isNullable(), key, renumberNested(map.valueType(), nextId));
            }
            default:
                return type;
        }
    }

    /**
     * {@code to} with the ids of its nested row fields taken from {@code from}, where both rows have the same field
     * names in the same order, so that a widened ROW keeps the ids its fields already have whatever ids the caller's
     * type came with. Rows whose names differ are left alone (they cannot be a widening anyway).
     */
    static DataType alignNested(DataType from, DataType to) {
        if (from instanceof RowType fromRow && to instanceof RowType toRow) {
            if (!fromRow.fieldNames().equals(toRow.fieldNames())) {
                return to;
            }
            List<DataField> aligned = new ArrayList<>();
            for (int i = 0; i < toRow.fieldCount(); i++) {
                DataField old = fromRow.fields().get(i);
                DataField field = toRow.fields().get(i);
                aligned.add(new DataField(old.id(), field.name(), alignNested(old.type(), field.type()), field.description()));
            }
            return new RowType(to.isNullable(), aligned);
        }
        if (from instanceof ArrayType fromArray && to instanceof ArrayType toArray) {
            return new ArrayType(to.isNullable(), alignNested(fromArray.elementType(), toArray.elementType()));
        }
        if (from instanceof MapType fromMap && to instanceof MapType toMap) {
            return new MapType(to.isNullable(),
                    alignNested(fromMap.keyType(), toMap.keyType()),
                    alignNested(fromMap.valueType(), toMap.valueType()));
        }
        return to;
    }
}
