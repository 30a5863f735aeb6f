package io.tstore.benchmarks.log;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The results of the latency benchmarks, one per mode, and their side-by-side table. A result keeps the latencies
 * of the rows written after the warm-up (the first commit interval after the first row): the same rule for every
 * mode and every writer.
 */
public final class LatencyReport {
    private LatencyReport() {}

    /** One mode's run: the rows its writer wrote and its subscriber saw, and the measured latencies. */
    public record Result(LatencyMode mode, long rowsWritten, int rowsSeen, long[] latencies) {
        public Result {
            requireNonNull(mode, "mode is null");
            requireNonNull(latencies, "latencies is null");
        }

        /**
         * The result of a run whose subscriber saw {@code observed}: the latencies of the rows written
         * {@code warmupNanos} or later after the first row written.
         */
        public static Result of(LatencyMode mode, long rowsWritten, ChangelogSubscriber.Observed observed, long warmupNanos) {
            long first = observed.firstSentNanos();
            long[] latencies = first == Long.MAX_VALUE ? new long[0] : observed.latenciesOfRowsSentFrom(first + warmupNanos);
            return new Result(mode, rowsWritten, observed.rows(), latencies);
        }

        /** Whether the subscriber saw exactly the rows written. */
        public boolean complete() {
            return rowsSeen == rowsWritten;
        }

        /** The latency at quantile {@code q} (0 &lt; q &lt;= 1, nearest rank) in milliseconds; NaN without rows. */
        public double millisAt(double q) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }
    }

    /** Prints the results side by side, one line per mode, and a line per mode whose subscriber missed rows. */
    public static void print(PrintStream out, List<Result> results) {
        out.printf("%n%-22s %12s %12s %10s %10s %10s %10s%n", "mode", "rows written", "rows seen", "measured", "p50 ms", "p99 ms", "max ms");
        for (Result r : results) {
            out.printf("%-22s %,12d %,12d %,10d %,10.0f %,10.0f %,10.0f%n", r.mode().label(), r.rowsWritten(), r.rowsSeen(),
                    r.latencies().length, r.millisAt(0.50), r.millisAt(0.99), r.millisAt(1.0));
        }
        for (Result r : results) {
            if (!r.complete()) {
                out.printf("WRONG: %s: the subscriber saw %,d rows of the %,d written%n", r.mode().label(), r.rowsSeen(), r.rowsWritten());
            }
        }
    }

    /** The system load average over the last minute (as {@code uptime} prints it), or a negative number. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
