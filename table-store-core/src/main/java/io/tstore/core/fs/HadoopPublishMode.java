package io.tstore.core.fs;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * How {@link HadoopFileIO} publishes a file on one file system, and whether that is atomic against concurrent
 * publishers. Chosen by a pure function of what is known about the file system.
 */
enum HadoopPublishMode {
    /** Write a temp file, then rename it; the rename fails atomically when the target exists (HDFS). */
    ATOMIC_RENAME(true),

    /**
     * Write a temp file, check that the target is absent, then rename: readers still see the whole file or none,
     * but a rename that replaces files (Hadoop's {@code file:}) lets two racing publishers both succeed.
     */
    CHECKED_RENAME(false),

    /** Create without overwrite, with {@code If-None-Match: *} on the upload in {@code close()} (S3A, Hadoop 3.4.2+). */
    CONDITIONAL_CREATE(true),

    /** Create without overwrite on an object store without conditional create: the existence check is separate. */
    CHECKED_CREATE(false);

    private final boolean atomic;

    HadoopPublishMode(boolean atomic) {
        this.atomic = atomic;
    }

    /** Whether concurrent publishers of one target can never both succeed. */
    boolean isAtomic() {
        return atomic;
    }

    /**
     * Picks the mode for a file system with URI scheme {@code scheme}. {@code conditionalCreate} tells whether the
     * file system declares the path capability {@code fs.option.create.conditional.overwrite}.
     */
    static HadoopPublishMode choose(String scheme, Set<String> atomicRenameSchemes, Set<String> objectStoreSchemes, boolean conditionalCreate) {
        requireNonNull(scheme, "scheme is null");
        if (objectStoreSchemes.contains(scheme)) {
            return conditionalCreate ? CONDITIONAL_CREATE : CHECKED_CREATE;
        }
        if (atomicRenameSchemes.contains(scheme)) {
            return ATOMIC_RENAME;
        }
        return conditionalCreate ? CONDITIONAL_CREATE : CHECKED_RENAME;
    }
}
