package io.tstore.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataTypeJson;
import io.tstore.core.types.RowType;
import io.tstore.options.Options;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One immutable version of a table's schema, stored as JSON in {@code schema/schema-<id>}: its columns with field
 * ids, partition keys, primary key, options and comment. Ids count 0, 1, 2... from the schema that created the
 * table; each {@link SchemaChange} makes the next one (see {@link SchemaEvolution}).
 *
 * <p>{@code highestFieldId} is the largest field id the table ever used, nested row fields included: new fields
 * take ids above it, so an id is never reused, not even by a dropped column's namesake.
 *
 * <p>Column names are case-sensitive, but no two names of one row may differ only in case (see
 * {@link SchemaValidation}).
 *
 * <p>A schema is valid by construction (see {@link SchemaValidation} for the rules). Creating and changing a
 * table check options strictly: an unknown option is an error. Reading a schema file checks everything but tolerates
 * options this version does not know, so that an older reader can still read a table a newer writer tuned; values
 * of options it does know must still parse.
 *
 * <p>The JSON format:
 * <pre>
 * {"version": 1, "id": 0, "fields": [{"id": 0, "name": "id", "type": "BIGINT NOT NULL"}, ...],
 *  "highestFieldId": 3, "partitionKeys": ["dt"], "primaryKeys": ["dt", "id"], "options": {"bucket": "2"},
 *  "comment": "...", "timeMillis": 1700000000000}
 * </pre>
 * Types are written with {@link DataTypeJson}, which keeps the ids of nested rows. A missing comment is left out;
 * unknown members are ignored; a newer {@code version} is rejected.
 */
public final class TableSchema {
    /** The version of this JSON format; readers reject a newer one. */
    public static final int CURRENT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final long id;
    private final List<DataField> fields;
    private final int highestFieldId;
    private final List<String> partitionKeys;
    private final List<String> primaryKeys;
    private final Map<String, String> options;
    private final Options optionsView;
    private final String comment;
    private final long timeMillis;
    private final RowType rowType;

    /** A schema checked with strict options and no table name in its errors; see {@link #of} for those. */
    public TableSchema(
            long id,
            List<DataField> fields,
            int highestFieldId,
            List<String> partitionKeys,
            List<String> primaryKeys,
            Map<String, String> options,
            String comment,
            long timeMillis) {
        this(null, true, id, fields, highestFieldId, partitionKeys, primaryKeys, options, comment, timeMillis);
    }

    private TableSchema(
            String table,
            boolean strictOptions,
            long id,
            List<DataField> fields,
            int highestFieldId,
            List<String> partitionKeys,
            List<String> primaryKeys,
            Map<String, String> options,
            String comment,
            long timeMillis) {
        this.id = id;
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        this.highestFieldId = highestFieldId;
        this.partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        this.primaryKeys = List.copyOf(requireNonNull(primaryKeys, "primaryKeys is null"));
        this.options = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(options, "options is null")));
        this.optionsView = new Options(this.options);
        this.comment = comment;
        this.timeMillis = timeMillis;
        // Validation reads only the fields above; the row type is built after it, so that a duplicate name fails
        // with the table's name rather than in RowType's constructor.
        SchemaValidation.validate(this, table, strictOptions);
        this.rowType = new RowType(this.fields);
    }

    /**
     * A schema of table {@code table} (null when unnamed; errors then say just "Table"), validated with strict
     * options: the way {@link SchemaEvolution} makes new versions.
     */
    public static TableSchema of(
            String table,
            long id,
            List<DataField> fields,
            int highestFieldId,
            List<String> partitionKeys,
            List<String> primaryKeys,
            Map<String, String> options,
            String comment,
            long timeMillis) {
        return new TableSchema(table, true, id, fields, highestFieldId, partitionKeys, primaryKeys, options, comment, timeMillis);
    }

    /**
     * The first schema (id 0) of a new table, as CREATE TABLE makes it: primary key columns are made NOT NULL
     * whatever nullability they were declared with, since a key can never be null.
     */
    public static TableSchema create(Schema schema, String table, long timeMillis) {
        requireNonNull(schema, "schema is null");
        Set<String> primaryKeys = new HashSet<>(schema.primaryKeys());
        List<DataField> fields = new ArrayList<>(schema.fields().size());
        for (DataField field : schema.fields()) {
            fields.add(primaryKeys.contains(field.name()) ? field.withType(field.type().notNull()) : field);
        }
        return of(table, 0, fields, FieldIds.highestId(fields), schema.partitionKeys(),
                schema.primaryKeys(), schema.options(), schema.comment(), timeMillis);
    }

    public long id() {
        return id;
    }

    /** The columns, in order, with their ids. */
    public List<DataField> fields() {
        return fields;
    }

    public List<String> fieldNames() {
        return rowType.fieldNames();
    }

    /** The largest field id this table ever used, nested fields included; -1 for none. */
    public int highestFieldId() {
        return highestFieldId;
    }

    public List<String> partitionKeys() {
        return partitionKeys;
    }

    public List<String> primaryKeys() {
        return primaryKeys;
    }

    /** The options as they were set; {@link #options()} reads them with their defaults. */
    public Map<String, String> optionsMap() {
        return options;
    }

    public Options options() {
        return optionsView;
    }

    /** The table's comment, or null. */
    public String comment() {
        return comment;
    }

    /** When this schema was made, in milliseconds since the epoch. */
    public long timeMillis() {
        return timeMillis;
    }

    /** The type of the table's rows. */
    public RowType rowType() {
        return rowType;
    }

    /** The row of the partition key columns, in partition key order. */
    public RowType logicalPartitionType() {
        return rowType.project(partitionKeys);
    }

    /** The row of the primary key columns, in primary key order; no fields for a table without primary key. */
    public RowType logicalPrimaryKeyType() {
        return rowType.project(primaryKeys);
    }

    /**
     * The primary key without the partition keys: the key of the LSM tree of each bucket. A partition's rows all
     * have the same partition values, so they add nothing to the order or the uniqueness within it.
     */
    public List<String> trimmedPrimaryKeys() {
        List<String> trimmed = new ArrayList<>(primaryKeys);
        trimmed.removeAll(partitionKeys);
        return Collections.unmodifiableList(trimmed);
    }

    public RowType logicalTrimmedPrimaryKeyType() {
        return rowType.project(trimmedPrimaryKeys());
    }

    /**
     * The columns whose hash picks a row's bucket: option {@code bucket-key} when set, else the trimmed primary key,
     * else (no primary key) every column.
     */
    public List<String> bucketKeys() {
        String bucketKey = options.get(CoreOptions.BUCKET_KEY.key());
        if (bucketKey != null) {
            return SchemaValidation.columnList(bucketKey);
        }
        if (!primaryKeys.isEmpty()) {
            return trimmedPrimaryKeys();
        }
        return fieldNames();
    }

    public RowType logicalBucketKeyType() {
        return rowType.project(bucketKeys());
    }

    public String toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("version", CURRENT_VERSION);
        json.put("id", id);
        ArrayNode fieldsJson = json.putArray("fields");
        for (DataField field : fields) {
            fieldsJson.add(DataTypeJson.fieldToJson(field));
        }
        json.put("highestFieldId", highestFieldId);
        partitionKeys.forEach(json.putArray("partitionKeys")::add);
        primaryKeys.forEach(json.putArray("primaryKeys")::add);
        ObjectNode optionsJson = json.putObject("options");
        options.forEach(optionsJson::put);
        if (comment != null) {
            json.put("comment", comment);
        }
        json.put("timeMillis", timeMillis);
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a schema file's content; see the class comment for what is checked. */
    public static TableSchema fromJson(String text) {
        requireNonNull(text, "text is null");
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a table schema: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Not a table schema: expected a JSON object");
        }
        long id = requireLong(json, "id");
        long version = requireLong(json, "version");
        if (version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Schema " + id + " has format version " + version
                    + ", newer than this reader's " + CURRENT_VERSION + "; read this table with a newer TStore");
        }
        if (version < 1) {
            throw new IllegalArgumentException("Schema " + id + " has an invalid format version " + version);
        }
        List<DataField> fields = new ArrayList<>();
        for (JsonNode field : requireArray(json, "fields", true)) {
            fields.add(DataTypeJson.fieldFromJson(field));
        }
        long highestFieldId = requireLong(json, "highestFieldId");
        if (highestFieldId > Integer.MAX_VALUE || highestFieldId < -1) {
            throw new IllegalArgumentException("Schema " + id + " has an invalid highestFieldId " + highestFieldId);
        }
        Map<String, String> options = new TreeMap<>();
        JsonNode optionsJson = json.get("options");
        if (optionsJson != null && !optionsJson.isNull()) {
            if (!optionsJson.isObject()) {
                throw new IllegalArgumentException("Not a table schema: \"options\" must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = optionsJson.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> option = it.next();
                if (!option.getValue().isTextual()) {
                    throw new IllegalArgumentException("Not a table schema: the value of option '" + option.getKey()
                            + "' must be a string, but is " + option.getValue());
                }
                options.put(option.getKey(), option.getValue().textValue());
            }
        }
        JsonNode comment = json.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new IllegalArgumentException("Not a table schema: \"comment\" must be a string");
        }
        JsonNode time = json.get("timeMillis");
        return new TableSchema(null, false, id, fields, (int) highestFieldId,
                stringList(json, "partitionKeys"), stringList(json, "primaryKeys"), options,
                comment == null || comment.isNull() ? null : comment.textValue(),
                time == null ? 0 : time.asLong());
    }

    private static long requireLong(JsonNode json, String member) {
        JsonNode value = json.get(member);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("Not a table schema: \"" + member + "\" must be an integer, but is " + value);
        }
        return value.longValue();
    }

    private static JsonNode requireArray(JsonNode json, String member, boolean required) {
        JsonNode value = json.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("Not a table schema: missing \"" + member + "\"");
            }
            return MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("Not a table schema: \"" + member + "\" must be an array, but is " + value);
        }
        return value;
    }

    private static List<String> stringList(JsonNode json, String member) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : requireArray(json, member, false)) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("Not a table schema: \"" + member + "\" must hold strings, but has " + value);
            }
            values.add(value.textValue());
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema other
                && id == other.id
                && highestFieldId == other.highestFieldId
                && timeMillis == other.timeMillis
                && fields.equals(other.fields)
                && partitionKeys.equals(other.partitionKeys)
                && primaryKeys.equals(other.primaryKeys)
                && options.equals(other.options)
                && Objects.equals(comment, other.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fields, highestFieldId, partitionKeys, primaryKeys, options, comment, timeMillis);
    }

    @Override
    public String toString() {
        return "TableSchema{id=" + id + ", fields=" + fields + ", partitionKeys=" + partitionKeys
                + ", primaryKeys=" + primaryKeys + ", options=" + options + "}";
    }
}
