package io.tstore.core.crash;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.lsm.RowKind;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableCompactor;
import io.tstore.core.table.TableWrite;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;

/**
 * The process {@link WriterKillTest} kills: a Java API writer or the dedicated compaction job of one table, run
 * until killed. It prints a line before each step it may be killed in ({@code COMMIT n}, {@code COMPACT}) so the
 * test can aim its kills at commits as well as at writes and flushes.
 *
 * <p>{@code KilledWriter <warehouse> <db.table> writer[:<most commits>]|compactor [key=value catalog options...]}: a
 * writer with a most number of commits idles after them until killed (so that files do not pile up faster than the
 * compaction job, which is killed too, compacts them). A writer recovers
 * on its own: it numbers its commits on from the last one of its commit user found in the table's snapshots, and
 * commit {@code n} always holds the same rows ({@link #commitRows}), so the test knows what every committed
 * snapshot must hold.
 */
public final class KilledWriter {
    static final String WRITER_USER = "killed-writer";
    static final String COMPACTOR_USER = "killed-compactor";
    static final int KEYS = 3_000;

    private KilledWriter() {}

    public static void main(String[] args) throws Exception {
        String warehouse = args[0];
        String[] name = args[1].split("\\.");
        String role = args[2];
        Map<String, String> options = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        PrintStream out = System.out;
        FileStoreTable table = FileSystemCatalog.create(warehouse, options).getTable(Identifier.of(name[0], name[1]));
        if (role.equals("compactor")) {
            TableCompactor compactor = new TableCompactor(table, COMPACTOR_USER);
            while (true) {
                out.println("COMPACT");
                out.flush();
                try {
                    if (compactor.compact(false) > 0) {
                        out.println("COMPACTED");
                        out.flush();
                    } else {
                        Thread.sleep(100);
                    }
                } catch (RuntimeException e) {
                    // A conflict with the writer's own compaction: the run left nothing behind; try again.
                    out.println("CONFLICT " + e.getMessage().replace('\n', ' '));
                }
            }
        }
        int mostCommits = role.startsWith("writer:") ? Integer.parseInt(role.substring("writer:".length())) : Integer.MAX_VALUE;
        Snapshot last = table.snapshotManager().latestSnapshotOfUser(WRITER_USER);
        long next = last == null ? 1 : last.commitIdentifier() + 1;
        out.println("START " + next);
        out.flush();
        TableCommit commit = table.newCommit(WRITER_USER);
        try (TableWrite write = table.newWrite(false)) {
            for (long n = next; n < next + mostCommits; n++) {
                for (GenericRow row : commitRows(n)) {
                    write.write(row);
                }
                List<CommitMessage> messages = write.prepareCommit(true);
                out.println("COMMIT " + n);
                out.flush();
                commit.commit(n, messages);
                out.println("COMMITTED " + n);
                out.flush();
            }
        }
        out.println("IDLE");
        out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The rows of commit {@code n}: upserts and some deletes of random keys, the same for every run. */
    static List<GenericRow> commitRows(long n) {
        Random random = new Random(n * 0x9E3779B97F4A7C15L);
        int count = 100 + random.nextInt(1_000);
        List<GenericRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long key = random.nextInt(KEYS);
            GenericRow row = GenericRow.of(key, n, (long) i,
                    BinaryString.fromString("payload-" + n + "-" + i + "-" + "x".repeat(random.nextInt(80))));
            if (random.nextInt(10) == 0) {
                row.setRowKind(RowKind.DELETE);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Applies commit {@code n} to a model of the table: key -> (commit, index in commit, payload). */
    static void apply(long n, SortedMap<Long, List<Object>> model) {
        for (GenericRow row : commitRows(n)) {
            long key = row.getLong(0);
            if (row.getRowKind() == RowKind.DELETE) {
                model.remove(key);
            } else {
                model.put(key, List.of(key, row.getLong(1), row.getLong(2), row.getString(3).toString()));
            }
        }
    }
}
