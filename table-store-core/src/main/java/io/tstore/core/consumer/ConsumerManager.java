package io.tstore.core.consumer;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The consumers of one table, in {@code <table>/consumer/consumer-<id>}. A streaming reader with a
 * {@code consumer-id} records the next snapshot it needs each time its position is durable (e.g. on a completed
 * checkpoint); snapshot expiry never removes that snapshot or a later one, and a restarted reader resumes there.
 * A consumer whose file was not updated for {@code consumer.expiration-time} is retired by {@link #expire}.
 */
public final class ConsumerManager {
    private static final String PREFIX = "consumer-";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final FileIO fileIO;
    private final Path directory;

    public ConsumerManager(FileIO fileIO, Path tablePath) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.directory = new Path(requireNonNull(tablePath, "tablePath is null"), "consumer");
    }

    /** Checks a consumer id: letters, digits, '_', '-' and '.', not empty. */
    public static String checkId(String consumerId) {
        if (consumerId == null || !VALID_ID.matcher(consumerId).matches() || consumerId.equals(".")
                || consumerId.equals("..")) {
            throw new IllegalArgumentException("Invalid consumer-id '" + consumerId
                    + "': use letters, digits, '_', '-' and '.' only");
        }
        return consumerId;
    }

    private Path path(String consumerId) {
        return new Path(directory, PREFIX + checkId(consumerId));
    }

    /** The consumer's record, if it has one. */
    public Optional<Consumer> consumer(String consumerId) throws IOException {
        try {
            return Optional.of(Consumer.fromJson(fileIO.readUtf8(path(consumerId))));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Records that the consumer needs {@code nextSnapshot} next (replacing what it recorded before). */
    public void resetConsumer(String consumerId, Consumer consumer) throws IOException {
        fileIO.overwriteUtf8(path(consumerId), consumer.toJson());
    }

    public void deleteConsumer(String consumerId) throws IOException {
        fileIO.delete(path(consumerId), false);
    }

    /** All consumers by id, in id order. */
    public Map<String, Consumer> consumers() throws IOException {
        Map<String, Consumer> consumers = new TreeMap<>();
        for (FileStatus status : list()) {
            String id = status.path().getName().substring(PREFIX.length());
            try {
                consumer(id).ifPresent(c -> consumers.put(id, c));
            } catch (UncheckedIOException e) {
                throw new IOException("Consumer file " + status.path() + " is corrupt", e.getCause());
            }
        }
        return consumers;
    }

    /** The smallest next snapshot any consumer needs: expiry keeps it and everything after it. */
    public OptionalLong minNextSnapshot() throws IOException {
        return consumers().values().stream().mapToLong(Consumer::nextSnapshot).min();
    }

    /** Deletes the consumers not updated since {@code expireBeforeMillis}; returns their ids. */
    public List<String> expire(long expireBeforeMillis) throws IOException {
        List<String> expired = new ArrayList<>();
        for (FileStatus status : list()) {
            if (status.modificationTime() < expireBeforeMillis) {
                fileIO.delete(status.path(), false);
                expired.add(status.path().getName().substring(PREFIX.length()));
            }
        }
        return expired;
    }

    private List<FileStatus> list() throws IOException {
        List<FileStatus> files = new ArrayList<>();
        if (!fileIO.exists(directory)) {
            return files;
        }
        for (FileStatus status : fileIO.listStatus(directory)) {
            String name = status.path().getName();
            if (!status.isDir() && name.startsWith(PREFIX) && VALID_ID.matcher(name.substring(PREFIX.length())).matches()) {
                files.add(status);
            }
        }
        return files;
    }
}
