package io.tstore.core.data;

import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import io.tstore.lsm.buffer.NormalizedKey;

/**
 * Normalized prefixes of primary keys for sorting the write buffer: the first key field as a long whose signed
 * order is the field's order. Integral and date/time fields give their value (exact when the key is that one
 * NOT NULL field); strings give their first 8 UTF-8 bytes, big-endian with the sign bit flipped. Other types give
 * no prefix.
 */
public final class NormalizedKeys {
    private NormalizedKeys() {}

    /** The normalized key of rows of this key type, or null when its first field has none. */
    public static NormalizedKey<BinaryRow> forKeyType(RowType keyType) {
        if (keyType.fieldCount() == 0) {
            return null;
        }
        DataField first = keyType.fields().get(0);
        boolean exact = keyType.fieldCount() == 1 && !first.type().isNullable();
        return switch (first.type().root()) {
            case TINYINT -> of(row -> row.getByte(0), exact);
            case SMALLINT -> of(row -> row.getShort(0), exact);
            case INT, DATE, TIME -> of(row -> row.getInt(0), exact);
            case BIGINT -> of(row -> row.getLong(0), exact);
            case CHAR, VARCHAR -> of(NormalizedKeys::stringPrefix, false);
            default -> null;
        };
    }

    private static long stringPrefix(BinaryRow row) {
        byte[] bytes = row.getString(0).toBytes();
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (i < bytes.length ? bytes[i] & 0xFF : 0);
        }
        return prefix ^ Long.MIN_VALUE;
    }

    private interface Prefix {
        long of(BinaryRow row);
    }

    private static NormalizedKey<BinaryRow> of(Prefix prefix, boolean exact) {
        return new NormalizedKey<>() {
            @Override
            public long prefix(BinaryRow key) {
                // Nulls sort first, as in RowComparator; with a nullable field the prefix is never exact.
                return key.isNullAt(0) ? Long.MIN_VALUE : prefix.of(key);
            }

            @Override
            public boolean isExact() {
                return exact;
            }
        };
    }
}
