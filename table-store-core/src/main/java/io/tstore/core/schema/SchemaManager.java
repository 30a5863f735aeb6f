package io.tstore.core.schema;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.TableFileErrors;
import io.tstore.core.options.CommitOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads and writes the schema files of one table, {@code <table>/schema/schema-<id>}.
 *
 * <p>Schema files are immutable: each is published once with {@link FileIO#publish}, so readers see a whole file
 * or none, and of two writers racing for one id exactly one wins. The latest schema is the one with the largest id.
 * Read schemas are cached by id for the life of this object (a table has few schemas).
 *
 * <p>{@link #commitChanges} is optimistic: it applies the changes to the latest schema and publishes the next id;
 * when another writer took that id first, it applies the changes again on top of the winner's schema, up to
 * {@code commit.max-retries} times. When a publish ends with an unknown outcome it reads the target back: its own
 * content means it committed; no file means it publishes the very same content again (never a re-applied one, so
 * a late arrival of the first attempt cannot apply the changes twice). Nothing but schema files is written, so
 * nothing is left behind by a failed attempt.
 *
 * <p>Thread-safe. Where the file system has no atomic publish ({@link FileIO#supportsAtomicPublish()} is false),
 * two racing commits may both believe they won; the caller must then serialize schema changes with the same lock
 * that serializes snapshot commits.
 */
public final class SchemaManager {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    /** The prefix of schema file names; the id follows. */
    public static final String SCHEMA_PREFIX = "schema-";

    private static final Pattern SCHEMA_FILE = Pattern.compile(Pattern.quote(SCHEMA_PREFIX) + "(0|[1-9][0-9]{0,17})");

    private final FileIO fileIO;
    private final Path tablePath;
    private final String tableName;
    private final LongSupplier clock;
    private final ConcurrentMap<Long, TableSchema> cache = new ConcurrentHashMap<>();

    /** The schemas of the table at {@code tablePath}, named in errors after its path (see {@link #tableNameOf}). */
    public SchemaManager(FileIO fileIO, Path tablePath) {
        this(fileIO, tablePath, tableNameOf(tablePath), System::currentTimeMillis);
    }

    /** @param clock the time new schemas are stamped with, in milliseconds since the epoch */
    public SchemaManager(FileIO fileIO, Path tablePath, String tableName, LongSupplier clock) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.tablePath = requireNonNull(tablePath, "tablePath is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code db.t} for a table at {@code .../db.db/t}, else the last element of the path. */
    public static String tableNameOf(Path tablePath) {
        return TableFileErrors.tableNameOf(tablePath);
    }

    public Path tablePath() {
        return tablePath;
    }

    public Path schemaDirectory() {
        return new Path(tablePath, "schema");
    }

    public Path schemaPath(long id) {
        return new Path(schemaDirectory(), SCHEMA_PREFIX + id);
    }

    /**
     * Creates the table: validates {@code schema} and publishes it as {@code schema-0}. Fails with
     * {@link IllegalStateException} when the table already has a schema, and with {@link IllegalArgumentException}
     * when the schema is not valid (nothing is written then).
     */
    public TableSchema createTable(Schema schema) throws IOException {
        requireNonNull(schema, "schema is null");
        TableSchema first = TableSchema.create(schema, tableName, clock.getAsLong());
        List<Long> existing = listIds();
        if (!existing.isEmpty()) {
            throw alreadyExists("it has schema files with ids " + existing);
        }
        String json = first.toJson();
        int maxRetries = first.options().get(CommitOptions.COMMIT_MAX_RETRIES);
        PublishOutcomeUnknownException unknown = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            Outcome outcome;
            try {
                outcome = tryPublish(0, json);
            } catch (PublishOutcomeUnknownException e) {
                unknown = e;
                continue;
            } catch (IOException e) {
                throw keepUnknown(unknown, e);
            }
            if (outcome == Outcome.OURS) {
                cache.put(0L, first);
                return first;
            }
            throw alreadyExists("another writer created " + schemaPath(0) + " first");
        }
        throw requireNonNull(unknown, "no attempt was made");
    }

    /** The schema with the largest id, or empty when the table has none (it does not exist). */
    public Optional<TableSchema> latest() throws IOException {
        List<Long> ids = listIds();
        return ids.isEmpty() ? Optional.empty() : Optional.of(schema(ids.get(ids.size() - 1)));
    }

    /** The schema with this id; {@link FileNotFoundException} naming the file when there is none. */
    public TableSchema schema(long id) throws IOException {
        TableSchema cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        Path path = schemaPath(id);
        String json;
        try {
            json = fileIO.readUtf8(path);
        } catch (FileNotFoundException e) {
            FileNotFoundException notFound = new FileNotFoundException(
                    "Table " + tableName + " has no schema " + id + ": " + path + " does not exist");
            notFound.initCause(e);
            throw notFound;
        }
        TableSchema schema = TableFileErrors.reading("schema file", path, () -> TableSchema.fromJson(json));
        if (schema.id() != id) {
            throw new IllegalArgumentException("Table " + tableName + ": schema file " + path + " holds schema id "
                    + schema.id() + " instead of " + id);
        }
        TableSchema raced = cache.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    /** Every schema of the table, by id. */
    public List<TableSchema> listAll() throws IOException {
        List<TableSchema> schemas = new ArrayList<>();
        for (long id : listIds()) {
            schemas.add(schema(id));
        }
        return schemas;
    }

    /** The ids of the table's schema files, ascending; other files in the directory (temp files) are ignored. */
    public List<Long> listIds() throws IOException {
        FileStatus[] statuses = fileIO.listStatus(schemaDirectory());
        List<Long> ids = new ArrayList<>();
        for (FileStatus status : statuses) {
            Matcher matcher = SCHEMA_FILE.matcher(status.path().getName());
            if (!status.isDir() && matcher.matches()) {
                ids.add(Long.parseLong(matcher.group(1)));
            }
        }
        ids.sort(null);
        return ids;
    }

    public TableSchema commitChanges(SchemaChange... changes) throws IOException {
        return commitChanges(Arrays.asList(changes));
    }

    /**
     * Applies {@code changes} to the latest schema and publishes the result as the next one, retrying on the new
     * latest schema when a concurrent change won the race (see the class comment). Returns the new schema, or the
     * latest one unchanged when there are no changes. A change that is not valid on the latest schema fails with
     * {@link IllegalArgumentException}; when every attempt's outcome stayed unknown, the last
     * {@link PublishOutcomeUnknownException} is thrown, and the changes may or may not have landed.
     */
    public TableSchema commitChanges(List<SchemaChange> changes) throws IOException {
        requireNonNull(changes, "changes is null");
        TableSchema base = latest().orElseThrow(() -> new IllegalStateException("Table " + tableName
                + " does not exist: there is no schema file in " + schemaDirectory()));
        if (changes.isEmpty()) {
            return base;
        }
        int maxRetries = base.options().get(CommitOptions.COMMIT_MAX_RETRIES);
        TableSchema candidate = null;
        String json = null;
        PublishOutcomeUnknownException unknown = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (candidate == null) {
                candidate = SchemaEvolution.apply(tableName, base, changes, clock.getAsLong());
                json = candidate.toJson();
            }
            Outcome outcome;
            try {
                outcome = tryPublish(candidate.id(), json);
            } catch (PublishOutcomeUnknownException e) {
                // Publish exactly this content again, at the same id: see the class comment.
                LOG.warn("Table {}: publishing schema {} had an unknown outcome; trying the same content again",
                        tableName, candidate.id(), e);
                unknown = e;
                continue;
            } catch (IOException e) {
                throw keepUnknown(unknown, e);
            }
            if (outcome == Outcome.OURS) {
                cache.put(candidate.id(), candidate);
                return candidate;
            }
            LOG.info("Table {}: schema {} was committed concurrently; applying {} again on top of it",
                    tableName, candidate.id(), changes);
            base = baseAfterLosing(candidate.id());
            candidate = null;
            unknown = null;
            // A short random pause, growing with each lost race, so that racing writers spread out instead of
            // one of them losing every time.
            try {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1 + Math.min(1000L, 5L << Math.min(attempt, 8))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Table " + tableName + ": interrupted while retrying a schema change");
            }
        }
        if (unknown != null) {
            throw unknown;
        }
        throw new IllegalStateException("Table " + tableName + ": gave up committing the schema changes " + changes
                + " after " + (maxRetries + 1) + " attempts, each lost to a concurrent schema change (option '"
                + CommitOptions.COMMIT_MAX_RETRIES.key() + "' = " + maxRetries + ")");
    }

    private enum Outcome {
        /** The file holds our content: published by this call or by an earlier one whose outcome was unknown. */
        OURS,
        /** Another writer's file is there. */
        TAKEN,
    }

    /**
     * Publishes {@code json} as {@code schema-<id>}. Throws {@link PublishOutcomeUnknownException} when the outcome
     * is still unknown after reading the target back (no file there, or the read failed).
     */
    private Outcome tryPublish(long id, String json) throws IOException {
        Path target = schemaPath(id);
        PublishResult result;
        try {
            result = fileIO.publish(target, json.getBytes(StandardCharsets.UTF_8));
        } catch (PublishOutcomeUnknownException e) {
            String existing;
            try {
                existing = readIfExists(target);
            } catch (IOException readFailure) {
                e.addSuppressed(readFailure);
                throw e;
            }
            if (existing == null) {
                throw e;
            }
            return existing.equals(json) ? Outcome.OURS : Outcome.TAKEN;
        }
        if (result == PublishResult.PUBLISHED) {
            return Outcome.OURS;
        }
        // Our own content may be there from an earlier attempt whose outcome was unknown.
        return json.equals(readIfExists(target)) ? Outcome.OURS : Outcome.TAKEN;
    }

    /** The schema to apply the changes to after losing the race for {@code lostId}: the winner's, or a newer one. */
    private TableSchema baseAfterLosing(long lostId) throws IOException {
        TableSchema latest = latest().orElse(null);
        return latest != null && latest.id() >= lostId ? latest : schema(lostId);
    }

    private String readIfExists(Path path) throws IOException {
        try {
            return fileIO.readUtf8(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** After an earlier attempt's outcome was unknown, a later plain failure leaves the outcome unknown still. */
    private static IOException keepUnknown(PublishOutcomeUnknownException unknown, IOException failure) {
        if (unknown == null) {
            return failure;
        }
        unknown.addSuppressed(failure);
        return unknown;
    }

    private IllegalStateException alreadyExists(String reason) {
        return new IllegalStateException("Table " + tableName + " already exists at " + tablePath + ": " + reason);
    }

    @Override
    public String toString() {
        return "SchemaManager{" + tablePath + "}";
    }
}
