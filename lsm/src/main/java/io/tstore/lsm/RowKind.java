package io.tstore.lsm;

/**
 * The kind of change a record carries: an insert, the old and new images of an update, or a delete.
 * The byte value is part of the on-disk format and never changes.
 */
public enum RowKind {
    INSERT("+I", (byte) 0),
    UPDATE_BEFORE("-U", (byte) 1),
    UPDATE_AFTER("+U", (byte) 2),
    DELETE("-D", (byte) 3);

    private static final RowKind[] BY_VALUE = {INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE};

    private final String shortString;
    private final byte value;

    RowKind(String shortString, byte value) {
        this.shortString = shortString;
        this.value = value;
    }

    public String shortString() {
        return shortString;
    }

    public byte toByteValue() {
        return value;
    }

    /** +I and +U add a row; -U and -D retract one. */
    public boolean isAdd() {
        return this == INSERT || this == UPDATE_AFTER;
    }

    public boolean isRetract() {
        return !isAdd();
    }

    public static RowKind fromByteValue(byte value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("Unknown row kind byte: " + value);
        }
        return BY_VALUE[value];
    }

    public static RowKind fromShortString(String s) {
        for (RowKind kind : values()) {
            if (kind.shortString.equals(s)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown row kind: '" + s + "' (expected +I, -U, +U or -D)");
    }
}
