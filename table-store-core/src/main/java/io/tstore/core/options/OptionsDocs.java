package io.tstore.core.options;

import io.tstore.core.fs.FileIOOptions;
import io.tstore.core.fs.s3.S3FileIOOptions;
import io.tstore.options.ConfigOption;
import io.tstore.options.OptionsValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Generates the reference page of table options, {@code docs/options.md}, from the option declarations. A test
 * fails when the page and the code disagree; {@link #main} rewrites the page.
 */
public final class OptionsDocs {
    private OptionsDocs() {}

    public static String generate() {
        StringBuilder md = new StringBuilder();
        md.append("# Table options\n\n");
        md.append("Generated from the option declarations by `io.tstore.core.options.OptionsDocs`; do not edit by hand.\n");
        md.append("Set them in `CREATE TABLE ... WITH (...)`, with `ALTER TABLE ... SET`, or per query as dynamic options.\n");
        md.append("An unknown key, or a value that does not parse, is an error naming the table, the key and the value.\n");
        md.append("A log system adds options of its own: Kafka's `kafka.*` options are in [log-store.md](log-store.md).\n");
        for (Class<?> group : TableOptions.GROUPS) {
            md.append("\n## ").append(group.getSimpleName()).append("\n\n");
            md.append(table(OptionsValidator.optionsOf(group)));
        }
        md.append("\n## File IO options (catalog)\n\n");
        md.append("Set on the catalog (Flink `CREATE CATALOG ... WITH`, Spark `spark.sql.catalog.<name>.<key>`, Trino catalog "
                + "properties), not on a table: they choose and configure the file IO of the warehouse. `s3://` and `s3a://` "
                + "paths use `S3FileIO` (see [object-storage.md](object-storage.md)); other schemes go to Hadoop, configured "
                + "with `fs.` and `hadoop.` keys.\n\n");
        md.append(table(OptionsValidator.optionsOf(FileIOOptions.class, S3FileIOOptions.class)));
        return md.toString();
    }

    /** The reference table of some options, sorted by key; also used for the options a log system adds. */
    public static String table(List<ConfigOption<?>> options) {
        StringBuilder md = new StringBuilder();
        md.append("| key | type | default | description |\n");
        md.append("|---|---|---|---|\n");
        List<ConfigOption<?>> sorted = options.stream().sorted(Comparator.comparing(ConfigOption::key)).toList();
        for (ConfigOption<?> option : sorted) {
            md.append("| `").append(option.key()).append("` | ")
                    .append(option.typeName()).append(" | ")
                    .append(defaultOf(option)).append(" | ")
                    .append(option.description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String defaultOf(ConfigOption option) {
        return option.hasDefaultValue() ? "`" + option.format(option.defaultValue()) + "`" : "(none)";
    }

    /** Writes the page: {@code OptionsDocs [path]}, by default {@code docs/options.md}. */
    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "docs/options.md");
        Files.writeString(path, generate());
        System.out.println("wrote " + path.toAbsolutePath());
    }
}
