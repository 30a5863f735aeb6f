package io.tstore.shell;

import io.tstore.core.fs.TableFileErrors;

import java.util.function.Predicate;

/**
 * The one line a shell prints for a failed statement, the same for every engine: engines wrap the reason in
 * exceptions that only say which step failed, so the line comes from the root cause, except that an error about a
 * table's damaged or missing file ({@link TableFileErrors}) is shown as it is (its cause is the bare I/O error).
 */
public final class ErrorMessages {

    private ErrorMessages() {}

    /**
     * The exception whose message says what went wrong: the outermost table-file error in {@code t}'s causes, else
     * the outermost exception that {@code engineReason} accepts (an engine's own error that says it all), else the
     * root cause.
     */
    public static Throwable reason(Throwable t, Predicate<Throwable> engineReason) {
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TableFileErrors.MissingFileException || cause instanceof TableFileErrors.DamagedFileException) {
                return cause;
            }
        }
        Throwable root = t;
        while (!engineReason.test(root) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The first line of {@code t}'s message, or its class's name when it has none. */
    public static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        message = message.strip();
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline).strip() : message;
    }
}
