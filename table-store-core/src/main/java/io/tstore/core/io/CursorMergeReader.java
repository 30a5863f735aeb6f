package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.merge.DeduplicateMergeFunction;
import io.tstore.lsm.merge.MergeFunction;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Merges the overlapping sorted runs of a section into one record per key, as
 * {@link io.tstore.lsm.merge.MergeReaders#mergeSection} does, over {@link KeyValueCursor}s: the runs are compared
 * by the normalized prefixes of their current keys (the key comparator only for equal prefixes that are not
 * exact), and the versions of a key are taken from the runs all at once, while every run still stands on its
 * version. So the merge decides before any run moves on which values it needs:
 *
 * <ul>
 *   <li>with the {@code deduplicate} engine ({@link DeduplicateMergeFunction}) only the value of the version
 *       that wins (the highest sequence number) is read, and none for a key that is dropped as deleted; the value
 *       columns of the other versions are never decoded (in ORC files);
 *   <li>with any other merge function every version is read and added, in ascending sequence number order.
 * </ul>
 *
 * <p>Versions with equal sequence numbers are added in the order of their runs in the section, as the LSM
 * engine's loser tree orders them. The runs are scanned for the smallest key at every key: a section has few runs
 * (at most the number of sorted runs that stops writes), fewer than a tree would pay for.
 */
public final class CursorMergeReader implements RecordReader<KeyValue<BinaryRow, InternalRow>> {
    private final KeyValueCursor[] runs;
    private final Comparator<BinaryRow> keyComparator;
    private final boolean exactPrefix;
    private final MergeFunction<BinaryRow, InternalRow> mergeFunction;
    private final boolean deduplicate;
    private final boolean dropDelete;
    /** The key prefix and sequence number of each run's current record. */
    private final long[] prefixes;
    private final long[] sequenceNumbers;
    /** The runs that have a current record, in section order. */
    private final int[] live;
    private int liveCount;
    /** The runs standing on the current key, ordered by sequence number. */
    private final int[] group;
    private boolean started;

    /**
     * @param section the overlapping runs, in the order whose ties of sequence numbers the merge keeps
     * @param dropDelete whether keys that merge to a retraction are left out (only right on the highest level)
     */
    public CursorMergeReader(
            List<SortedRun<BinaryRow>> section,
            KeyValueRunFiles files,
            Comparator<BinaryRow> keyComparator,
            MergeFunction<BinaryRow, InternalRow> mergeFunction,
            boolean dropDelete) {
        requireNonNull(section, "section is null");
        requireNonNull(files, "files is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.mergeFunction = requireNonNull(mergeFunction, "mergeFunction is null");
        this.exactPrefix = files.keyPrefixIsExact();
        this.deduplicate = mergeFunction instanceof DeduplicateMergeFunction;
        this.dropDelete = dropDelete;
        int k = section.size();
        this.runs = new KeyValueCursor[k];
        for (int i = 0; i < k; i++) {
            runs[i] = files.cursor(section.get(i));
        }
        this.prefixes = new long[k];
        this.sequenceNumbers = new long[k];
        this.live = new int[k];
        this.group = new int[k];
    }

    @Override
    public KeyValue<BinaryRow, InternalRow> read() throws IOException {
        start();
        while (liveCount > 0) {
            int groupSize = gatherSmallestKey();
            KeyValue<BinaryRow, InternalRow> result = deduplicate ? latest(groupSize) : merge(groupSize);
            advance(groupSize);
            if (result != null && !(dropDelete && result.kind().isRetract())) {
                return result;
            }
        }
        return null;
    }

    /**
     * The values of the records {@link #read()} would return, with their kinds, for readers that need no keys: with
     * the {@code deduplicate} engine the key rows of the winners are then never built either. Read either this or
     * the records, not both; closing either closes the runs.
     */
    public RecordReader<InternalRow> values() {
        return new RecordReader<>() {
            @Override
            public InternalRow read() throws IOException {
                if (!deduplicate) {
                    KeyValue<BinaryRow, InternalRow> record = CursorMergeReader.this.read();
                    return record == null ? null : valueOf(record);
                }
                start();
                while (liveCount > 0) {
                    int groupSize = gatherSmallestKey();
                    KeyValueCursor winner = runs[group[groupSize - 1]];
                    InternalRow value = dropDelete && winner.kind().isRetract() ? null : winner.value();
                    advance(groupSize);
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                CursorMergeReader.this.close();
            }
        };
    }

    /** The record's value with the record's kind, which a merge function may have changed. */
    public static InternalRow valueOf(KeyValue<BinaryRow, InternalRow> record) {
        InternalRow value = record.value();
        value.setRowKind(record.kind());
        return value;
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            for (int run = 0; run < runs.length; run++) {
                if (runs[run].next()) {
                    take(run);
                    live[liveCount++] = run;
                }
            }
        }
    }

    /** Fills {@link #group} with the runs whose current key is the smallest, by sequence number; returns how many. */
    private int gatherSmallestKey() {
        int smallest = live[0];
        for (int i = 1; i < liveCount; i++) {
            int run = live[i];
            if (compare(run, smallest) < 0) {
                smallest = run;
            }
        }
        int size = 0;
        for (int i = 0; i < liveCount; i++) {
            int run = live[i];
            if (run == smallest || compare(run, smallest) == 0) {
                // Insertion by sequence number, after equal ones: ties keep section order.
                int j = size++;
                while (j > 0 && sequenceNumbers[group[j - 1]] > sequenceNumbers[run]) {
                    group[j] = group[j - 1];
                    j--;
                }
                group[j] = run;
            }
        }
        return size;
    }

    private int compare(int a, int b) {
        int c = Long.compare(prefixes[a], prefixes[b]);
        if (c != 0 || exactPrefix) {
            return c;
        }
        return keyComparator.compare(runs[a].key(), runs[b].key());
    }

    /** The deduplicate engine: the version with the highest sequence number, its value read only if it is kept. */
    private KeyValue<BinaryRow, InternalRow> latest(int groupSize) throws IOException {
        KeyValueCursor winner = runs[group[groupSize - 1]];
        RowKind kind = winner.kind();
        if (dropDelete && kind.isRetract()) {
            return null;
        }
        return new KeyValue<>(winner.key(), winner.sequenceNumber(), kind, winner.value());
    }

    /** Any merge function: every version, in sequence number order. */
    private KeyValue<BinaryRow, InternalRow> merge(int groupSize) throws IOException {
        mergeFunction.reset();
        for (int i = 0; i < groupSize; i++) {
            KeyValueCursor run = runs[group[i]];
            mergeFunction.add(new KeyValue<>(run.key(), run.sequenceNumber(), run.kind(), run.value()));
        }
        return mergeFunction.getResult();
    }

    /** Moves the runs of the key just merged to their next records; runs that end leave {@link #live}. */
    private void advance(int groupSize) throws IOException {
        boolean ended = false;
        for (int i = 0; i < groupSize; i++) {
            int run = group[i];
            if (runs[run].next()) {
                take(run);
            } else {
                runs[run].close();
                prefixes[run] = Long.MAX_VALUE;
                sequenceNumbers[run] = -1;
                group[i] = -1 - run;
                ended = true;
            }
        }
        if (ended) {
            int kept = 0;
            for (int i = 0; i < liveCount; i++) {
                int run = live[i];
                if (!endedIn(run, groupSize)) {
                    live[kept++] = run;
                }
            }
            liveCount = kept;
        }
    }

    private boolean endedIn(int run, int groupSize) {
        for (int i = 0; i < groupSize; i++) {
            if (group[i] == -1 - run) {
                return true;
            }
        }
        return false;
    }

    private void take(int run) {
        prefixes[run] = runs[run].keyPrefix();
        sequenceNumbers[run] = runs[run].sequenceNumber();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (KeyValueCursor run : runs) {
            try {
                run.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
