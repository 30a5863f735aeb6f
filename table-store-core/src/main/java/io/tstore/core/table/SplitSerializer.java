package io.tstore.core.table;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns {@link Split}s into bytes and back, for engines that ship splits to other processes or keep them in
 * checkpoints. The bytes are a type byte, the version of that type's format, then the body; a newer reader reads
 * what an older writer wrote. Types: 1 = {@link DataSplit} ({@link DataSplitSerializer}).
 */
public final class SplitSerializer {
    private static final byte DATA_SPLIT = 1;

    private SplitSerializer() {}

    public static byte[] serialize(Split split) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (split instanceof DataSplit dataSplit) {
                out.writeByte(DATA_SPLIT);
                out.writeInt(DataSplitSerializer.VERSION);
                DataSplitSerializer.serialize(dataSplit, out);
            } else {
                throw new IllegalArgumentException("Splits of type " + split.getClass().getName() + " cannot be serialized");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a split; bytes that are not a split of a known type and version fail with an {@link IOException}. */
    public static Split deserialize(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte type = in.readByte();
            int version = in.readInt();
            Split split = switch (type) {
                case DATA_SPLIT -> DataSplitSerializer.deserialize(version, in);
                default -> throw new IOException("Unknown split type " + type);
            };
            if (in.available() > 0) {
                throw new IOException("Corrupt split: " + in.available() + " bytes after its end");
            }
            return split;
        } catch (java.io.EOFException e) {
            throw new IOException("Corrupt split: the bytes end early", e);
        }
    }
}
