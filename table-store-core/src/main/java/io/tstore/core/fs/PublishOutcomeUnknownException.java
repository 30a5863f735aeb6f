package io.tstore.core.fs;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * {@link FileIO#publish} failed in a way that does not tell whether the file was published: a connection dropped
 * after the request was sent, a rename's answer was lost, a conditional put timed out.
 *
 * <p>The caller must not clean up: the target and everything it refers to may already be visible to readers. It
 * may find out later (by reading the target and recognizing its own content), or give up and leave the files to
 * an orphan-file cleaner that only removes what no snapshot refers to. Any other {@link IOException} thrown by
 * {@code publish} means the file was not published.
 */
public class PublishOutcomeUnknownException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path target;

    public PublishOutcomeUnknownException(Path target, Throwable cause) {
        this(target, cause == null ? "unknown failure" : String.valueOf(cause.getMessage()), cause);
    }

    public PublishOutcomeUnknownException(Path target, String reason, Throwable cause) {
        super(String.format("Publishing %s failed and it is not known whether the file was published; "
                + "do not delete it or the files it refers to: %s", requireNonNull(target, "target is null"), reason), cause);
        this.target = target;
    }

    /** The file that may or may not have been published. */
    public Path target() {
        return target;
    }
}
