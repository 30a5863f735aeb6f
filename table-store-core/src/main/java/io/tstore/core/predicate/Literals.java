package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;

/**
 * Turns the literals that callers hand to {@link PredicateBuilder} into the internal form of the field's type,
 * accepting the Java values that denote a value of the type exactly (an Integer for a BIGINT field, a String for
 * a VARCHAR field, a LocalDate for a DATE field...), and prints literals for {@code toString}.
 */
final class Literals {
    private Literals() {}

    /** The literal in the internal form of the field's type; fails, naming the field, when it does not fit. */
    static Object convert(DataField field, Object literal) {
        DataType type = field.type();
        try {
            Object converted = convert(type, literal);
            if (converted == null) {
                throw mismatch(field, literal, "expected " + expectedFor(type));
            }
            return converted;
        } catch (ArithmeticException e) {
            throw mismatch(field, literal, "the value does not fit the type exactly (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException mismatch(DataField field, Object literal, String reason) {
        return new IllegalArgumentException(String.format(
                "Literal %s (%s) cannot be compared with field '%s' of type %s: %s",
                literal, literal.getClass().getSimpleName(), field.name(), field.type(), reason));
    }

    /** The converted literal, or null when its class does not denote a value of the type. */
    private static Object convert(DataType type, Object literal) {
        switch (type.root()) {
            case BOOLEAN:
                return literal instanceof Boolean ? literal : null;
            case TINYINT:
                return isIntegral(literal) ? (Object) (byte) integral(literal, Byte.MIN_VALUE, Byte.MAX_VALUE) : null;
            case SMALLINT:
                return isIntegral(literal) ? (Object) (short) integral(literal, Short.MIN_VALUE, Short.MAX_VALUE) : null;
            case INT:
                return isIntegral(literal) ? (Object) (int) integral(literal, Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
            case BIGINT:
                return isIntegral(literal) ? (Object) integral(literal, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            case FLOAT:
                return toFloat(literal);
            case DOUBLE:
                return toDouble(literal);
            case DECIMAL:
                return toDecimal((DecimalType) type, literal);
            case CHAR:
            case VARCHAR:
                if (literal instanceof BinaryString) {
                    return literal;
                }
                return literal instanceof String s ? BinaryString.fromString(s) : null;
            case BINARY:
            case VARBINARY:
                return literal instanceof byte[] bytes ? bytes.clone() : null;
            case DATE:
                if (literal instanceof LocalDate date) {
                    return Math.toIntExact(date.toEpochDay());
                }
                return literal instanceof Integer ? literal : null;
            case TIME:
                if (literal instanceof LocalTime time) {
                    return (int) (time.toNanoOfDay() / 1_000_000);
                }
                return literal instanceof Integer ? literal : null;
            case TIMESTAMP:
                if (literal instanceof LocalDateTime dateTime) {
                    return Timestamp.fromLocalDateTime(dateTime);
                }
                return literal instanceof Timestamp ? literal : null;
            case TIMESTAMP_LTZ:
                if (literal instanceof Instant instant) {
                    return Timestamp.fromInstant(instant);
                }
                return literal instanceof Timestamp ? literal : null;
            default:
                return null;
        }
    }

    private static String expectedFor(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return "a Boolean";
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
                return "a Byte, Short, Integer or Long within the range of " + type.root();
            case FLOAT:
            case DOUBLE:
                return "a Float, Double or integer that " + type.root() + " holds exactly";
            case DECIMAL:
                return "a Decimal, BigDecimal or integer that " + type + " holds exactly";
            case CHAR:
            case VARCHAR:
                return "a BinaryString or String";
            case BINARY:
            case VARBINARY:
                return "a byte[]";
            case DATE:
                return "a LocalDate or an Integer of days since 1970-01-01";
            case TIME:
                return "a LocalTime or an Integer of milliseconds of the day";
            case TIMESTAMP:
                return "a Timestamp or LocalDateTime";
            case TIMESTAMP_LTZ:
                return "a Timestamp or Instant";
            default:
                return "nothing: fields of type " + type.root() + " can only be tested with IS NULL and IS NOT NULL";
        }
    }

    private static boolean isIntegral(Object literal) {
        return literal instanceof Byte || literal instanceof Short || literal instanceof Integer || literal instanceof Long;
    }

    private static long integral(Object literal, long min, long max) {
        long value = ((Number) literal).longValue();
        if (value < min || value > max) {
            throw new ArithmeticException("out of the range " + min + " to " + max);
        }
        return value;
    }

    private static Float toFloat(Object literal) {
        if (literal instanceof Float) {
            return (Float) literal;
        }
        if (literal instanceof Double d) {
            if (!d.isNaN() && (double) d.floatValue() != d) {
                throw new ArithmeticException("FLOAT cannot hold " + d);
            }
            return d.floatValue();
        }
        if (isIntegral(literal)) {
            long value = ((Number) literal).longValue();
            float f = (float) value;
            if (f == 0x1p63f || (long) f != value) {
                throw new ArithmeticException("FLOAT cannot hold " + value);
            }
            return f;
        }
        return null;
    }

    private static Double toDouble(Object literal) {
        if (literal instanceof Double) {
            return (Double) literal;
        }
        if (literal instanceof Float f) {
            return f.doubleValue();
        }
        if (isIntegral(literal)) {
            long value = ((Number) literal).longValue();
            double d = (double) value;
            if (d == 0x1p63 || (long) d != value) {
                throw new ArithmeticException("DOUBLE cannot hold " + value);
            }
            return d;
        }
        return null;
    }

    private static Decimal toDecimal(DecimalType type, Object literal) {
        BigDecimal value;
        if (literal instanceof Decimal decimal) {
            value = decimal.toBigDecimal();
        } else if (literal instanceof BigDecimal bigDecimal) {
            value = bigDecimal;
        } else if (literal instanceof BigInteger bigInteger) {
            value = new BigDecimal(bigInteger);
        } else if (isIntegral(literal)) {
            value = BigDecimal.valueOf(((Number) literal).longValue());
        } else {
            return null;
        }
        // UNNECESSARY: a literal with more fractional digits than the scale would change meaning if rounded.
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
        return Decimal.fromBigDecimal(scaled, type.precision(), type.scale());
    }

    /** A literal as in SQL: strings quoted, bytes in hex, dates and times in ISO form. */
    static String format(DataType type, Object literal) {
        if (literal == null) {
            return "NULL";
        }
        switch (type.root()) {
            case CHAR:
            case VARCHAR:
                return "'" + literal.toString().replace("'", "''") + "'";
            case BINARY:
            case VARBINARY:
                return "X'" + HexFormat.of().formatHex((byte[]) literal) + "'";
            case DATE:
                return "DATE '" + LocalDate.ofEpochDay((Integer) literal) + "'";
            case TIME:
                return "TIME '" + LocalTime.ofNanoOfDay((Integer) literal * 1_000_000L) + "'";
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return "TIMESTAMP '" + literal + "'";
            default:
                return String.valueOf(literal);
        }
    }
}
