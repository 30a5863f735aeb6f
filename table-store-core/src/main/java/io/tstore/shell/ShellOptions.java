package io.tstore.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code tstore sql}, the same for every engine ({@code bin/tstore} picks the engine with
 * {@code --engine} and hands the rest to that engine's shell).
 *
 * @param warehouse the warehouse directory of the {@code tstore} catalog
 * @param file the script to run ({@code -f}), if any
 * @param sql the statements to run ({@code -e}), if any
 * @param format how results are printed
 * @param maxRows the number of rows after which a query stops, if any
 * @param timeout the time after which a query stops, if any
 * @param verbose whether errors print their stack trace
 * @param embeddedKafka whether the session starts a Kafka broker in its process (under the warehouse)
 *     and makes it the default {@code kafka.bootstrap.servers} of the catalog's new tables
 * @param embeddedS3 whether the session starts an S3 server in its process (in memory) and puts the warehouse on
 *     it, at {@code s3://warehouse/}
 */
public record ShellOptions(
        Path warehouse,
        Optional<Path> file,
        Optional<String> sql,
        Format format,
        Optional<Long> maxRows,
        Optional<Duration> timeout,
        boolean verbose,
        boolean embeddedKafka,
        boolean embeddedS3) {

    /** How results are printed. */
    public enum Format {
        /** An aligned table with borders, like Flink's tableau. */
        TABLE,
        /** A header line, then one line per row; fields separated by tabs, NULL as {@code NULL}. */
        TSV
    }

    /** The usage text of {@code tstore sql}. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: tstore sql [--engine flink|spark|trino] [--warehouse DIR] [-f FILE] [-e SQL]",
            "                  [--format table|tsv] [--max-rows N] [--timeout SECONDS] [--embedded-kafka]",
            "                  [--embedded-s3] [--verbose]",
            "",
            "Runs SQL statements on an embedded engine: a Flink cluster (the default), a local Spark session",
            "(--engine spark) or an in-process Trino (--engine trino; --embedded-kafka and --embedded-s3 are",
            "Flink's only), with the",
            "catalog 'tstore' on the warehouse directory (default ./warehouse) registered and current.",
            "Without -f or -e: an interactive shell (statements end with ';').",
            "",
            "  --engine ENGINE     flink (default), spark or trino; bin/tstore reads it, the rest is the same",
            "  --warehouse DIR     the warehouse of the 'tstore' catalog (default ./warehouse)",
            "  -f, --file FILE     run the statements of FILE, stop at the first that fails",
            "  -e, --execute SQL   run the statements of SQL, stop at the first that fails",
            "  --format FORMAT     'table' (default) or 'tsv': a header, then tab-separated rows",
            "  --max-rows N        stop a query after N rows (streaming queries run until then)",
            "  --timeout SECONDS   stop a query after SECONDS",
            "  --embedded-kafka    start a Kafka broker in this process, on 127.0.0.1 with its data in",
            "                      DIR/.embedded-kafka (the same port every session), and make it the",
            "                      default 'kafka.bootstrap.servers' of new tables: a table created with",
            "                      'log.system' = 'kafka' then needs no servers option",
            "  --embedded-s3       start an S3 server (S3Proxy, in memory) in this process on 127.0.0.1 and",
            "                      put the warehouse at s3://warehouse/ on it instead of DIR: tables on",
            "                      object storage with nothing installed; they last as long as the session",
            "  --verbose           print the stack trace of errors",
            "  -h, --help          print this help");

    /** A command line that cannot be run; its message says why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parses the arguments that follow {@code sql}. */
    public static ShellOptions parse(List<String> args) throws UsageException {
        Path warehouse = Path.of("warehouse");
        Optional<Path> file = Optional.empty();
        Optional<String> sql = Optional.empty();
        Format format = Format.TABLE;
        Optional<Long> maxRows = Optional.empty();
        Optional<Duration> timeout = Optional.empty();
        boolean verbose = false;
        boolean embeddedKafka = false;
        boolean embeddedS3 = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--warehouse" -> warehouse = Path.of(value(args, ++i, arg));
                case "-f", "--file" -> file = Optional.of(Path.of(value(args, ++i, arg)));
                case "-e", "--execute" -> sql = Optional.of(value(args, ++i, arg));
                case "--format" -> format = format(value(args, ++i, arg));
                case "--max-rows" -> maxRows = Optional.of(positive(value(args, ++i, arg), arg));
                case "--timeout" -> timeout = Optional.of(Duration.ofSeconds(positive(value(args, ++i, arg), arg)));
                case "--verbose" -> verbose = true;
                case "--embedded-kafka" -> embeddedKafka = true;
                case "--embedded-s3" -> embeddedS3 = true;
                default -> throw new UsageException("Unknown argument '" + arg + "'.");
            }
        }
        if (file.isPresent() && sql.isPresent()) {
            throw new UsageException("Give -f or -e, not both.");
        }
        return new ShellOptions(warehouse.toAbsolutePath().normalize(), file, sql, format, maxRows,
                timeout, verbose, embeddedKafka, embeddedS3);
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException("Option " + option + " needs a value.");
        }
        return args.get(i);
    }

    private static Format format(String value) throws UsageException {
        try {
            return Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid --format '" + value + "': use 'table' or 'tsv'.");
        }
    }

    private static long positive(String value, String option) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("Invalid " + option + " '" + value + "': expected a positive whole number.");
    }
}
