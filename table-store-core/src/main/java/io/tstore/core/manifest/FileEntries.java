package io.tstore.core.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds manifest entries in commit order into the files they leave: an ADD and a later DELETE of a file cancel. */
public final class FileEntries {
    private FileEntries() {}

    /**
     * Merges entries in order. A DELETE whose ADD came earlier removes it; a DELETE without an earlier ADD is kept
     * (it deletes a file of an older manifest), so merging parts of a history stays correct when they are later
     * merged again.
     */
    public static List<ManifestEntry> merge(Iterable<ManifestEntry> entries) {
        Map<ManifestEntry.Identifier, ManifestEntry> merged = new LinkedHashMap<>();
        for (ManifestEntry entry : entries) {
            ManifestEntry.Identifier id = entry.identifier();
            if (entry.kind() == FileKind.ADD) {
                // File names are unique, so a file is added once and never comes back after its deletion.
                ManifestEntry previous = merged.put(id, entry);
                if (previous != null) {
                    throw new IllegalStateException("File " + id + " is added again after an earlier " + previous.kind());
                }
            } else {
                ManifestEntry previous = merged.get(id);
                if (previous != null && previous.kind() == FileKind.ADD) {
                    merged.remove(id);
                } else {
                    merged.put(id, entry);
                }
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** The live files: entries must be a complete history, so every DELETE must match an earlier ADD. */
    public static List<ManifestEntry> mergeAll(Collection<ManifestEntry> entries) {
        List<ManifestEntry> merged = merge(entries);
        for (ManifestEntry entry : merged) {
            if (entry.kind() != FileKind.ADD) {
                throw new IllegalStateException("File " + entry.identifier() + " is deleted but was never added");
            }
        }
        return merged;
    }

}
