package io.tstore.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements at the semicolons that end them.
 *
 * <p>The split is lexical, the way Flink's SQL client sees a script: a semicolon inside a string
 * literal ({@code '...'}, with {@code ''} as an escaped quote), a quoted identifier ({@code `...`} or
 * {@code "..."}), a line comment ({@code -- ...}) or a block comment ({@code /* ... *}{@code /}, hints
 * included) does not end a statement, and neither do the semicolons between {@code EXECUTE STATEMENT
 * SET BEGIN} and its {@code END}. Everything else, the grammar included, is left to Flink's parser.
 */
public final class StatementSplitter {

    /**
     * One statement of a script: its text from its first token (comments before it left out) to the
     * semicolon that ends it (left out), and the line it starts on.
     */
    public record Statement(String sql, int line) {}

    /**
     * The statements that a text ends with a semicolon, and the statement it begins but does not end.
     *
     * @param statements the complete statements, in order
     * @param rest the text after the last complete statement, or null when that holds nothing but
     *     whitespace and comments
     */
    public record Result(List<Statement> statements, Statement rest) {

        /** The complete statements, then the unterminated rest, if any. */
        public List<Statement> all() {
            List<Statement> all = new ArrayList<>(statements);
            if (rest != null) {
                all.add(rest);
            }
            return all;
        }
    }

    private StatementSplitter() {}

    /** Splits a whole script; a last statement without a semicolon counts as complete. */
    public static List<Statement> splitScript(String script) {
        return split(script).all();
    }

    /** Splits {@code text} into the statements it terminates and the unterminated rest. */
    public static Result split(String text) {
        List<Statement> statements = new ArrayList<>();
        Lexer lexer = new Lexer(text);
        int start = -1;
        int startLine = 0;
        // Words (outside quotes and comments) of the current statement, as far as needed to
        // recognise EXECUTE STATEMENT SET BEGIN ... END.
        List<String> leadingWords = new ArrayList<>();
        String lastWord = null;
        while (lexer.hasNext()) {
            Token token = lexer.next();
            if (token == Token.COMMENT) {
                continue;
            }
            if (start < 0) {
                start = lexer.tokenStart();
                startLine = lexer.tokenLine();
            }
            if (token == Token.WORD) {
                lastWord = lexer.word().toUpperCase(Locale.ROOT);
                if (leadingWords.size() < 4) {
                    leadingWords.add(lastWord);
                }
            } else if (token == Token.SEMICOLON) {
                boolean inBlock = isStatementSetBlock(leadingWords) && !"END".equals(lastWord);
                if (!inBlock) {
                    String sql = text.substring(start, lexer.tokenStart()).strip();
                    if (!sql.isEmpty()) {
                        statements.add(new Statement(sql, startLine));
                    }
                    start = -1;
                    leadingWords.clear();
                    lastWord = null;
                }
            }
        }
        Statement rest = start < 0 ? null : new Statement(text.substring(start).strip(), startLine);
        return new Result(statements, rest);
    }

    private static boolean isStatementSetBlock(List<String> words) {
        return words.size() == 4
                && words.get(0).equals("EXECUTE")
                && words.get(1).equals("STATEMENT")
                && words.get(2).equals("SET")
                && words.get(3).equals("BEGIN");
    }

    private enum Token { WORD, SEMICOLON, COMMENT, OTHER }

    /** A minimal SQL lexer: just enough to know where quotes and comments begin and end. */
    private static final class Lexer {
        private final String text;
        private int pos;
        private int line = 1;
        private int tokenStart;
        private int tokenLine;

        Lexer(String text) {
            this.text = text;
        }

        boolean hasNext() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                advance();
            }
            return pos < text.length();
        }

        /** Where the last token returned by {@link #next()} starts. */
        int tokenStart() {
            return tokenStart;
        }

        /** The line the last token returned by {@link #next()} starts on. */
        int tokenLine() {
            return tokenLine;
        }

        String word() {
            return text.substring(tokenStart, pos);
        }

        Token next() {
            tokenStart = pos;
            tokenLine = line;
            char c = text.charAt(pos);
            if (c == ';') {
                advance();
                return Token.SEMICOLON;
            }
            if (c == '-' && peek(1) == '-') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
                return Token.COMMENT;
            }
            if (c == '/' && peek(1) == '*') {
                // A hint (/*+ ... */) belongs to its statement; any other block comment is a comment.
                boolean hint = peek(2) == '+';
                advance();
                advance();
                while (pos < text.length() && !(text.charAt(pos) == '*' && peek(1) == '/')) {
                    advance();
                }
                if (pos >= text.length()) {
                    return hint ? Token.OTHER : Token.COMMENT;
                }
                advance();
                advance();
                return hint ? Token.OTHER : Token.COMMENT;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quoted(c);
                return Token.OTHER;
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < text.length()
                        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                                || text.charAt(pos) == '$')) {
                    advance();
                }
                return Token.WORD;
            }
            advance();
            return Token.OTHER;
        }

        /** Skips a quoted run; a doubled quote character inside it stands for the character. */
        private void quoted(char quote) {
            advance();
            while (pos < text.length()) {
                if (text.charAt(pos) == quote) {
                    if (peek(1) == quote) {
                        advance();
                        advance();
                        continue;
                    }
                    advance();
                    return;
                }
                advance();
            }
        }

        private char peek(int ahead) {
            int i = pos + ahead;
            return i < text.length() ? text.charAt(i) : '\0';
        }

        private void advance() {
            if (text.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
    }
}
