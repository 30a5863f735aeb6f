package io.tstore.lsm.compact;

import io.tstore.lsm.file.LsmFile;

import java.util.ArrayList;
import java.util.List;

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

    @Override
    public String toString() {
        return "CompactResult{before=" + before.stream().map(LsmFile::fileName).toList()
                + ", after=" + after.stream().map(LsmFile::fileName).toList()
                + ", changelog=" + changelog.stream().map(LsmFile::fileName).toList() + "}";
    }
}
