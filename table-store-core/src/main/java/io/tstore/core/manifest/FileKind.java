package io.tstore.core.manifest;

/** Whether a manifest entry adds a file to the table or deletes it. The byte value is part of the format. */
public enum FileKind {
    ADD((byte) 0),
    DELETE((byte) 1);

    private final byte value;

    FileKind(byte value) {
        this.value = value;
    }

    public byte toByteValue() {
        return value;
    }

    public static FileKind fromByteValue(int value) {
        return switch (value) {
            case 0 -> ADD;
            case 1 -> DELETE;
            default -> throw new IllegalArgumentException("Unknown file kind " + value);
        };
    }
}
