package io.tstore.benchmarks.hudi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outputs of a run: the table on stdout, results.json and results.csv with every number, and chart.svg. */
final class Report {
    static final String JSON = "results.json";
    static final String CSV = "results.csv";
    static final String SVG = "chart.svg";

    private final BenchOptions options;
    private final List<Results.SystemRun> runs;
    private final Map<String, String> environment;

    Report(BenchOptions options, List<Results.SystemRun> runs, Map<String, String> environment) {
        this.options = options;
        this.runs = runs;
        this.environment = environment;
    }

    boolean passed() {
        return runs.stream().allMatch(Results.SystemRun::passed);
    }

    private Results.SystemRun system(String name) {
        return runs.stream().filter(r -> r.system().equals(name)).findFirst().orElseThrow();
    }

    /** The summary; with ratios only when every table passed the gate. */
    void print(PrintStream out) {
        List<String> names = runs.stream().map(Results.SystemRun::system).toList();
        List<String> ours = names.stream().filter(n -> n.startsWith("ours")).toList();
        boolean ratios = passed();
        StringBuilder header = new StringBuilder(String.format("%-26s", "metric"));
        names.forEach(n -> header.append(String.format("%14s", n)));
        if (ratios) {
            for (String o : ours) {
                header.append(String.format("%19s%19s", o + "/mor", o + "/cow"));
            }
        }
        out.println();
        out.println(header);
        for (Metric metric : Metric.all()) {
            StringBuilder line = new StringBuilder(String.format("%-26s", metric.name()));
            runs.forEach(r -> line.append(String.format(Locale.ROOT, "%,14.1f", metric.of(r))));
            if (ratios) {
                for (String o : ours) {
                    line.append(ratio(metric.advantage(system(o), system("hudi-mor"))))
                            .append(ratio(metric.advantage(system(o), system("hudi-cow"))));
                }
            }
            out.println(line);
        }
        out.println();
        if (ratios) {
            out.println("Ratios: how many times better ours is (above 1: ours is better; for times and bytes, theirs/ours).");
            out.println("Correctness gate passed: every table holds exactly the model's rows and answers.");
        } else {
            out.println("CORRECTNESS GATE FAILED: no ratios are printed.");
            runs.forEach(r -> r.gateErrors().forEach(e -> out.println("  " + e)));
        }
    }

    /** A ratio column; "-" where a side has 0 (Hudi's metadata table has no counterpart in ours). */
    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%18.2fx", value) : String.format("%19s", "-");
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(directory.resolve(JSON), json.writeValueAsString(document()), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(CSV), csv(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(SVG), new Chart(runs).svg(title()), StandardCharsets.UTF_8);
    }

    private String title() {
        return String.format(Locale.ROOT, "Upserts: %,d keys, load + %d commits of %,d rows (%s), %d buckets, local[2]",
                options.keys(), options.commits(), options.rowsPerCommit(),
                options.pattern().name().toLowerCase(Locale.ROOT), options.buckets());
    }

    private Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("keys", options.keys());
        opts.put("rowsPerCommit", options.rowsPerCommit());
        opts.put("commits", options.commits());
        opts.put("buckets", options.buckets());
        opts.put("pattern", options.pattern().name().toLowerCase(Locale.ROOT));
        opts.put("formats", options.formats());
        opts.put("seed", options.seed());
        opts.put("compactionDeltaCommits", options.compactionDeltaCommits());
        opts.put("queryRuns", options.queryRuns());
        doc.put("options", opts);
        doc.put("environment", environment);
        doc.put("gatePassed", passed());
        List<Object> systems = new ArrayList<>();
        for (Results.SystemRun run : runs) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("system", run.system());
            s.put("settings", run.settings());
            s.put("commits", run.commits());
            s.put("load", run.load());
            s.put("upserts", run.upserts());
            s.put("total", run.all());
            s.put("liveFiles", run.liveFiles());
            s.put("tableBytes", run.tableBytes());
            s.put("metadataTableFiles", run.metadataFiles());
            s.put("metadataTableBytes", run.metadataBytes());
            s.put("queryMillis", run.queryMillis());
            s.put("checksum", run.checksum());
            s.put("gateErrors", run.gateErrors());
            Map<String, Double> metrics = new LinkedHashMap<>();
            Metric.all().forEach(m -> metrics.put(m.name(), m.of(run)));
            s.put("metrics", metrics);
            systems.add(s);
        }
        doc.put("systems", systems);
        return doc;
    }

    /** Every number in long form: system, scope (commit N, load, upserts, total, table, query), metric, value. */
    private String csv() {
        StringBuilder csv = new StringBuilder("system,scope,metric,value\n");
        for (Results.SystemRun run : runs) {
            for (Results.Commit c : run.commits()) {
                String scope = "commit " + c.commit();
                row(csv, run, scope, "rows", c.rows());
                row(csv, run, scope, "input bytes", c.inputBytes());
                row(csv, run, scope, "wall ns", c.wallNanos());
                row(csv, run, scope, "cpu ns", c.cpuNanos());
                row(csv, run, scope, "rows/s", c.rowsPerSecond());
                row(csv, run, scope, "rows/cpu-s", c.rowsPerCpuSecond());
                row(csv, run, scope, "files written", c.filesWritten());
                row(csv, run, scope, "bytes written", c.bytesWritten());
                row(csv, run, scope, "metadata table files written", c.metadataFilesWritten());
                row(csv, run, scope, "metadata table bytes written", c.metadataBytesWritten());
                row(csv, run, scope, "compacted", c.compacted() ? 1 : 0);
            }
            total(csv, run, "load", run.load());
            total(csv, run, "upserts", run.upserts());
            total(csv, run, "total", run.all());
            row(csv, run, "table", "live files", run.liveFiles());
            row(csv, run, "table", "table bytes", run.tableBytes());
            row(csv, run, "table", "metadata table files", run.metadataFiles());
            row(csv, run, "table", "metadata table bytes", run.metadataBytes());
            row(csv, run, "table", "rows", run.checksum().rows());
            run.queryMillis().forEach((q, ms) -> row(csv, run, "query", q + " ms", ms));
        }
        return csv.toString();
    }

    private static void total(StringBuilder csv, Results.SystemRun run, String scope, Results.Total t) {
        row(csv, run, scope, "rows", t.rows());
        row(csv, run, scope, "input bytes", t.inputBytes());
        row(csv, run, scope, "wall ns", t.wallNanos());
        row(csv, run, scope, "cpu ns", t.cpuNanos());
        row(csv, run, scope, "rows/s", t.rowsPerSecond());
        row(csv, run, scope, "rows/cpu-s", t.rowsPerCpuSecond());
        row(csv, run, scope, "files written", t.filesWritten());
        row(csv, run, scope, "bytes written", t.bytesWritten());
        row(csv, run, scope, "metadata table bytes written", t.metadataBytesWritten());
        row(csv, run, scope, "write amplification", t.writeAmplification());
    }

    private static void row(StringBuilder csv, Results.SystemRun run, String scope, String metric, double value) {
        csv.append(run.system()).append(',').append(scope).append(',').append(metric).append(',')
                .append(value == Math.rint(value) && Math.abs(value) < 1e15
                        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value))
                .append('\n');
    }
}
