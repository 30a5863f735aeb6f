package io.tstore.core.options;

/** When the records a writer sends to a table's log become visible to its readers. */
public enum LogConsistency {
    /** At the table commit: the log's transaction commits with it, and readers read committed records only. */
    TRANSACTIONAL("transactional"),
    /** At once: records are sent without a transaction, at least once; readers normalise duplicates. */
    EVENTUAL("eventual");

    private final String value;

    LogConsistency(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }
}
