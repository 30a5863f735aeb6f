package io.tstore.core.format.orc;

import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;
import org.apache.orc.TypeDescription;

import java.util.List;

/**
 * The ORC type of each logical type, and the check that a file's ORC type is what a logical type reads.
 *
 * <pre>
 * BOOLEAN boolean        TINYINT tinyint      SMALLINT smallint     INT int          BIGINT bigint
 * FLOAT float            DOUBLE double        DECIMAL(p, s) decimal(p, s)
 * CHAR, VARCHAR, STRING string                BINARY, VARBINARY binary
 * DATE date              TIME int (milliseconds of the day)
 * TIMESTAMP timestamp    TIMESTAMP_LTZ timestamp with local time zone   (both UTC-based, nanoseconds)
 * ARRAY array            MAP map              ROW struct
 * </pre>
 *
 * CHAR and VARCHAR are plain ORC strings because ORC pads {@code char(n)} with spaces and silently truncates
 * {@code varchar(n)}; the table format checks lengths itself and files give back exactly the bytes written. Every
 * field of a struct carries its field id in the attribute {@link #FIELD_ID_ATTRIBUTE}. Nullability is not part of
 * ORC types: any ORC column may hold nulls.
 */
public final class OrcTypes {
    /** The ORC type attribute that holds a field's id. */
    public static final String FIELD_ID_ATTRIBUTE = "tstore.field-id";

    private OrcTypes() {}

    /** The ORC struct of a row type, with the field ids as attributes at every depth. */
    public static TypeDescription toOrcType(RowType rowType) {
        TypeDescription struct = TypeDescription.createStruct();
        for (DataField field : rowType.fields()) {
            TypeDescription child = toOrcType(field.type());
            child.setAttribute(FIELD_ID_ATTRIBUTE, Integer.toString(field.id()));
            struct.addField(field.name(), child);
        }
        return struct;
    }

    public static TypeDescription toOrcType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return TypeDescription.createBoolean();
            case TINYINT:
                return TypeDescription.createByte();
            case SMALLINT:
                return TypeDescription.createShort();
            case INT:
            case TIME:
                return TypeDescription.createInt();
            case BIGINT:
                return TypeDescription.createLong();
            case FLOAT:
                return TypeDescription.createFloat();
            case DOUBLE:
                return TypeDescription.createDouble();
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                // The scale first: ORC checks each against the other, starting from decimal(38, 10).
                return TypeDescription.createDecimal().withScale(decimal.scale()).withPrecision(decimal.precision());
            }
            case CHAR:
            case VARCHAR:
                return TypeDescription.createString();
            case BINARY:
            case VARBINARY:
                return TypeDescription.createBinary();
            case DATE:
                return TypeDescription.createDate();
            case TIMESTAMP:
                return TypeDescription.createTimestamp();
            case TIMESTAMP_LTZ:
                return TypeDescription.createTimestampInstant();
            case ARRAY:
                return TypeDescription.createList(toOrcType(((ArrayType) type).elementType()));
            case MAP:
                return TypeDescription.createMap(toOrcType(((MapType) type).keyType()), toOrcType(((MapType) type).valueType()));
            case ROW:
                return toOrcType((RowType) type);
            default:
                throw new IllegalArgumentException("No ORC type for " + type);
        }
    }

    /** The field id an ORC struct field carries, or -1 when it has none (a file not written by us). */
    static int fieldId(TypeDescription type) {
        String value = type.getAttributeValue(FIELD_ID_ATTRIBUTE);
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Fails, naming the column, unless the ORC type is the one {@code type} is written as (nested fields matched by
     * position and, where the file records them, checked by id).
     */
    static void checkReadable(TypeDescription orcType, DataType type, String path, String file) {
        TypeDescription expected = toOrcType(type);
        if (orcType.getCategory() != expected.getCategory()) {
            throw mismatch(orcType, type, path, file);
        }
        switch (type.root()) {
            case DECIMAL:
                if (orcType.getPrecision() != expected.getPrecision() || orcType.getScale() != expected.getScale()) {
                    throw mismatch(orcType, type, path, file);
                }
                return;
            case ARRAY:
                checkReadable(orcType.getChildren().get(0), ((ArrayType) type).elementType(), path + ".element", file);
                return;
            case MAP:
                checkReadable(orcType.getChildren().get(0), ((MapType) type).keyType(), path + ".key", file);
                checkReadable(orcType.getChildren().get(1), ((MapType) type).valueType(), path + ".value", file);
                return;
            case ROW: {
                List<DataField> fields = ((RowType) type).fields();
                List<TypeDescription> children = orcType.getChildren();
                if (children.size() != fields.size()) {
                    throw mismatch(orcType, type, path, file);
                }
                for (int i = 0; i < fields.size(); i++) {
                    int id = fieldId(children.get(i));
                    if (id >= 0 && id != fields.get(i).id()) {
                        throw new IllegalStateException(String.format(
                                "Data file %s does not match its schema: field '%s' at position %d of '%s' has id %d "
                                        + "in the file but id %d in the schema",
                                file, fields.get(i).name(), i, path, id, fields.get(i).id()));
                    }
                    checkReadable(children.get(i), fields.get(i).type(), path + "." + fields.get(i).name(), file);
                }
                return;
            }
            default:
        }
    }

    private static IllegalStateException mismatch(TypeDescription orcType, DataType type, String path, String file) {
        return new IllegalStateException(String.format(
                "Data file %s does not match its schema: column '%s' is ORC %s in the file, but %s is written as ORC %s",
                file, path, orcType, type, toOrcType(type)));
    }
}
