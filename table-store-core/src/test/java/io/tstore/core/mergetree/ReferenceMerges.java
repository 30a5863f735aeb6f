package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypeRoot;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.tstore.lsm.RowKind.INSERT;

/**
 * What each merge engine should make of the versions of one key, written the plain way, without the code under test:
 * the reference of {@link MergeEngineModelTest}. Versions carry their values as plain arrays of internal values.
 */
final class ReferenceMerges {
    private ReferenceMerges() {}

    record Version(long sequenceNumber, RowKind kind, Object[] values) {
        @Override
        public String toString() {
            return kind.shortString() + "@" + sequenceNumber + Arrays.deepToString(values);
        }
    }

    record Expected(long sequenceNumber, RowKind kind, Object[] values) {}

    static Expected partialUpdate(List<Version> versions) {
        Object[] fields = versions.get(0).values().clone();
        for (Version version : versions.subList(1, versions.size())) {
            for (int i = 0; i < fields.length; i++) {
                if (version.values()[i] != null) {
                    fields[i] = version.values()[i];
                }
            }
        }
        return new Expected(versions.get(versions.size() - 1).sequenceNumber(), INSERT, fields);
    }

    /**
     * Folds each field by its function, the plain way: one loop per function over the versions. Field "id" is the
     * key, and "ts" the sequence field when the versions are merged by it.
     */
    static Expected aggregation(
            RowType rowType, List<Version> versions, Map<String, String> functions, boolean bySequenceField) {
        List<Version> ordered = bySequenceField ? sortedBySequenceField(versions) : versions;
        Object[] result = new Object[rowType.fieldCount()];
        for (int pos = 0; pos < result.length; pos++) {
            DataField field = rowType.fields().get(pos);
            String function = functions.getOrDefault(field.name(), "last_non_null_value");
            if (field.name().equals("id") || (bySequenceField && field.name().equals("ts"))) {
                function = "version_value";
            }
            result[pos] = aggregate(function, field, ordered, pos);
        }
        long sequenceNumber = bySequenceField ? maxSequenceNumber(versions) : versions.get(versions.size() - 1).sequenceNumber();
        return new Expected(sequenceNumber, INSERT, result);
    }

    private static Object aggregate(String function, DataField field, List<Version> versions, int pos) {
        switch (function) {
            case "version_value":
                return versions.get(versions.size() - 1).values()[pos];
            case "sum": {
                Object sum = null;
                for (Version v : versions) {
                    Object x = v.values()[pos];
                    if (x == null) {
                        continue;
                    }
                    int sign = v.kind().isAdd() ? 1 : -1;
                    switch (field.type().root()) {
                        case INT:
                            sum = (sum == null ? 0 : (int) sum) + sign * (int) x;
                            break;
                        case DOUBLE:
                            sum = v.kind().isAdd() ? (sum == null ? (double) x : (double) sum + (double) x)
                                    : (sum == null ? 0d : (double) sum) - (double) x;
                            break;
                        case DECIMAL: {
                            BigDecimal total = (sum == null ? BigDecimal.ZERO : ((Decimal) sum).toBigDecimal())
                                    .add(((Decimal) x).toBigDecimal().multiply(BigDecimal.valueOf(sign)));
                            sum = decimal(total, (DecimalType) field.type());
                            break;
                        }
                        default:
                            throw new AssertionError(field);
                    }
                }
                return sum;
            }
            case "count": {
                long count = 0;
                for (Version v : versions) {
                    Object x = v.values()[pos];
                    long rows = x == null ? 1 : ((Number) x).longValue();
                    count += v.kind().isAdd() ? rows : -rows;
                }
                return field.type().root() == DataTypeRoot.INT ? (Object) (int) count : (Object) count;
            }
            case "min":
            case "max": {
                Object best = null;
                for (Version v : versions) {
                    Object x = v.values()[pos];
                    if (x != null && (best == null || (function.equals("min") ? compare(x, best) < 0 : compare(x, best) > 0))) {
                        best = x;
                    }
                }
                return best;
            }
            case "first_value":
                return versions.get(0).values()[pos];
            case "last_value":
            case "last_non_null_value": {
                Object value = null;
                for (Version v : versions) {
                    Object x = v.values()[pos];
                    if (v.kind().isAdd()) {
                        if (x != null || function.equals("last_value")) {
                            value = x;
                        }
                    } else if (function.equals("last_value")) {
                        value = null;
                    }
                }
                return value;
            }
            case "listagg": {
                List<String> parts = new ArrayList<>();
                for (Version v : versions) {
                    if (v.values()[pos] != null) {
                        parts.add(v.values()[pos].toString());
                    }
                }
                return parts.isEmpty() ? null : BinaryString.fromString(String.join(",", parts));
            }
            case "bool_and":
            case "bool_or": {
                Boolean value = null;
                for (Version v : versions) {
                    Boolean x = (Boolean) v.values()[pos];
                    if (x != null) {
                        value = value == null ? x : (function.equals("bool_and") ? value && x : value || x);
                    }
                }
                return value;
            }
            default:
                throw new AssertionError(function);
        }
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    static List<Version> adds(List<Version> versions) {
        return versions.stream().filter(v -> v.kind().isAdd()).toList();
    }

    /** By ts, null first, then by sequence number: written out here rather than taken from the code under test. */
    static List<Version> sortedBySequenceField(List<Version> versions) {
        List<Version> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing((Version v) -> (Long) v.values()[1], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(v -> v.sequenceNumber()));
        return sorted;
    }

    static long maxSequenceNumber(List<Version> versions) {
        return versions.stream().mapToLong(v -> v.sequenceNumber()).max().orElseThrow();
    }

    static Decimal decimal(BigDecimal value, DecimalType type) {
        return Decimal.fromBigDecimal(value, type.precision(), type.scale());
    }
}
