package io.tstore.core.table;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.commit.ManifestCommittable;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.s3.S3FileIOOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One writer of the S3 commit races: its own commit user, {@code commits} commits of {@code rowsPerCommit} rows
 * each, every row {@code (writer, commit * 1000 + i)} unique. A commit that fails is aborted and reported; the
 * writer goes on. Runs in a thread of the test, or as a process of its own ({@link #main}).
 */
final class S3CommitRaceWriter {
    private S3CommitRaceWriter() {}

    /** What one writer did: the identifiers of the commits that landed and of those that failed. */
    record Outcome(int writer, List<Long> landed, List<String> failed) {}

    static Outcome run(FileStoreTable table, int writer, int commits, int rowsPerCommit) throws IOException {
        String user = "writer-" + writer;
        List<Long> landed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        TableCommit commit = table.newCommit(user);
        for (long identifier = 1; identifier <= commits; identifier++) {
            List<CommitMessage> messages;
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < rowsPerCommit; i++) {
                    write.write(GenericRow.of(writer, identifier * 1000 + i));
                }
                messages = write.prepareCommit(true);
            } catch (Exception e) {
                throw new IOException(e);
            }
            try {
                commit.commit(identifier, messages);
                landed.add(identifier);
            } catch (IOException e) {
                // Did it land after all (an unknown outcome)? Ask the table, as a restarted writer would.
                if (table.newCommit(user).filterCommitted(List.of(new ManifestCommittable(identifier, messages))).isEmpty()) {
                    landed.add(identifier);
                } else {
                    commit.abort(messages);
                    failed.add(identifier + ": " + e.getMessage());
                }
            }
        }
        return new Outcome(writer, landed, failed);
    }

    /** {@code <endpoint> <warehouse> <table> <writer> <commits> <rows per commit>}: prints the landed identifiers. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = Map.of(
                S3FileIOOptions.ENDPOINT.key(), args[0],
                S3FileIOOptions.PATH_STYLE_ACCESS.key(), "true",
                S3FileIOOptions.ACCESS_KEY_ID.key(), "tstore",
                S3FileIOOptions.SECRET_ACCESS_KEY.key(), "tstore-secret");
        FileSystemCatalog catalog = FileSystemCatalog.create(args[1], options);
        FileStoreTable table = catalog.getTable(Identifier.of("db", args[2]));
        Outcome outcome = run(table, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        for (long id : outcome.landed()) {
            System.out.println("landed " + id);
        }
        for (String failure : outcome.failed()) {
            System.out.println("failed " + failure);
        }
        System.out.flush();
        System.exit(0);
    }

}
