package io.tstore.benchmarks.hudi;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The command line of {@code bin/hudi-bench}, checked: every bad value is an error naming the option. */
public record BenchOptions(
        int keys,
        int rowsPerCommit,
        int commits,
        int buckets,
        UpdatePattern pattern,
        List<String> formats,
        Path out,
        long seed,
        int compactionDeltaCommits,
        int queryRuns) {

    /** How the keys of an upsert commit are drawn. */
    public enum UpdatePattern { UNIFORM, ZIPF }

    public static final int DEFAULT_KEYS = 500_000;
    public static final int DEFAULT_ROWS_PER_COMMIT = 50_000;
    public static final int DEFAULT_COMMITS = 10;
    public static final int DEFAULT_BUCKETS = 4;

    public static final String USAGE = String.join("\n",
            "Usage: bin/hudi-bench [options]",
            "  --keys N                   distinct keys, all written by the initial load (default " + DEFAULT_KEYS + ")",
            "  --rows-per-commit N        rows of each upsert commit, distinct keys (default " + DEFAULT_ROWS_PER_COMMIT + ")",
            "  --commits N                upsert commits after the load (default " + DEFAULT_COMMITS + ")",
            "  --buckets N                buckets on both sides (ours: bucket; Hudi: BUCKET index) (default "
                    + DEFAULT_BUCKETS + ")",
            "  --pattern uniform|zipf     how upsert keys are drawn (default uniform)",
            "  --format orc|parquet|both  file format of ours; both runs ours twice (default orc)",
            "  --out DIR                  tables, results.json, results.csv and chart.svg go here (default hudi-bench-out)",
            "  --seed N                   seed of the generated rows (default 42)",
            "  --compaction-delta-commits N  Hudi MOR inline compaction every N delta commits (default 5)",
            "  --query-runs N             runs of each query; the median is reported (default 3)");

    public BenchOptions {
        if (rowsPerCommit > keys) {
            throw new IllegalArgumentException(String.format(
                    "--rows-per-commit (%d) must not exceed --keys (%d): a commit writes distinct keys.%n%s",
                    rowsPerCommit, keys, USAGE));
        }
        formats = List.copyOf(formats);
    }

    public static BenchOptions defaults(Path out) {
        return new BenchOptions(DEFAULT_KEYS, DEFAULT_ROWS_PER_COMMIT, DEFAULT_COMMITS, DEFAULT_BUCKETS,
                UpdatePattern.UNIFORM, List.of("orc"), out, 42, 5, 3);
    }

    public static BenchOptions parse(String... args) {
        BenchOptions o = defaults(Paths.get("hudi-bench-out"));
        int keys = o.keys;
        int rows = o.rowsPerCommit;
        int commits = o.commits;
        int buckets = o.buckets;
        UpdatePattern pattern = o.pattern;
        List<String> formats = o.formats;
        Path out = o.out;
        long seed = o.seed;
        int compaction = o.compactionDeltaCommits;
        int runs = o.queryRuns;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(String.format("Option %s needs a value.%n%s", name, USAGE));
            }
            String value = args[++i];
            switch (name) {
                case "--keys" -> keys = positive(name, value);
                case "--rows-per-commit" -> rows = positive(name, value);
                case "--commits" -> commits = positive(name, value);
                case "--buckets" -> buckets = positive(name, value);
                case "--pattern" -> pattern = pattern(value);
                case "--format" -> formats = formats(value);
                case "--out" -> out = Paths.get(value);
                case "--seed" -> seed = positive(name, value);
                case "--compaction-delta-commits" -> compaction = positive(name, value);
                case "--query-runs" -> runs = positive(name, value);
                default -> throw new IllegalArgumentException(String.format("Unknown option '%s'.%n%s", name, USAGE));
            }
        }
        return new BenchOptions(keys, rows, commits, buckets, pattern, formats, out, seed, compaction, runs);
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(String.format("%s must be a positive whole number, got '%s'.%n%s",
                name, value, USAGE));
    }

    private static UpdatePattern pattern(String value) {
        try {
            return UpdatePattern.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format("--pattern must be uniform or zipf, got '%s'.%n%s",
                    value, USAGE));
        }
    }

    private static List<String> formats(String value) {
        List<String> formats = new ArrayList<>();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "orc" -> formats.add("orc");
            case "parquet" -> formats.add("parquet");
            case "both" -> formats.addAll(List.of("orc", "parquet"));
            default -> throw new IllegalArgumentException(String.format(
                    "--format must be orc, parquet or both, got '%s'.%n%s", value, USAGE));
        }
        return formats;
    }
}
