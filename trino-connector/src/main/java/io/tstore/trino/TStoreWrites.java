package io.tstore.trino;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.TrinoException;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.connector.CommitHelper;
import io.tstore.core.connector.CommitMessageSerializer;
import io.tstore.core.connector.PendingCommit;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.fs.FileIO;
import io.tstore.core.table.FileStoreTable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.trino.spi.StandardErrorCode.GENERIC_INTERNAL_ERROR;

/**
 * The two ends of a write statement: a writer's commit messages as one fragment (the serializer's version, then
 * its list of messages), and the coordinator's one commit of all fragments, a snapshot for the whole statement.
 */
final class TStoreWrites {
    private TStoreWrites() {}

    static Collection<Slice> fragments(List<CommitMessage> messages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(CommitMessageSerializer.VERSION);
            CommitMessageSerializer.serializeList(messages, out);
        } catch (IOException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot serialize commit messages: " + e.getMessage(), e);
        }
        return List.of(Slices.wrappedBuffer(bytes.toByteArray()));
    }

    static List<CommitMessage> messages(Collection<Slice> fragments) {
        List<CommitMessage> messages = new ArrayList<>();
        for (Slice fragment : fragments) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(fragment.getBytes()))) {
                int version = in.readInt();
                messages.addAll(CommitMessageSerializer.deserializeList(version, in));
            } catch (IOException e) {
                throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot read a writer's commit messages: " + e.getMessage(), e);
            }
        }
        return messages;
    }

    /** Commits every writer's messages as one snapshot; on failure, deletes the files none of it published. */
    static void commit(FileIO fileIO, TStoreWriteHandle handle, Collection<Slice> fragments) {
        FileStoreTable table = TableHandle.fromJson(handle.table(), fileIO).loadDataTable();
        List<CommitMessage> messages = messages(fragments);
        // One commit per statement, under the statement's own commit user: identifier 1.
        try {
            new CommitHelper(table, handle.commitUser()).commitOrAbort(PendingCommit.of(1, messages));
        } catch (IOException | RuntimeException e) {
            throw new TrinoException(GENERIC_INTERNAL_ERROR, "Cannot commit to table " + table.name() + ": " + e.getMessage(), e);
        }
    }
}
