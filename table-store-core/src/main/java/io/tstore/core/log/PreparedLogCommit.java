package io.tstore.core.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One prepared commit of a {@link TwoPhaseLogWriter}: the records written before {@link TwoPhaseLogWriter#prepare},
 * flushed to the log and not yet visible to {@code read_committed} readers.
 *
 * @param id the id the engine gave to {@link TwoPhaseLogWriter#prepare} (a checkpoint id)
 * @param offsets per bucket written, the offset after its last record: the {@code logOffsets} of the table commit
 *     that holds these records
 * @param handle what the log store needs to commit it later, possibly from another process after a restart
 *     (opaque to engines; for Kafka, the transactional ids, producer ids and epochs of its transactions)
 */
public record PreparedLogCommit(long id, Map<Integer, Long> offsets, byte[] handle) {
    private static final int VERSION = 1;

    public PreparedLogCommit {
        offsets = Map.copyOf(requireNonNull(offsets, "offsets is null"));
        handle = requireNonNull(handle, "handle is null").clone();
    }

    @Override
    public byte[] handle() {
        return handle.clone();
    }

    /** Whether it holds no record (then committing it does nothing). */
    public boolean isEmpty() {
        return offsets.isEmpty();
    }

    /** The bytes of this commit, for an engine's checkpoint state; {@link #fromBytes} reads them. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeLong(id);
            Map<Integer, Long> sorted = new TreeMap<>(offsets);
            out.writeInt(sorted.size());
            for (Map.Entry<Integer, Long> entry : sorted.entrySet()) {
                out.writeInt(entry.getKey());
                out.writeLong(entry.getValue());
            }
            out.writeInt(handle.length);
            out.write(handle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #toBytes} wrote. */
    public static PreparedLogCommit fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("Unsupported version " + version + " of a prepared log commit (this reader knows " + VERSION + ")");
            }
            long id = in.readLong();
            int count = in.readInt();
            Map<Integer, Long> offsets = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                offsets.put(in.readInt(), in.readLong());
            }
            byte[] handle = new byte[in.readInt()];
            in.readFully(handle);
            return new PreparedLogCommit(id, offsets, handle);
        } catch (IOException e) {
            throw new UncheckedIOException("A prepared log commit is corrupt", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreparedLogCommit other && id == other.id && offsets.equals(other.offsets) && Arrays.equals(handle, other.handle);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(id) + offsets.hashCode()) + Arrays.hashCode(handle);
    }

    @Override
    public String toString() {
        return "PreparedLogCommit{id=" + id + ", offsets=" + offsets + ", handle=" + handle.length + " bytes}";
    }
}
