package io.tstore.core.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateJson;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * What an engine reads of a table, as its planner pushed it down: the rows (a filter), the columns (a projection),
 * how many (a limit) and when (time travel: a snapshot id, a tag or a time). An immutable value that engines ship
 * from their planner to their tasks, by Java serialization (Flink, Spark) or as JSON (Trino), and turn into a
 * {@link ReadBuilder} where they read ({@link #apply}).
 *
 * <p>The limit is a hint: {@link ReadBuilder#read()} honours it, while an engine that reads splits in parallel
 * stops each reader there and lets its planner apply the query's limit. Time travel applies to batch reads only
 * (a streaming read starts per the table's scan options).
 *
 * <p>JSON form, version 1: {@code {"version": 1, "projection": [2, 0] | null, "filter": <PredicateJson> | null,
 * "limit": -1, "snapshotId": 5 | null, "tag": "t" | null, "timestampMillis": 1700000000000 | null}}; at most one
 * of the three time-travel fields is set. The Java-serialized form carries the same version, checked on reading.
 */
public final class ReadDescription implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything of the latest snapshot: no filter, all columns, no limit. */
    public static final ReadDescription ALL = new ReadDescription(null, null, -1, null, null, null);

    private final int version;
    private final int[] projection;
    private final Predicate filter;
    private final long limit;
    private final Long snapshotId;
    private final String tagName;
    private final Long timestampMillis;

    private ReadDescription(int[] projection, Predicate filter, long limit, Long snapshotId, String tagName, Long timestampMillis) {
        this.version = VERSION;
        this.projection = projection == null ? null : projection.clone();
        this.filter = filter;
        if (limit < -1) {
            throw new IllegalArgumentException("limit must be -1 (none) or non-negative: " + limit);
        }
        this.limit = limit;
        if (snapshotId != null && snapshotId < 1) {
            throw new IllegalArgumentException("A snapshot id is at least 1, got " + snapshotId);
        }
        int pointsInTime = (snapshotId != null ? 1 : 0) + (tagName != null ? 1 : 0) + (timestampMillis != null ? 1 : 0);
        if (pointsInTime > 1) {
            throw new IllegalArgumentException("A read travels to one point in time: a snapshot id, a tag or a time, "
                    + "got snapshot " + snapshotId + ", tag " + tagName + " and time " + timestampMillis);
        }
        this.snapshotId = snapshotId;
        this.tagName = tagName;
        this.timestampMillis = timestampMillis;
    }

    /** A read of all columns and rows of the latest snapshot; refine it with the {@code with...} methods. */
    public static ReadDescription all() {
        return ALL;
    }

    /** Positions of the table's columns to read, in output order; null for all columns. */
    public int[] projection() {
        return projection == null ? null : projection.clone();
    }

    /** The rows to keep; null for all. */
    public Predicate filter() {
        return filter;
    }

    /** At most this many rows, or -1. */
    public long limit() {
        return limit;
    }

    /** The snapshot to read, or null. */
    public Long snapshotId() {
        return snapshotId;
    }

    /** The tag whose snapshot to read, or null. */
    public String tagName() {
        return tagName;
    }

    /** Read the latest snapshot at or before this time (epoch milliseconds), or null. */
    public Long timestampMillis() {
        return timestampMillis;
    }

    /** Whether this read travels back in time (a snapshot, a tag or a time). */
    public boolean isTimeTravel() {
        return snapshotId != null || tagName != null || timestampMillis != null;
    }

    public ReadDescription withProjection(int[] newProjection) {
        return new ReadDescription(newProjection, filter, limit, snapshotId, tagName, timestampMillis);
    }

    public ReadDescription withFilter(Predicate newFilter) {
        return new ReadDescription(projection, newFilter, limit, snapshotId, tagName, timestampMillis);
    }

    public ReadDescription withLimit(long newLimit) {
        return new ReadDescription(projection, filter, newLimit, snapshotId, tagName, timestampMillis);
    }

    /** Reads this snapshot (replacing any other time travel). */
    public ReadDescription atSnapshot(long id) {
        return new ReadDescription(projection, filter, limit, id, null, null);
    }

    /** Reads the snapshot of this tag (replacing any other time travel). */
    public ReadDescription atTag(String name) {
        return new ReadDescription(projection, filter, limit, null, requireNonNull(name, "name is null"), null);
    }

    /** Reads the latest snapshot at or before this time (replacing any other time travel). */
    public ReadDescription atTimestampMillis(long millis) {
        return new ReadDescription(projection, filter, limit, null, null, millis);
    }

    /** Reads the latest snapshot (no time travel). */
    public ReadDescription atLatest() {
        return new ReadDescription(projection, filter, limit, null, null, null);
    }

    /**
     * A read builder of the table with this description applied: projection, filter, limit and time travel. Time
     * travel on a table without snapshots (a system table) fails with {@link UnsupportedOperationException}.
     */
    public ReadBuilder apply(Table table) {
        ReadBuilder builder = table.newReadBuilder();
        if (projection != null) {
            builder.withProjection(projection);
        }
        if (filter != null) {
            builder.withFilter(filter);
        }
        if (limit >= 0) {
            builder.withLimit(limit);
        }
        if (snapshotId != null) {
            builder.withSnapshot(snapshotId);
        } else if (tagName != null) {
            builder.withTag(tagName);
        } else if (timestampMillis != null) {
            builder.withTimestampMillis(timestampMillis);
        }
        return builder;
    }

    /** The JSON form (see the class comment). */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        if (projection == null) {
            node.putNull("projection");
        } else {
            ArrayNode fields = node.putArray("projection");
            for (int field : projection) {
                fields.add(field);
            }
        }
        if (filter == null) {
            node.putNull("filter");
        } else {
            node.set("filter", PredicateJson.toVersionedNode(filter));
        }
        node.put("limit", limit);
        putOrNull(node, "snapshotId", snapshotId);
        if (tagName == null) {
            node.putNull("tag");
        } else {
            node.put("tag", tagName);
        }
        putOrNull(node, "timestampMillis", timestampMillis);
        return node.toString();
    }

    private static void putOrNull(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /**
     * A read description from its JSON form.
     *
     * @throws IllegalArgumentException naming the problem when the text is not a read description of a known version
     */
    public static ReadDescription fromJson(String json) {
        requireNonNull(json, "json is null");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a read description (invalid JSON): " + e.getMessage(), e);
        }
        JsonNode version = node.path("version");
        if (!version.canConvertToInt() || version.asInt() != VERSION) {
            throw new IllegalArgumentException("Cannot read a read description of version " + version
                    + "; this version reads version " + VERSION);
        }
        int[] projection = null;
        JsonNode fields = node.path("projection");
        if (fields.isArray()) {
            projection = new int[fields.size()];
            for (int i = 0; i < projection.length; i++) {
                if (!fields.get(i).canConvertToInt()) {
                    throw new IllegalArgumentException("Read description has a projection that is not of column positions: " + fields);
                }
                projection[i] = fields.get(i).asInt();
            }
        } else if (!fields.isNull() && !fields.isMissingNode()) {
            throw new IllegalArgumentException("Read description has a projection that is not an array: " + fields);
        }
        JsonNode filter = node.path("filter");
        Predicate predicate = filter.isNull() || filter.isMissingNode() ? null : PredicateJson.fromVersionedNode(filter);
        long limit = node.path("limit").asLong(-1);
        return new ReadDescription(projection, predicate, limit, longOrNull(node, "snapshotId"),
                node.hasNonNull("tag") ? node.get("tag").asText() : null, longOrNull(node, "timestampMillis"));
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException("Read description has a '" + field + "' that is not a number: " + value);
        }
        return value.asLong();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (version != VERSION) {
            throw new InvalidObjectException("Cannot read a read description of version " + version
                    + "; this version reads version " + VERSION);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadDescription that
                && Arrays.equals(projection, that.projection)
                && Objects.equals(filter, that.filter)
                && limit == that.limit
                && Objects.equals(snapshotId, that.snapshotId)
                && Objects.equals(tagName, that.tagName)
                && Objects.equals(timestampMillis, that.timestampMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(projection), filter, limit, snapshotId, tagName, timestampMillis);
    }

    @Override
    public String toString() {
        return "ReadDescription{projection=" + Arrays.toString(projection) + ", filter=" + filter + ", limit=" + limit
                + (snapshotId != null ? ", snapshot=" + snapshotId : "")
                + (tagName != null ? ", tag=" + tagName : "")
                + (timestampMillis != null ? ", timestampMillis=" + timestampMillis : "") + "}";
    }
}
