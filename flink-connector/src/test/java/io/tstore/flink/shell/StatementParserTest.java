package io.tstore.flink.shell;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

/** The interactive shell accepts a line only once it ends a statement (or is a shell command). */
class StatementParserTest {

    private final InteractiveShell.StatementParser parser = new InteractiveShell.StatementParser();

    @Test
    void asksForMoreUntilTheStatementEndsWithASemicolon() {
        for (String unfinished : new String[] {"SELECT 1", "SELECT 1;\nSELECT", "SELECT 'a;", "SELECT 1 /* ; ",
                "SELECT `x;", "SELECT 1 -- ;", "EXECUTE STATEMENT SET BEGIN INSERT INTO t VALUES (1);"}) {
            assertThatThrownBy(() -> parser.parse(unfinished, unfinished.length(), ParseContext.ACCEPT_LINE))
                    .as(unfinished)
                    .isInstanceOf(EOFError.class);
        }
    }

    @Test
    void acceptsEndedStatementsCommentsAndShellCommands() {
        for (String finished : new String[] {"SELECT 1;", "SELECT 'a;b'\n  FROM t;", "SELECT 1; -- done", "",
                "-- only a comment", "quit", "EXIT", "help", "EXECUTE STATEMENT SET BEGIN INSERT INTO t VALUES (1); END;",
                "SELECT 'back\\slash';"}) {
            assertThatCode(() -> parser.parse(finished, finished.length(), ParseContext.ACCEPT_LINE))
                    .as(finished)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void completionNeverAsksForMore() {
        assertThatCode(() -> parser.parse("SELECT 'a", 9, ParseContext.COMPLETE)).doesNotThrowAnyException();
    }
}
