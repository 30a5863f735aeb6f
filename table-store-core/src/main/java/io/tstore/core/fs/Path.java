package io.tstore.core.fs;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The location of a file or directory of a table: a scheme, an authority and a slash-separated path, held as a
 * {@link URI}. A path without a scheme is on the local file system.
 *
 * <p>Paths are normalized when they are made: duplicate slashes collapse and a trailing slash is dropped, so two
 * spellings of one location are equal. Names of children are checked, because table and database names end up here:
 * a child name can never climb out of its parent or hide a second level.
 */
public final class Path implements Comparable<Path>, Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SEPARATOR = "/";

    // RFC 3986: a scheme starts with a letter and continues with letters, digits, '+', '-' and '.'.
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.\\-]*");

    private final URI uri;

    /**
     * Parses a path such as {@code /warehouse/db.db/t}, {@code file:/tmp/t}, {@code file:///tmp/t},
     * {@code hdfs://namenode:8020/warehouse} or {@code s3a://bucket/warehouse}. The text is taken literally: no
     * percent-decoding, so a name may hold characters such as {@code %}, {@code ?} or a space.
     */
    public Path(String path) {
        requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Path must not be empty");
        }
        String scheme = null;
        String authority = null;
        String rest = path;
        int colon = path.indexOf(':');
        int slash = path.indexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash) && SCHEME.matcher(path.substring(0, colon)).matches()) {
            scheme = path.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = path.substring(colon + 1);
            if (rest.startsWith("//")) {
                int end = rest.indexOf('/', 2);
                authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
                rest = end < 0 ? "" : rest.substring(end);
                if (authority.isEmpty()) {
                    authority = null;
                }
            }
            if (!rest.startsWith(SEPARATOR)) {
                if (!rest.isEmpty() || authority == null) {
                    throw new IllegalArgumentException("Path with scheme '" + scheme + "' must be absolute: '" + path + "'");
                }
                rest = SEPARATOR;
            }
        }
        this.uri = toUri(scheme, authority, normalize(rest), path);
    }

    /** The child {@code name} of {@code parent}; the name must be a single, plain path element. */
    public Path(Path parent, String name) {
        requireNonNull(parent, "parent is null");
        checkName(parent, name);
        String parentPath = parent.uri.getPath();
        String childPath = parentPath.endsWith(SEPARATOR) ? parentPath + name : parentPath + SEPARATOR + name;
        this.uri = toUri(parent.uri.getScheme(), parent.uri.getAuthority(), childPath, childPath);
    }

    /**
     * The child {@code name} of {@code parent} for a name that a file system listing returned: it is one element
     * already, and a listing must not fail on a strange name that someone else created. For {@link FileIO}
     * implementations only.
     */
    public static Path listedChild(Path parent, String name) {
        String parentPath = parent.uri.getPath();
        String childPath = parentPath.endsWith(SEPARATOR) ? parentPath + name : parentPath + SEPARATOR + name;
        return new Path(toUri(parent.uri.getScheme(), parent.uri.getAuthority(), childPath, childPath));
    }

    /** Checks that {@code name} can be a file or directory name: a single path element that stays in its parent. */
    public static void checkName(Path parent, String name) {
        requireNonNull(name, "name is null");
        String reason = null;
        if (name.isEmpty()) {
            reason = "must not be empty";
        } else if (name.equals(".") || name.equals("..")) {
            reason = "must not be '.' or '..'";
        } else if (name.contains(SEPARATOR)) {
            reason = "must not contain '/'";
        } else {
            for (int i = 0; i < name.length(); i++) {
                if (Character.isISOControl(name.charAt(i))) {
                    reason = String.format("must not contain control characters (found U+%04X at index %d)", (int) name.charAt(i), i);
                    break;
                }
            }
        }
        if (reason != null) {
            throw new IllegalArgumentException(String.format("Invalid name '%s' under %s: a name %s", printable(name), parent, reason));
        }
    }

    /** The parent of this path, or null for a root ({@code /}, {@code s3a://bucket/}) or a single relative name. */
    public Path getParent() {
        String path = uri.getPath();
        int last = path.lastIndexOf('/');
        if (path.equals(SEPARATOR) || last < 0) {
            return null;
        }
        String parentPath = last == 0 ? SEPARATOR : path.substring(0, last);
        return new Path(toUri(uri.getScheme(), uri.getAuthority(), parentPath, parentPath));
    }

    /** The last element of this path; empty for a root. */
    public String getName() {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public URI toUri() {
        return uri;
    }

    /** Whether the path is on the local file system: it has no scheme or the scheme {@code file}. */
    public boolean isLocal() {
        return uri.getScheme() == null || uri.getScheme().equals("file");
    }

    /** This path's text, not percent-encoded: {@code scheme://authority/path}, {@code file:/path} or {@code /path}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append(':');
        }
        if (uri.getAuthority() != null) {
            text.append("//").append(uri.getAuthority());
        }
        return text.append(uri.getPath()).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path other && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public int compareTo(Path other) {
        return uri.compareTo(other.uri);
    }

    private Path(URI uri) {
        this.uri = uri;
    }

    private static String normalize(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Path must not be empty");
        }
        String normalized = path.replaceAll("/{2,}", SEPARATOR);
        if (normalized.length() > 1 && normalized.endsWith(SEPARATOR)) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }

    private static URI toUri(String scheme, String authority, String path, String original) {
        try {
            // The multi-argument constructor quotes what is not legal in a URI, so the path is taken literally.
            return new URI(scheme, authority, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid path '" + original + "': " + e.getMessage(), e);
        }
    }

    private static String printable(String name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04X", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
