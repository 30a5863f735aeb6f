package io.tstore.shell;


import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.shell.StatementSplitter.Statement;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolonsOutsideLiteralsIdentifiersAndComments() {
        String script = String.join("\n",
                "-- a comment; with a semicolon",
                "SELECT 'a;b', 'it''s; here' FROM t;",
                "/* block; comment */ SELECT `we;ird` FROM \"x;y\";",
                "SELECT 1 -- trailing; comment",
                "  , 2;",
                "SELECT * FROM t /*+ OPTIONS('k' = 'v;w') */;",
                "",
                ";;",
                "SELECT 3");

        assertThat(StatementSplitter.splitScript(script)).containsExactly(
                new Statement("SELECT 'a;b', 'it''s; here' FROM t", 2),
                new Statement("SELECT `we;ird` FROM \"x;y\"", 3),
                new Statement("SELECT 1 -- trailing; comment\n  , 2", 4),
                new Statement("SELECT * FROM t /*+ OPTIONS('k' = 'v;w') */", 6),
                new Statement("SELECT 3", 9));
    }

    @Test
    void keepsAStatementSetBlockWhole() {
        String script = "EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;\nSELECT 4;";

        assertThat(StatementSplitter.splitScript(script)).containsExactly(
                new Statement("EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND", 1),
                new Statement("SELECT 4", 5));
    }

    @Test
    void tellsTheUnterminatedRest() {
        assertThat(StatementSplitter.split("SELECT 1; -- only a comment\n").rest()).isNull();
        assertThat(StatementSplitter.split("SELECT 1; SELECT 'open;").rest())
                .isEqualTo(new Statement("SELECT 'open;", 1));
        assertThat(StatementSplitter.split("SELECT 1 /* open; comment").rest()).isNotNull();
        assertThat(StatementSplitter.split("SELECT 1; SELECT\n2").statements())
                .containsExactly(new Statement("SELECT 1", 1));
    }

    /** Random statements joined with random separators split back into themselves. */
    @Test
    void randomScriptsSplitIntoTheirStatements() {
        Random random = new Random(42);
        String[] pieces = {"SELECT", "'a;b'", "'x''y;'", "`c;d`", "\"e;f\"", "/* g; */", "/*+ OPTIONS('h'=';') */",
                "1", "t", ",", "(", ")", "-- i;\n"};
        for (int round = 0; round < 500; round++) {
            int count = 1 + random.nextInt(5);
            StringBuilder script = new StringBuilder();
            List<String> expected = new java.util.ArrayList<>();
            for (int s = 0; s < count; s++) {
                StringBuilder statement = new StringBuilder("SELECT");
                int length = random.nextInt(8);
                for (int p = 0; p < length; p++) {
                    statement.append(' ').append(pieces[random.nextInt(pieces.length)]);
                }
                // A statement that ends in a line comment keeps its line break before the ';'.
                expected.add(statement.toString().strip());
                script.append(statement).append(random.nextBoolean() ? ";\n" : " ;  ");
                if (random.nextInt(4) == 0) {
                    script.append("-- between; statements\n");
                }
            }
            assertThat(StatementSplitter.splitScript(script.toString()))
                    .extracting(Statement::sql)
                    .as("script %s", script)
                    .containsExactlyElementsOf(expected);
        }
    }
}
