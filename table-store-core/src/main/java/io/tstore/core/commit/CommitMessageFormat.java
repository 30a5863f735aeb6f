package io.tstore.core.commit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMetaSerializer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The binary form of a {@link CommitMessage}, version 1, big-endian: the partition, bucket, total buckets and its
 * five file lists (new, changelog, compact before, compact after, compact changelog), rows and files as
 * {@link DataFileMetaSerializer} writes them. It is in engines' checkpoints (Flink's committables), so a change is
 * a new version and every version stays readable. Engines use it through {@code connector.CommitMessageSerializer}.
 */
public final class CommitMessageFormat {
    /** The version {@link #write} writes. */
    public static final int VERSION = 1;

    private CommitMessageFormat() {}

    public static void write(CommitMessage message, DataOutput out) throws IOException {
        DataFileMetaSerializer.writeRow(message.partition(), out);
        out.writeInt(message.bucket());
        out.writeInt(message.totalBuckets());
        DataFileMetaSerializer.writeFiles(message.newFiles(), out);
        DataFileMetaSerializer.writeFiles(message.changelogFiles(), out);
        DataFileMetaSerializer.writeFiles(message.compactBefore(), out);
        DataFileMetaSerializer.writeFiles(message.compactAfter(), out);
        DataFileMetaSerializer.writeFiles(message.compactChangelog(), out);
    }

    /**
     * Reads a message that {@link #write} of {@code version} wrote.
     *
     * @param what what is read, for the message of corrupt input (e.g. "committable")
     */
    public static CommitMessage read(int version, DataInput in, String what) throws IOException {
        checkVersion(version);
        BinaryRow partition = DataFileMetaSerializer.readRow(in, what);
        int bucket = in.readInt();
        int totalBuckets = in.readInt();
        return new CommitMessage(partition, bucket, totalBuckets,
                DataFileMetaSerializer.readFiles(in, what),
                DataFileMetaSerializer.readFiles(in, what),
                DataFileMetaSerializer.readFiles(in, what),
                DataFileMetaSerializer.readFiles(in, what),
                DataFileMetaSerializer.readFiles(in, what));
    }

    public static void checkVersion(int version) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IOException("Cannot read commit messages of version " + version + "; this version reads versions 1 to " + VERSION);
        }
    }
}
