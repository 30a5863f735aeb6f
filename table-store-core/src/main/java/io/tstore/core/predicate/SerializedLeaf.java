package io.tstore.core.predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRowSerializer;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeJson;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.LocalZonedTimestampType;
import io.tstore.core.types.RowType;
import io.tstore.core.types.TimestampType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Java-serialized form of a {@link LeafPredicate}. Types and internal values (BinaryString, Decimal,
 * Timestamp) are not Serializable, so the type travels as its schema JSON and the literals as one row written
 * with {@link InternalRowSerializer}; reading builds the leaf again through its constructor, which checks it.
 */
final class SerializedLeaf implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeafFunction function;
    private final int index;
    private final String fieldName;
    private final String typeJson;
    private final int literalCount;
    private final byte[] literalBytes;

    SerializedLeaf(LeafPredicate leaf) {
        this.function = leaf.function();
        this.index = leaf.index();
        this.fieldName = leaf.fieldName();
        this.typeJson = DataTypeJson.toJson(leaf.type()).toString();
        this.literalCount = leaf.literals().size();
        this.literalBytes = writeLiterals(leaf.type(), leaf.literals());
    }

    /**
     * The row type the literals are written as: the field's type, except that timestamps are written at
     * nanosecond precision, because a literal may be finer than its field ({@code ts > '...00.0000001'} on a
     * TIMESTAMP(3) field) and the row serializer would drop the digits beyond the type's precision.
     */
    private static RowType literalRowType(DataType type, int count) {
        DataType literalType;
        switch (type.root()) {
            case TIMESTAMP:
                literalType = DataTypes.TIMESTAMP(TimestampType.MAX_PRECISION);
                break;
            case TIMESTAMP_LTZ:
                literalType = DataTypes.TIMESTAMP_LTZ(LocalZonedTimestampType.MAX_PRECISION);
                break;
            default:
                literalType = type.nullable();
        }
        DataType[] types = new DataType[count];
        Arrays.fill(types, literalType);
        return DataTypes.ROW(types);
    }

    private static byte[] writeLiterals(DataType type, List<Object> literals) {
        if (literals.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new InternalRowSerializer(literalRowType(type, literals.size())).write(GenericRow.of(literals.toArray()), out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the literals of a predicate on a " + type + " field", e);
        }
        return bytes.toByteArray();
    }

    private Object readResolve() throws InvalidObjectException {
        try {
            DataType type = DataTypeJson.fromJson(JSON.readTree(typeJson));
            List<Object> literals = new ArrayList<>(literalCount);
            if (literalCount > 0) {
                RowType literalType = literalRowType(type, literalCount);
                InternalRow row = new InternalRowSerializer(literalType)
                        .read(new DataInputStream(new ByteArrayInputStream(literalBytes)));
                for (int i = 0; i < literalCount; i++) {
                    literals.add(InternalRow.createFieldGetter(literalType.typeAt(i), i).getFieldOrNull(row));
                }
            }
            return new LeafPredicate(function, index, fieldName, type, literals);
        } catch (JsonProcessingException e) {
            throw invalid("its type " + typeJson + " is not valid JSON", e);
        } catch (IOException | RuntimeException e) {
            throw invalid("it is damaged", e);
        }
    }

    private InvalidObjectException invalid(String why, Exception cause) {
        InvalidObjectException e = new InvalidObjectException(
                "Cannot read the predicate on field '" + fieldName + "': " + why);
        e.initCause(cause);
        return e;
    }
}
