package io.tstore.flink.shell;

import io.tstore.shell.ShellOptions;
import io.tstore.shell.StatementSplitter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive {@code tstore} shell: JLine line editing and a history kept in {@code
 * ~/.tstore_history}; a statement may span lines and ends with {@code ;}. Ctrl-C clears the line
 * being typed or stops the running statement; Ctrl-D or {@code QUIT;} leaves.
 */
final class InteractiveShell {

    /** The prompt, also echoed before the statements of a script. */
    static final String PROMPT = "tstore> ";

    private static final String CONTINUATION = "      > ";

    private static final String HELP = String.join(System.lineSeparator(),
            "Statements end with ';' and may span lines. Flink SQL, for example:",
            "  SHOW DATABASES;  CREATE DATABASE d;  USE d;  SHOW TABLES;  DESCRIBE t;",
            "  CREATE TABLE t (id INT, v STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '2');",
            "  INSERT INTO t VALUES (1, 'a');  SELECT * FROM t;  EXPLAIN SELECT * FROM t;",
            "  SET 'execution.runtime-mode' = 'streaming';  SET;  RESET;",
            "Shell commands: HELP; QUIT; (or EXIT; or Ctrl-D). Ctrl-C stops a running statement.");

    private InteractiveShell() {}

    /** Reads statements from the terminal until the user leaves; returns the exit code (0). */
    static int run(SqlSession session, ShellOptions options) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("tstore").system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("tstore")
                    .parser(new StatementParser())
                    .variable(LineReader.HISTORY_FILE,
                            Path.of(System.getProperty("user.home"), ".tstore_history"))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            PrintWriter out = terminal.writer();
            out.println("tstore SQL shell: Flink " + org.apache.flink.runtime.util.EnvironmentInformation
                    .getVersion() + ", catalog '" + TstoreCli.CATALOG + "' on " + options.warehouse());
            out.println("Statements end with ';'. HELP; for help, QUIT; to leave.");
            out.flush();
            StatementRunner.Interrupts interrupts = action -> terminal.handle(Terminal.Signal.INT,
                    action == null ? Terminal.SignalHandler.SIG_DFL : signal -> action.run());
            try (StatementRunner runner = new StatementRunner(session, options, out, out, interrupts, true)) {
                while (true) {
                    String text;
                    try {
                        text = reader.readLine(PROMPT);
                    } catch (UserInterruptException e) {
                        continue;
                    } catch (EndOfFileException e) {
                        return 0;
                    }
                    for (StatementSplitter.Statement statement : StatementSplitter.splitScript(text)) {
                        String command = statement.sql().strip().toUpperCase(Locale.ROOT);
                        if (command.equals("QUIT") || command.equals("EXIT")) {
                            return 0;
                        }
                        if (command.equals("HELP")) {
                            out.println(HELP);
                            continue;
                        }
                        runner.run(statement.sql(), 0);
                    }
                }
            }
        }
    }

    /**
     * Accepts a line only once it ends a statement with a semicolon (outside quotes and comments),
     * or holds a shell command; otherwise JLine asks for another line.
     */
    static final class StatementParser extends DefaultParser {
        StatementParser() {
            escapeChars(null);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE) {
                StatementSplitter.Result split = StatementSplitter.split(line);
                StatementSplitter.Statement rest = split.rest();
                boolean command = rest != null
                        && List.of("QUIT", "EXIT", "HELP").contains(rest.sql().toUpperCase(Locale.ROOT));
                if (rest != null && !command) {
                    throw new EOFError(-1, -1, "The statement does not end with ';'.");
                }
            }
            return super.parse(line, cursor, context);
        }
    }
}
