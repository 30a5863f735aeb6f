package io.tstore.core.commit;

/**
 * A commit that cannot land on the latest snapshot: a file it deletes is gone, key ranges of a level would
 * overlap, or bucket counts disagree. Nothing of the failed commit is left behind; the writer must restart from
 * the latest snapshot.
 */
public class CommitConflictException extends RuntimeException {
    public CommitConflictException(String message) {
        super(message);
    }
}
