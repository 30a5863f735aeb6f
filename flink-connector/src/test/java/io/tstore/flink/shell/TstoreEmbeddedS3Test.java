package io.tstore.flink.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.tstore.flink.shell.TstoreProcess.Run;

/**
 * {@code tstore sql --embedded-s3} run as a process, as {@code bin/tstore quickstart --s3} runs it: the quickstart on
 * a warehouse in an S3 server inside the shell, committed through the S3 file IO.
 */
class TstoreEmbeddedS3Test {

    private Path dir;

    @BeforeEach
    void createDirectory(TestInfo test) throws IOException {
        dir = TstoreProcess.emptyDirectory(TstoreEmbeddedS3Test.class, test);
    }

    @Test
    void theQuickstartRunsOnS3() throws Exception {
        Path example = Path.of("..", "examples", "quickstart.sql").toAbsolutePath().normalize();
        Run run = TstoreProcess.finish(dir, TstoreProcess.start(dir, Path.of("/dev/null"),
                "--embedded-s3", "--format", "tsv", "-f", example.toString(), "--max-rows", "8"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("[INFO] S3 server listening on http://127.0.0.1:")
                .contains("the warehouse of catalog 'tstore' is s3://warehouse/")
                // the progress line counts the snapshots on S3 too
                .contains("3 rows written, 1 snapshot committed.");
        assertThat(run.stdoutLines())
                .containsSubsequence("order_id\tdt\tcustomer\tamount",
                        "1\t2024-05-01\tada\t15.00", "3\t2024-05-02\tcy\t60.00")
                .doesNotContain("2\t2024-05-01\tbob\t7.00\t")
                // the time travel to snapshot 1 sees the first three orders
                .containsSubsequence("1\t2024-05-01\tada\t12.50", "2\t2024-05-01\tbob\t7.00", "3\t2024-05-02\tcy\t30.00");
        // Nothing of the table is on the local disk: the warehouse is in the S3 server.
        assertThat(Files.exists(dir.resolve("warehouse").resolve("quickstart.db"))).isFalse();
    }
}
