package io.tstore.benchmarks.hudi;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One system under test: a table that takes the benchmark's commits and answers its queries through Spark. */
public interface BenchTable {
    /** A short name for tables and file names: {@code ours-orc}, {@code hudi-mor}, {@code hudi-cow}. */
    String name();

    /** The table's directory: every byte and file under it is counted. */
    Path directory();

    /** The part of {@link #directory()} whose bytes are reported apart (Hudi's metadata table), or null. */
    Path metadataDirectory();

    /** Creates the table (ours) or nothing (Hudi creates it with the first write). */
    void create();

    /** One commit of {@code rows}: the load when {@code load} is set, else an upsert commit. */
    void write(Dataset<Row> rows, boolean load);

    /** The table as a user queries it now (Hudi MOR: the snapshot query, base and log files merged). */
    Dataset<Row> read();

    /** The options this system runs with, for the docs and the results file. */
    Map<String, String> settings();
}
