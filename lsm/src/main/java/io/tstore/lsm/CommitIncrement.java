package io.tstore.lsm;

import io.tstore.lsm.file.LsmFile;

import java.util.List;

/**
 * What one LSM tree changed since its last commit: level-0 files flushed from the write buffer, changelog files
 * written at flush, and the files compaction removed, added and produced as changelog.
 */
public record CommitIncrement<K>(
        List<LsmFile<K>> newFiles,
        List<LsmFile<K>> changelogFiles,
        List<LsmFile<K>> compactBefore,
        List<LsmFile<K>> compactAfter,
        List<LsmFile<K>> compactChangelog) {

    public CommitIncrement {
        newFiles = List.copyOf(newFiles);
        changelogFiles = List.copyOf(changelogFiles);
        compactBefore = List.copyOf(compactBefore);
        compactAfter = List.copyOf(compactAfter);
        compactChangelog = List.copyOf(compactChangelog);
    }

    public boolean isEmpty() {
        return newFiles.isEmpty() && changelogFiles.isEmpty() && compactBefore.isEmpty()
                && compactAfter.isEmpty() && compactChangelog.isEmpty();
    }
}
