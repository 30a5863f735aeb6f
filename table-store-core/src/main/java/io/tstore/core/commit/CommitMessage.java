package io.tstore.core.commit;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.file.DataFileMeta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What one writer of one bucket changed since its last commit: files it flushed, changelog it wrote, and what its
 * compaction replaced. Writers hand these to the single committer.
 *
 * <p>Java-serializable (as its {@link CommitMessageFormat} bytes), for engines that ship task results by Java
 * serialization, such as Spark's {@code WriterCommitMessage}.
 */
public record CommitMessage(
        BinaryRow partition,
        int bucket,
        int totalBuckets,
        List<DataFileMeta> newFiles,
        List<DataFileMeta> changelogFiles,
        List<DataFileMeta> compactBefore,
        List<DataFileMeta> compactAfter,
        List<DataFileMeta> compactChangelog) implements Serializable {

    public CommitMessage {
        requireNonNull(partition, "partition is null");
        newFiles = List.copyOf(newFiles);
        changelogFiles = List.copyOf(changelogFiles);
        compactBefore = List.copyOf(compactBefore);
        compactAfter = List.copyOf(compactAfter);
        compactChangelog = List.copyOf(compactChangelog);
    }

    public static CommitMessage ofNewFiles(BinaryRow partition, int bucket, int totalBuckets, List<DataFileMeta> newFiles) {
        return new CommitMessage(partition, bucket, totalBuckets, newFiles, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * The files the writer wrote for this message, which are garbage when it is not committed: new files, changelog
     * and compaction output, except a committed file that compaction only moved to another level (it keeps its name
     * and stays committed).
     */
    public List<DataFileMeta> writtenFiles() {
        Set<String> committedMoved = new HashSet<>();
        for (DataFileMeta file : compactBefore) {
            committedMoved.add(file.fileName());
        }
        for (DataFileMeta file : newFiles) {
            committedMoved.remove(file.fileName());
        }
        List<DataFileMeta> written = new ArrayList<>(newFiles);
        written.addAll(changelogFiles);
        for (DataFileMeta file : compactAfter) {
            if (!committedMoved.contains(file.fileName())) {
                written.add(file);
            }
        }
        written.addAll(compactChangelog);
        return written;
    }

    public boolean isEmpty() {
        return newFiles.isEmpty() && changelogFiles.isEmpty() && compactBefore.isEmpty()
                && compactAfter.isEmpty() && compactChangelog.isEmpty();
    }

    @Serial
    private Object writeReplace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            CommitMessageFormat.write(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SerializedForm(CommitMessageFormat.VERSION, bytes.toByteArray());
    }

    /** What Java serialization writes of a message: the version and bytes of its {@link CommitMessageFormat}. */
    private record SerializedForm(int version, byte[] bytes) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            CommitMessage message = CommitMessageFormat.read(version, in, "serialized commit message");
            if (in.available() > 0) {
                throw new InvalidObjectException("Corrupt serialized commit message: " + in.available() + " bytes left");
            }
            return message;
        }
    }
}
