package io.tstore.spark.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.connector.read.streaming.Offset;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A position of a streaming read of a table, as Spark keeps it in its checkpoint: {@code next}, the id of the next
 * snapshot whose changes are still to be read (everything before it has been read), and, only in a query's initial
 * offset when its scan mode starts with a full read, {@code full}: the snapshot still to be read in full before
 * {@code next} (which is then {@code full + 1}). JSON: {@code {"version":1,"next":8}} or
 * {@code {"version":1,"next":8,"full":7}}.
 */
public final class StreamOffset extends Offset {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long next;
    private final Long full;

    private StreamOffset(long next, Long full) {
        if (next < 1) {
            throw new IllegalArgumentException("A streaming position is a snapshot id of at least 1, got " + next);
        }
        if (full != null && full != next - 1) {
            throw new IllegalArgumentException("A full read of snapshot " + full + " must be followed by snapshot "
                    + (full + 1) + ", not " + next);
        }
        this.next = next;
        this.full = full;
    }

    /** Everything before snapshot {@code next} has been read. */
    public static StreamOffset at(long next) {
        return new StreamOffset(next, null);
    }

    /** Nothing read yet: snapshot {@code snapshotId} is read in full first, then the changes after it. */
    public static StreamOffset beforeFullRead(long snapshotId) {
        return new StreamOffset(snapshotId + 1, snapshotId);
    }

    /** The next snapshot whose changes are read. */
    public long next() {
        return next;
    }

    /** The snapshot read in full before {@link #next()}, or null. */
    public Long full() {
        return full;
    }

    @Override
    public String json() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("next", next);
        if (full != null) {
            node.put("full", full);
        }
        return node.toString();
    }

    /** Reads {@link #json()}; an error naming the text when it is not a position of this form. */
    public static StreamOffset fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a tstore streaming offset: " + json, e);
        }
        if (node == null || !node.isObject() || !node.path("next").canConvertToLong()) {
            throw new IllegalArgumentException("Not a tstore streaming offset (expected {\"version\":1,\"next\":<snapshot id>}): " + json);
        }
        int version = node.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("Unknown version " + version + " of a tstore streaming offset: " + json);
        }
        JsonNode full = node.get("full");
        return new StreamOffset(node.get("next").asLong(), full == null || full.isNull() ? null : full.asLong());
    }
}
