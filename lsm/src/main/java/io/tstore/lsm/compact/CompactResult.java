package io.tstore.lsm.compact;

import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a compaction did: files it removed, files it added, and changelog files it produced. */
public final class CompactResult<K> {
    private final List<LsmFile<K>> before = new ArrayList<>();
    private final List<LsmFile<K>> after = new ArrayList<>();
    private final List<LsmFile<K>> changelog = new ArrayList<>();

    public CompactResult() {}

    public CompactResult(List<? extends LsmFile<K>> before, List<? extends LsmFile<K>> after) {
        this.before.addAll(before);
        this.after.addAll(after);
    }

    public CompactResult(List<? extends LsmFile<K>> before, List<? extends LsmFile<K>> after, List<? extends LsmFile<K>> changelog) {
        this(before, after);
        this.changelog.addAll(changelog);
    }

    public List<LsmFile<K>> before() {
        return before;
    }

    public List<LsmFile<K>> after() {
        return after;
    }

    public List<LsmFile<K>> changelog() {
        return changelog;
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty() && changelog.isEmpty();
    }

    public void merge(CompactResult<K> other) {
        before.addAll(other.before);
        after.addAll(other.after);
        changelog.addAll(other.changelog);
    }

    /**
     * Deletes the files this compaction wrote: its outputs that are not merely moved inputs, and its changelog.
     * For a compaction whose result will never be committed.
     */
    public void deleteWrittenFiles(RunFiles<K, ?> files) {
        Set<String> moved = new HashSet<>();
        for (LsmFile<K> file : before) {
            moved.add(file.fileName());
        }
        for (LsmFile<K> file : after) {
            if (!moved.contains(file.fileName())) {
                files.delete(file);
            }
        }
        for (LsmFile<K> file : changelog) {
            files.delete(file);
        }
    }

    @Override
    public String toString() {
        return "CompactResult{before=" + before.stream().map(LsmFile::fileName).toList()
                + ", after=" + after.stream().map(LsmFile::fileName).toList()
                + ", changelog=" + changelog.stream().map(LsmFile::fileName).toList() + "}";
    }
}
