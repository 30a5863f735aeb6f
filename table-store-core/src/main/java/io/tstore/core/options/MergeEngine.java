package io.tstore.core.options;

/** How the versions of one primary key merge into the row a reader sees. */
public enum MergeEngine {
    /** The last version wins; a delete removes the row. */
    DEDUPLICATE("deduplicate"),
    /** Non-null fields of later versions overwrite earlier ones. */
    PARTIAL_UPDATE("partial-update"),
    /** Each value field is folded by its aggregate function. */
    AGGREGATION("aggregation"),
    /** The first version wins; later ones are ignored. */
    FIRST_ROW("first-row");

    private final String value;

    MergeEngine(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }
}
