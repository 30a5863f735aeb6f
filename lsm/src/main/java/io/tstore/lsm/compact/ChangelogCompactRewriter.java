package io.tstore.lsm.compact;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.merge.LoserTree;
import io.tstore.lsm.merge.MergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

import static java.util.Objects.requireNonNull;

/**
 * A compaction rewriter that also writes the changelog of the records it merges. The tree is split in two by
 * level: records on the levels that {@link #isChangelogged} accepts are already in the changelog, the others are
 * not yet. A compaction that {@link #producesChangelog produces changelog} takes the versions of every key whose
 * inputs include a record not yet in the changelog, and compares
 *
 * <ul>
 *   <li><b>before</b>: the merge of the key's versions that are already in the changelog: those on levels the
 *       compaction does not read ({@link #olderVersions}) and its inputs on changelogged levels; and
 *   <li><b>after</b>: the merge of those older versions with the compaction's merged output for the key,
 *   </li>
 * </ul>
 *
 * <p>both merged the way a reader merges the files of the bucket (so a merge engine that is not associative still
 * gets the changelog of what readers see), a retraction or nothing counting as no row. It writes +I (no row before),
 * -D (no row after), or -U before and +U after; nothing when the winning version did not change (the same sequence
 * number: a first-row key written again, a late version under a sequence field) or, with an equality for row
 * deduplication, when the values are equal. Records go out in key order, -U before +U.
 *
 * <p>A file moved to the output level without rewriting gets its changelog too when its level was not
 * changelogged. Subclasses decide the split: {@link LookupChangelogRewriter} (level 0 is new, everything else is
 * changelogged) and {@link FullCompactionChangelogRewriter} (only the max level is changelogged).
 */
public abstract class ChangelogCompactRewriter<K, V> extends MergeTreeCompactRewriter<K, V> {
    private final BiPredicate<V, V> equalValues;

    /**
     * @param equalValues whether two values are equal, so that an update that changes nothing writes no -U/+U
     *     pair; null to write the pair for every update
     */
    protected ChangelogCompactRewriter(
            RunFiles<K, V> files,
            Comparator<K> keyComparator,
            MergeFunctionFactory<K, V> mergeFunctionFactory,
            BiPredicate<V, V> equalValues) {
        super(files, keyComparator, mergeFunctionFactory);
        this.equalValues = equalValues;
    }

    /** Whether a compaction into this level writes changelog for its records not yet in the changelog. */
    protected abstract boolean producesChangelog(int outputLevel);

    /** Whether the records of files on this level are already in the changelog. */
    protected abstract boolean isChangelogged(int level);

    /**
     * The versions of {@code key} on the levels above the output, which the compaction does not read, oldest first.
     * Called from the compaction thread.
     *
     * @param hasChangeloggedInput whether the compaction's inputs hold a changelogged version of the key (newer
     *     than anything above the output)
     */
    protected abstract List<KeyValue<K, V>> olderVersions(K key, int outputLevel, boolean hasChangeloggedInput)
            throws IOException;

    private boolean needsChangelog(int outputLevel, List<LsmFile<K>> inputs) {
        if (!producesChangelog(outputLevel)) {
            return false;
        }
        for (LsmFile<K> file : inputs) {
            if (!isChangelogged(file.level())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CompactResult<K> rewrite(int outputLevel, boolean dropDelete, List<List<SortedRun<K>>> sections) throws Exception {
        List<LsmFile<K>> before = filesOf(sections);
        if (!needsChangelog(outputLevel, before)) {
            return super.rewrite(outputLevel, dropDelete, sections);
        }
        RunWriter<K, V> dataWriter = files.newWriter(outputLevel);
        RunWriter<K, V> changelogWriter = files.newChangelogWriter();
        List<LsmFile<K>> after;
        List<LsmFile<K>> changelog;
        MergeFunction<K, V> outputMerge = mergeFunctionFactory.create();
        MergeFunction<K, V> diffMerge = mergeFunctionFactory.create();
        try (RecordReader<Leveled<K, V>> reader = readSections(sections)) {
            List<Leveled<K, V>> versions = new ArrayList<>();
            Leveled<K, V> pending = reader.read();
            long keys = 0;
            while (pending != null) {
                versions.clear();
                K key = pending.record().key();
                do {
                    versions.add(pending);
                    pending = reader.read();
                } while (pending != null && keyComparator.compare(pending.record().key(), key) == 0);

                outputMerge.reset();
                for (Leveled<K, V> version : versions) {
                    outputMerge.add(version.record());
                }
                KeyValue<K, V> merged = outputMerge.getResult();
                if (merged != null && !(dropDelete && merged.kind().isRetract())) {
                    dataWriter.write(merged);
                }
                writeChangelog(key, versions, merged, outputLevel, diffMerge, changelogWriter);
                // A cancelled compaction stops soon and leaves no files behind.
                if ((++keys & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("compaction cancelled");
                }
            }
            changelog = changelogWriter.close();
            after = dataWriter.close();
        } catch (Throwable t) {
            dataWriter.abort();
            changelogWriter.abort();
            throw t;
        }
        return new CompactResult<>(before, after, changelog);
    }

    @Override
    public CompactResult<K> upgrade(int outputLevel, LsmFile<K> file) throws Exception {
        if (!needsChangelog(outputLevel, List.of(file))) {
            return super.upgrade(outputLevel, file);
        }
        // The file moves as it is, so what readers see of each key afterwards is its record as written.
        RunWriter<K, V> changelogWriter = files.newChangelogWriter();
        List<LsmFile<K>> changelog;
        MergeFunction<K, V> diffMerge = mergeFunctionFactory.create();
        try (RecordReader<KeyValue<K, V>> reader = files.read(file)) {
            List<Leveled<K, V>> versions = new ArrayList<>(1);
            long keys = 0;
            for (KeyValue<K, V> record = reader.read(); record != null; record = reader.read()) {
                versions.clear();
                versions.add(new Leveled<>(record, file.level()));
                writeChangelog(record.key(), versions, record, outputLevel, diffMerge, changelogWriter);
                if ((++keys & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("compaction cancelled");
                }
            }
            changelog = changelogWriter.close();
        } catch (Throwable t) {
            changelogWriter.abort();
            throw t;
        }
        return new CompactResult<>(List.of(file), List.of(file.upgrade(outputLevel)), changelog);
    }

    /** Writes the changelog of one key, whose inputs are {@code versions} and whose output is {@code merged}. */
    private void writeChangelog(
            K key,
            List<Leveled<K, V>> versions,
            KeyValue<K, V> merged,
            int outputLevel,
            MergeFunction<K, V> diffMerge,
            RunWriter<K, V> changelog) throws IOException {
        boolean hasNew = false;
        boolean hasChangelogged = false;
        for (Leveled<K, V> version : versions) {
            if (isChangelogged(version.level())) {
                hasChangelogged = true;
            } else {
                hasNew = true;
            }
        }
        if (!hasNew) {
            return;
        }
        List<KeyValue<K, V>> older = olderVersions(key, outputLevel, hasChangelogged);

        diffMerge.reset();
        boolean any = false;
        for (KeyValue<K, V> version : older) {
            diffMerge.add(version);
            any = true;
        }
        for (Leveled<K, V> version : versions) {
            if (isChangelogged(version.level())) {
                diffMerge.add(version.record());
                any = true;
            }
        }
        KeyValue<K, V> before = any ? row(diffMerge.getResult()) : null;

        KeyValue<K, V> after;
        if (older.isEmpty()) {
            after = row(merged);
        } else {
            diffMerge.reset();
            for (KeyValue<K, V> version : older) {
                diffMerge.add(version);
            }
            if (merged != null) {
                diffMerge.add(merged);
            }
            after = row(diffMerge.getResult());
        }

        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            changelog.write(after.withKind(RowKind.INSERT));
        } else if (after == null) {
            changelog.write(before.withKind(RowKind.DELETE));
        } else if (before.sequenceNumber() == after.sequenceNumber()) {
            return; // the same version still wins: nothing changed
        } else if (equalValues != null && equalValues.test(before.value(), after.value())) {
            return;
        } else {
            changelog.write(before.withKind(RowKind.UPDATE_BEFORE));
            changelog.write(after.withKind(RowKind.UPDATE_AFTER));
        }
    }

    /** The record as a row a reader sees, or null when readers see no row (nothing, or a retraction). */
    private static <K, V> KeyValue<K, V> row(KeyValue<K, V> record) {
        return record == null || record.kind().isRetract() ? null : record;
    }

    /** Every version of every key of the sections, in key and sequence order, each with the level it was read from. */
    private RecordReader<Leveled<K, V>> readSections(List<List<SortedRun<K>>> sections) {
        Comparator<Leveled<K, V>> order = (a, b) -> {
            int c = keyComparator.compare(a.record().key(), b.record().key());
            return c != 0 ? c : Long.compare(a.record().sequenceNumber(), b.record().sequenceNumber());
        };
        return RecordReader.concat(sections, section -> {
            if (section.size() == 1) {
                return readRun(section.get(0));
            }
            List<RecordReader<Leveled<K, V>>> readers = new ArrayList<>();
            for (SortedRun<K> run : section) {
                readers.add(readRun(run));
            }
            return new LoserTree<>(readers, order);
        });
    }

    private RecordReader<Leveled<K, V>> readRun(SortedRun<K> run) {
        return RecordReader.concat(run.files(), file -> {
            int level = file.level();
            return files.read(file).map(record -> new Leveled<>(record, level));
        });
    }

    /** A record and the level of the file it was read from. */
    private record Leveled<K, V>(KeyValue<K, V> record, int level) {
        Leveled {
            requireNonNull(record, "record is null");
        }
    }
}
