package io.tstore.core.fs;

/**
 * The known outcomes of {@link FileIO#publish}. The third outcome, "not known", is not a value: it is a
 * {@link PublishOutcomeUnknownException}, so that no caller can ignore it by accident.
 */
public enum PublishResult {
    /**
     * The file is ours: it did not exist, and now it exists with exactly the content we gave, visible to every
     * reader. A commit that published its snapshot this way has committed.
     */
    PUBLISHED,

    /**
     * Someone else's file was there first, and it was left untouched; nothing of ours is visible at the target. The
     * caller lost the race: it may read the winner's file and retry under another name (the next snapshot id).
     * Everything the caller wrote for its attempt is still its own and may be reused or cleaned up.
     */
    ALREADY_EXISTS,
}
