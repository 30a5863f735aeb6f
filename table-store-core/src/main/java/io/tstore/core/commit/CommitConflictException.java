package io.tstore.core.commit;

/**
 * A commit that cannot land on the latest snapshot: a file it deletes is gone, key ranges of a level would
 * overlap, or bucket counts disagree. Nothing of the snapshot that failed is left behind; the writer must restart
 * from the latest snapshot. When the COMPACT snapshot of a commit conflicts, its APPEND snapshot has landed: the
 * message says so, and {@code TableCommit.abort} keeps the files that landed.
 */
public class CommitConflictException extends RuntimeException {
    public CommitConflictException(String message) {
        super(message);
    }

    public CommitConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
