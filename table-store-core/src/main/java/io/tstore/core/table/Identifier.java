package io.tstore.core.table;

import java.io.Serializable;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The name of a table: a database and a table name. Names become directory names, so they are checked: not
 * empty, no {@code /}, {@code \}, no control characters, not {@code .} or {@code ..}, and no {@code $} (which
 * separates a table from its system tables, as in {@code t$snapshots}).
 */
public record Identifier(String database, String table) implements Serializable {

    public Identifier {
        checkName("database", database);
        checkName("table", table);
    }

    public static Identifier of(String database, String table) {
        return new Identifier(database, table);
    }

    /** Parses {@code db.table}. */
    public static Identifier parse(String fullName) {
        requireNonNull(fullName, "fullName is null");
        int dot = fullName.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("Table name '" + fullName + "' must have the form database.table");
        }
        return new Identifier(fullName.substring(0, dot), fullName.substring(dot + 1));
    }

    public String fullName() {
        return database + "." + table;
    }

    /** Checks a database or table name; the error names what is wrong with it. */
    public static void checkName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A " + what + " name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(String.format("Invalid %s name '%s'", what, name));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == '$' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(
                        "Invalid %s name '%s': it must not contain %s", what, printable(name),
                        Character.isISOControl(c) ? "control characters" : "'" + c + "'"));
            }
        }
        if (name.length() > 255) {
            throw new IllegalArgumentException("A " + what + " name must not be longer than 255 characters: '" + name.substring(0, 40) + "...'");
        }
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return fullName();
    }
}
