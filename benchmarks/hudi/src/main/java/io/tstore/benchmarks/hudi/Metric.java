package io.tstore.benchmarks.hudi;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** A number the report compares across systems, and whether more of it is better. */
record Metric(String name, String unit, boolean higherIsBetter, ToDoubleFunction<Results.SystemRun> value) {

    /** The metrics of the summary table and the chart, in order. */
    static List<Metric> all() {
        return List.of(
                new Metric("load rows/s", "rows/s", true, r -> r.load().rowsPerSecond()),
                new Metric("load rows/cpu-s", "rows/cpu-s", true, r -> r.load().rowsPerCpuSecond()),
                new Metric("upsert rows/s", "rows/s", true, r -> r.upserts().rowsPerSecond()),
                new Metric("upsert rows/cpu-s", "rows/cpu-s", true, r -> r.upserts().rowsPerCpuSecond()),
                new Metric("upsert MB written", "MB", false, r -> r.upserts().bytesWritten() / 1e6),
                new Metric("write amplification", "x", false, r -> r.all().writeAmplification()),
                new Metric("metadata table MB written", "MB", false, r -> r.all().metadataBytesWritten() / 1e6),
                new Metric("live files", "files", false, r -> r.liveFiles()),
                new Metric("table MB", "MB", false, r -> r.tableBytes() / 1e6),
                new Metric("count(*) ms", "ms", false, r -> r.queryMillis().get(BenchRunner.QUERY_COUNT)),
                new Metric("full scan ms", "ms", false, r -> r.queryMillis().get(BenchRunner.QUERY_SCAN)),
                new Metric("point lookup ms", "ms", false, r -> r.queryMillis().get(BenchRunner.QUERY_LOOKUP)),
                new Metric("filter ms", "ms", false, r -> r.queryMillis().get(BenchRunner.QUERY_FILTER)));
    }

    double of(Results.SystemRun run) {
        return value.applyAsDouble(run);
    }

    /**
     * How many times better {@code ours} is than {@code other} (above 1: ours is better), or NaN when either is 0.
     */
    double advantage(Results.SystemRun ours, Results.SystemRun other) {
        double a = of(ours);
        double b = of(other);
        if (a == 0 || b == 0) {
            return Double.NaN;
        }
        return higherIsBetter ? a / b : b / a;
    }
}
