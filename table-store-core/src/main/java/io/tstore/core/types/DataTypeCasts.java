package io.tstore.core.types;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The type changes that schema evolution allows on an existing column: those where every value already
 * written under the old type reads back unchanged under the new one, so no data file has to be rewritten.
 */
public final class DataTypeCasts {
    private DataTypeCasts() {}

    /**
     * Whether a column of type {@code from} may become type {@code to}. Allowed:
     * <ul>
     *   <li>the same type;</li>
     *   <li>integers to wider integers: TINYINT &lt; SMALLINT &lt; INT &lt; BIGINT;</li>
     *   <li>FLOAT to DOUBLE;</li>
     *   <li>DECIMAL to a larger precision with the same scale;</li>
     *   <li>CHAR or VARCHAR to a VARCHAR at least as long, CHAR to a CHAR at least as long;
     *       BINARY or VARBINARY likewise;</li>
     *   <li>ARRAY and MAP whose element or value widens (map keys must stay the same), ROW whose fields keep
     *       their ids and names, in order, and each widen;</li>
     * </ul>
     * and in every case, nullability may only relax: NOT NULL to nullable, never back.
     */
    public static boolean canWiden(DataType from, DataType to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.isNullable() && !to.isNullable()) {
            return false;
        }
        if (from.copy(true).equals(to.copy(true))) {
            return true;
        }
        switch (from.root()) {
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
                return integerRank(to.root()) >= integerRank(from.root());
            case FLOAT:
                return to.root() == DataTypeRoot.DOUBLE;
            case DECIMAL:
                return to instanceof DecimalType toDecimal
                        && toDecimal.scale() == ((DecimalType) from).scale()
                        && toDecimal.precision() >= ((DecimalType) from).precision();
            case CHAR:
                return (to instanceof CharType toChar && toChar.length() >= ((CharType) from).length())
                        || (to instanceof VarCharType toVarChar && toVarChar.length() >= ((CharType) from).length());
            case VARCHAR:
                return to instanceof VarCharType toVarChar && toVarChar.length() >= ((VarCharType) from).length();
            case BINARY:
                return (to instanceof BinaryType toBinary && toBinary.length() >= ((BinaryType) from).length())
                        || (to instanceof VarBinaryType toVar && toVar.length() >= ((BinaryType) from).length());
            case VARBINARY:
                return to instanceof VarBinaryType toVar && toVar.length() >= ((VarBinaryType) from).length();
            case ARRAY:
                return to instanceof ArrayType toArray
                        && canWiden(((ArrayType) from).elementType(), toArray.elementType());
            case MAP:
                return to instanceof MapType toMap
                        && ((MapType) from).keyType().equals(toMap.keyType())
                        && canWiden(((MapType) from).valueType(), toMap.valueType());
            case ROW:
                return to instanceof RowType toRow && canWidenFields(((RowType) from).fields(), toRow.fields());
            default:
                return false;
        }
    }

    private static boolean canWidenFields(List<DataField> from, List<DataField> to) {
        if (from.size() != to.size()) {
            return false;
        }
        for (int i = 0; i < from.size(); i++) {
            DataField a = from.get(i);
            DataField b = to.get(i);
            if (a.id() != b.id() || !a.name().equals(b.name()) || !canWiden(a.type(), b.type())) {
                return false;
            }
        }
        return true;
    }

    /** The order of the integer types by width, or -1 for a type that is not an integer. */
    private static int integerRank(DataTypeRoot root) {
        switch (root) {
            case TINYINT:
                return 0;
            case SMALLINT:
                return 1;
            case INT:
                return 2;
            case BIGINT:
                return 3;
            default:
                return -1;
        }
    }
}
