package io.tstore.flink.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.flink.shell.TstoreProcess.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A damaged table met as a user meets it in {@code tstore sql}: a missing data file, a truncated snapshot file and
 * a garbled schema file each fail a query with one line naming the table, the file's role and path, and what to do;
 * {@code CALL sys.check_table} lists the damaged file.
 */
class DamagedTableShellTest {

    @Test
    void damagedFilesAreNamedAndCheckTableFindsThem(TestInfo test) throws Exception {
        Path dir = TstoreProcess.emptyDirectory(DamagedTableShellTest.class, test);
        Run created = run(dir, "CREATE DATABASE shop; "
                + "CREATE TABLE shop.orders (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '1'); "
                + "INSERT INTO shop.orders VALUES (1, 'a'), (2, 'b'); INSERT INTO shop.orders VALUES (2, 'c')");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        Path table = dir.resolve("warehouse/shop.db/orders");

        Path dataFile;
        try (Stream<Path> files = Files.walk(table.resolve("bucket-0"))) {
            dataFile = files.filter(p -> p.toString().endsWith(".orc")).findFirst().orElseThrow();
        }
        byte[] data = Files.readAllBytes(dataFile);
        Files.delete(dataFile);
        Run missing = run(dir, "CALL sys.check_table('shop.orders'); SELECT * FROM shop.orders");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.stdout()).contains("data file " + dataFile + ": missing");
        assertThat(missing.stderrLines()).contains("[ERROR] Table shop.orders: the data file " + dataFile
                + " is missing. CALL sys.check_table('shop.orders') lists every damaged file; restore the file, or"
                + " roll back to a snapshot that does not use it.");
        Files.write(dataFile, data);

        Path snapshot = table.resolve("snapshot/snapshot-2");
        byte[] snapshotBytes = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(snapshotBytes, snapshotBytes.length / 2));
        Run truncated = run(dir, "SELECT * FROM shop.orders");
        assertThat(truncated.stderrLines()).anySatisfy(line -> assertThat(line)
                .startsWith("[ERROR] Table shop.orders: the snapshot file " + snapshot + " cannot be read (")
                .endsWith("CALL sys.check_table('shop.orders') lists every damaged file; restore the file, or"
                        + " roll back to a snapshot that does not use it."));
        Files.write(snapshot, snapshotBytes);

        Path schema = table.resolve("schema/schema-0");
        byte[] schemaBytes = Files.readAllBytes(schema);
        Files.writeString(schema, "garbage");
        Run garbled = run(dir, "SELECT * FROM shop.orders");
        assertThat(garbled.stderrLines()).anySatisfy(line -> assertThat(line)
                .startsWith("[ERROR] Table shop.orders: the schema file " + schema + " cannot be read (")
                .contains("Unrecognized token 'garbage'"));
        Files.write(schema, schemaBytes);

        Run restored = run(dir, "CALL sys.check_table('shop.orders', 'all'); SELECT * FROM shop.orders ORDER BY id");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.stdoutLines()).anySatisfy(line -> assertThat(line).matches("ok: \\d+ files of table shop.orders checked"))
                .containsSubsequence("1\ta", "2\tc");
    }

    private static Run run(Path dir, String sql) throws Exception {
        return TstoreProcess.finish(dir, TstoreProcess.start(dir, Path.of("/dev/null"), "--format", "tsv", "-e", sql));
    }
}
