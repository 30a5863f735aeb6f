package io.tstore.lsm.merge;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.SortedRun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the readers that merge sorted runs: one per section, or one over key-disjoint sections in order. */
public final class MergeReaders {
    private MergeReaders() {}

    /** Orders records by key, then by sequence number: the order in which a key's versions are merged. */
    public static <K, V> Comparator<KeyValue<K, V>> keyValueComparator(Comparator<? super K> keyComparator) {
        return (a, b) -> {
            int c = keyComparator.compare(a.key(), b.key());
            return c != 0 ? c : Long.compare(a.sequenceNumber(), b.sequenceNumber());
        };
    }

    /** Reads the files of one sorted run one after the other. */
    public static <K, V> RecordReader<KeyValue<K, V>> readRun(SortedRun<K> run, RunFiles<K, V> files) {
        return RecordReader.concat(run.files(), files::read);
    }

    /** All versions of every key of overlapping runs, sorted by key and sequence number, not merged. */
    public static <K, V> RecordReader<KeyValue<K, V>> sortedSection(
            List<SortedRun<K>> section, RunFiles<K, V> files, Comparator<? super K> keyComparator) {
        if (section.size() == 1) {
            return readRun(section.get(0), files);
        }
        List<RecordReader<KeyValue<K, V>>> readers = new ArrayList<>();
        for (SortedRun<K> run : section) {
            readers.add(readRun(run, files));
        }
        return new LoserTree<>(readers, keyValueComparator(keyComparator));
    }

    /** One record per key of overlapping runs, merged through the merge function. */
    public static <K, V> RecordReader<KeyValue<K, V>> mergeSection(
            List<SortedRun<K>> section,
            RunFiles<K, V> files,
            Comparator<? super K> keyComparator,
            MergeFunction<K, V> mergeFunction,
            boolean dropDelete) {
        return new MergeFunctionReader<>(sortedSection(section, files, keyComparator), keyComparator, mergeFunction, dropDelete);
    }

    /** Merges key-disjoint sections one after the other, giving one sorted stream with one record per key. */
    public static <K, V> RecordReader<KeyValue<K, V>> mergeSections(
            List<List<SortedRun<K>>> sections,
            RunFiles<K, V> files,
            Comparator<? super K> keyComparator,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            boolean dropDelete) {
        MergeFunction<K, V> mergeFunction = mergeFunctionFactory.create();
        return RecordReader.concat(sections, section -> mergeSection(section, files, keyComparator, mergeFunction, dropDelete));
    }
}
