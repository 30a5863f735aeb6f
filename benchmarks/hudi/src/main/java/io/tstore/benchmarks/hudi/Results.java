package io.tstore.benchmarks.hudi;

import java.util.List;
import java.util.Map;

/** The numbers of a run, as plain values: what the report prints and the results files hold. */
final class Results {
    private Results() {}

    /** One commit of one system; commit 0 is the load. Times in nanoseconds. */
    record Commit(int commit, long rows, long inputBytes, long wallNanos, long cpuNanos, long filesWritten,
            long bytesWritten, long metadataFilesWritten, long metadataBytesWritten, boolean compacted) {
        double rowsPerSecond() {
            return rows / (wallNanos / 1e9);
        }

        double rowsPerCpuSecond() {
            return rows / (cpuNanos / 1e9);
        }
    }

    /** The sum of some commits. */
    record Total(long rows, long inputBytes, long wallNanos, long cpuNanos, long filesWritten, long bytesWritten,
            long metadataBytesWritten) {
        static Total of(List<Commit> commits) {
            long rows = 0, input = 0, wall = 0, cpu = 0, files = 0, bytes = 0, metadata = 0;
            for (Commit c : commits) {
                rows += c.rows();
                input += c.inputBytes();
                wall += c.wallNanos();
                cpu += c.cpuNanos();
                files += c.filesWritten();
                bytes += c.bytesWritten();
                metadata += c.metadataBytesWritten();
            }
            return new Total(rows, input, wall, cpu, files, bytes, metadata);
        }

        double rowsPerSecond() {
            return rows / (wallNanos / 1e9);
        }

        double rowsPerCpuSecond() {
            return rows / (cpuNanos / 1e9);
        }

        /** Bytes written to the table (its metadata table apart) per byte of input rows. */
        double writeAmplification() {
            return (double) bytesWritten / inputBytes;
        }
    }

    /** An order-independent digest of a table's rows over every column. */
    record Checksum(long rows, String hashSum) {}

    /** One system's run: commits, the table at the end, query medians in milliseconds, and the gate. */
    record SystemRun(String system, Map<String, String> settings, List<Commit> commits, long liveFiles,
            long tableBytes, long metadataFiles, long metadataBytes, Map<String, Double> queryMillis,
            Checksum checksum, List<String> gateErrors) {
        Total load() {
            return Total.of(commits.subList(0, 1));
        }

        Total upserts() {
            return Total.of(commits.subList(1, commits.size()));
        }

        Total all() {
            return Total.of(commits);
        }

        boolean passed() {
            return gateErrors.isEmpty();
        }
    }
}
