package io.tstore.core.options;

/** How a primary-key table produces the changelog that streaming readers follow; see docs/changelog.md. */
public enum ChangelogProducer {
    /** No changelog files: followers read the new data files, upserted rows without old values. */
    NONE("none"),
    /** The writer writes the records it is given, with their row kinds, as changelog files. */
    INPUT("input"),
    /** Full compactions, every few commits, compare old and new rows and write the changelog. */
    FULL_COMPACTION("full-compaction"),
    /** Each commit's compaction looks the old rows up in the higher levels and writes the changelog. */
    LOOKUP("lookup");

    private final String value;

    ChangelogProducer(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }
}
