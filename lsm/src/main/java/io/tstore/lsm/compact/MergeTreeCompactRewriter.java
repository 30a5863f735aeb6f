package io.tstore.lsm.compact;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.lsm.merge.MergeReaders;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Rewrites sections by merging each key's versions through the merge function; produces no changelog. */
public class MergeTreeCompactRewriter<K, V> implements CompactRewriter<K, V> {
    protected final RunFiles<K, V> files;
    protected final Comparator<K> keyComparator;
    protected final MergeFunctionFactory<K, V> mergeFunctionFactory;

    public MergeTreeCompactRewriter(RunFiles<K, V> files, Comparator<K> keyComparator, MergeFunctionFactory<K, V> mergeFunctionFactory) {
        this.files = requireNonNull(files, "files is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.mergeFunctionFactory = requireNonNull(mergeFunctionFactory, "mergeFunctionFactory is null");
    }

    @Override
    public CompactResult<K> rewrite(int outputLevel, boolean dropDelete, List<List<SortedRun<K>>> sections) throws Exception {
        RunWriter<K, V> writer = files.newWriter(outputLevel);
        List<LsmFile<K>> after;
        try (RecordReader<KeyValue<K, V>> reader =
                MergeReaders.mergeSections(sections, files, keyComparator, mergeFunctionFactory, dropDelete)) {
            long count = 0;
            for (KeyValue<K, V> kv = reader.read(); kv != null; kv = reader.read()) {
                writer.write(kv);
                // A cancelled compaction stops soon and leaves no files behind.
                if ((++count & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("compaction cancelled");
                }
            }
            after = writer.close();
        } catch (Throwable t) {
            writer.abort();
            throw t;
        }
        return new CompactResult<>(filesOf(sections), after);
    }

    protected static <K> List<LsmFile<K>> filesOf(List<List<SortedRun<K>>> sections) {
        List<LsmFile<K>> before = new ArrayList<>();
        for (List<SortedRun<K>> section : sections) {
            for (SortedRun<K> run : section) {
                before.addAll(run.files());
            }
        }
        return before;
    }
}
