package io.tstore.core.options;

/** Which changes a table's log carries. */
public enum LogChangelogMode {
    /** {@code upsert} for a primary-key table with {@code eventual} consistency, {@code all} otherwise. */
    AUTO("auto"),
    /** Every change as written: +I, -U, +U and -D. */
    ALL("all"),
    /** The latest image of each key: +I, +U and -D; update-befores (-U) are not sent. Primary-key tables only. */
    UPSERT("upsert");

    private final String value;

    LogChangelogMode(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }
}
