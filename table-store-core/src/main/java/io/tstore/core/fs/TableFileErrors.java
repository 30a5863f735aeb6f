package io.tstore.core.fs;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Errors about one file of a table that is missing or cannot be read: the message names the table, the file's role
 * (snapshot file, schema file, manifest list, manifest file, data file, tag file), its path, what is wrong with it,
 * and what to do. The table is found from the path (files live under {@code <warehouse>/<database>.db/<table>/}).
 */
public final class TableFileErrors {

    private TableFileErrors() {}

    /** A file that a table refers to is not there. Stays a {@link FileNotFoundException} for callers that expect one. */
    public static final class MissingFileException extends FileNotFoundException {
        private final Path file;

        MissingFileException(String message, Path file, Throwable cause) {
            super(message);
            this.file = file;
            initCause(cause);
        }

        public Path file() {
            return file;
        }
    }

    /** A file of a table is there but cannot be read (truncated, garbled, not of its format). */
    public static final class DamagedFileException extends IOException {
        private final Path file;

        DamagedFileException(String message, Path file, Throwable cause) {
            super(message, cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** Something that opens or reads a file. */
    @FunctionalInterface
    public interface Reading<T> {
        T read() throws IOException;
    }

    /**
     * Runs {@code reading} of the table file {@code file}, whose role is {@code role} ("snapshot file", ...), and turns
     * a missing file into a {@link MissingFileException} and any other failure into a {@link DamagedFileException},
     * each naming the table, the role, the file and the cause. Errors that already name their file pass unchanged.
     */
    public static <T> T reading(String role, Path file, Reading<T> reading) throws IOException {
        try {
            return reading.read();
        } catch (MissingFileException | DamagedFileException e) {
            throw e;
        } catch (FileNotFoundException e) {
            throw missing(role, file, e);
        } catch (IOException | RuntimeException e) {
            throw damaged(role, file, e);
        }
    }

    public static MissingFileException missing(String role, Path file, Throwable cause) {
        String table = tableOf(file);
        return new MissingFileException(String.format("Table %s: the %s %s is missing. %s", table, role, file,
                advice(table)), file, cause);
    }

    public static DamagedFileException damaged(String role, Path file, Throwable cause) {
        String table = tableOf(file);
        return new DamagedFileException(String.format("Table %s: the %s %s cannot be read (%s). %s", table, role, file,
                firstLine(cause), advice(table)), file, cause);
    }

    private static String advice(String table) {
        return "CALL sys.check_table('" + table + "') lists every damaged file; restore the file, or roll back to a "
                + "snapshot that does not use it.";
    }

    /** {@code db.t} for a file under {@code <warehouse>/db.db/t/}, else the path of its directory. */
    public static String tableOf(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            if (isDatabaseDirectory(dir.getParent())) {
                return tableNameOf(dir);
            }
        }
        return file.getParent() == null ? file.toString() : file.getParent().toString();
    }

    /** {@code db.t} for the table directory {@code <warehouse>/db.db/t}, else the directory's name. */
    public static String tableNameOf(Path tablePath) {
        String name = tablePath.getName();
        Path parent = tablePath.getParent();
        if (parent != null && isDatabaseDirectory(parent)) {
            String database = parent.getName();
            return database.substring(0, database.length() - 3) + "." + name;
        }
        return name.isEmpty() ? tablePath.toString() : name;
    }

    private static boolean isDatabaseDirectory(Path dir) {
        String name = dir.getName();
        return name.endsWith(".db") && name.length() > 3;
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
