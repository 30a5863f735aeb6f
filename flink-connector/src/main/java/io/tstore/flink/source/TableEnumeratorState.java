package io.tstore.flink.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a tstore source's enumerator checkpoints: where planning continues ({@code position}: the streaming scan's
 * next snapshot, or for a read of the log the snapshot whose files it started with, 0 for none; null before anything
 * was planned), whether planning has finished (batch), the id of the next
 * split, and the splits planned but not yet assigned, in order.
 */
public record TableEnumeratorState(Long position, boolean finished, long nextSplitId, List<TableSourceSplit> pending) {

    public TableEnumeratorState {
        pending = List.copyOf(requireNonNull(pending, "pending is null"));
    }

    /** Writes enumerator states; version 1 is {@code hasPosition:bool [position:long] finished:bool nextSplitId:long count:int split*}. */
    public static final class Serializer implements SimpleVersionedSerializer<TableEnumeratorState> {
        private static final int VERSION = 1;
        private final TableSourceSplitSerializer splits;

        public Serializer(TableSourceSplitSerializer splits) {
            this.splits = splits;
        }

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(TableEnumeratorState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeBoolean(state.position() != null);
            if (state.position() != null) {
                out.writeLong(state.position());
            }
            out.writeBoolean(state.finished());
            out.writeLong(state.nextSplitId());
            out.writeInt(state.pending().size());
            for (TableSourceSplit split : state.pending()) {
                splits.write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public TableEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            if (version != VERSION) {
                throw new IOException("Cannot read a tstore enumerator state of serializer version " + version
                        + "; this version reads version " + VERSION);
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            Long position = in.readBoolean() ? in.readLong() : null;
            boolean finished = in.readBoolean();
            long nextSplitId = in.readLong();
            int count = in.readInt();
            List<TableSourceSplit> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                pending.add(splits.read(in));
            }
            return new TableEnumeratorState(position, finished, nextSplitId, pending);
        }
    }
}
