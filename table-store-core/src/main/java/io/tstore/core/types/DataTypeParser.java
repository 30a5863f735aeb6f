package io.tstore.core.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Reads SQL type strings: everything {@link DataType#asSqlString()} writes, plus the usual spellings of SQL
 * engines. Keywords are case-insensitive; field names keep their case and may be quoted with backticks.
 *
 * <pre>
 * type      := base [NOT NULL | NULL]
 * base      := BOOLEAN | TINYINT | SMALLINT | INT | INTEGER | BIGINT | FLOAT | DOUBLE [PRECISION]
 *            | (DECIMAL | DEC | NUMERIC) [(p [, s])]
 *            | CHAR [(n)] | VARCHAR [(n)] | STRING | BINARY [(n)] | VARBINARY [(n)] | BYTES
 *            | DATE | TIME [(p)] [WITHOUT TIME ZONE]
 *            | TIMESTAMP [(p)] [WITHOUT TIME ZONE | WITH LOCAL TIME ZONE] | TIMESTAMP_LTZ [(p)]
 *            | ARRAY&lt;type&gt; | MAP&lt;type, type&gt; | ROW&lt;[field {, field}]&gt; | ROW([field {, field}])
 * field     := name type ['description']
 * </pre>
 *
 * Errors quote the whole input and give the 1-based position of the offending token.
 */
final class DataTypeParser {
    private final String input;
    private final List<Token> tokens;
    private int next;

    private DataTypeParser(String input) {
        this.input = input;
        this.tokens = tokenize(input);
    }

    static DataType parse(String sql) {
        requireNonNull(sql, "sql is null");
        DataTypeParser parser = new DataTypeParser(sql);
        DataType type = parser.parseType();
        Token end = parser.peek();
        if (end.kind != TokenKind.END) {
            throw parser.error(end, "unexpected " + end.describe() + " after the type " + type.asSqlString());
        }
        return type;
    }

    private DataType parseType() {
        DataType base = parseBase();
        if (peekKeyword("NOT")) {
            next++;
            expectKeyword("NULL");
            return base.copy(false);
        }
        if (peekKeyword("NULL")) {
            next++;
        }
        return base;
    }

    private DataType parseBase() {
        Token token = take();
        if (token.kind != TokenKind.WORD) {
            throw error(token, "expected a type name but found " + token.describe());
        }
        switch (token.upper()) {
            case "BOOLEAN":
                return new BooleanType();
            case "TINYINT":
                return new TinyIntType();
            case "SMALLINT":
                return new SmallIntType();
            case "INT":
            case "INTEGER":
                return new IntType();
            case "BIGINT":
                return new BigIntType();
            case "FLOAT":
                return new FloatType();
            case "DOUBLE":
                if (peekKeyword("PRECISION")) {
                    next++;
                }
                return new DoubleType();
            case "DECIMAL":
            case "DEC":
            case "NUMERIC":
                return parseDecimal(token);
            case "CHAR":
                return build(token, () -> new CharType(optionalLength(CharType.DEFAULT_LENGTH)));
            case "VARCHAR":
                return build(token, () -> new VarCharType(optionalLength(VarCharType.DEFAULT_LENGTH)));
            case "STRING":
                return new VarCharType(VarCharType.MAX_LENGTH);
            case "BINARY":
                return build(token, () -> new BinaryType(optionalLength(BinaryType.DEFAULT_LENGTH)));
            case "VARBINARY":
                return build(token, () -> new VarBinaryType(optionalLength(VarBinaryType.DEFAULT_LENGTH)));
            case "BYTES":
                return new VarBinaryType(VarBinaryType.MAX_LENGTH);
            case "DATE":
                return new DateType();
            case "TIME":
                return parseTime(token);
            case "TIMESTAMP":
                return parseTimestamp(token);
            case "TIMESTAMP_LTZ":
                return build(token, () -> new LocalZonedTimestampType(
                        optionalLength(LocalZonedTimestampType.DEFAULT_PRECISION)));
            case "ARRAY":
                return parseArray();
            case "MAP":
                return parseMap();
            case "ROW":
                return parseRow();
            default:
                throw error(token, "unknown type " + token.describe());
        }
    }

    private DataType parseDecimal(Token typeToken) {
        int precision = DecimalType.DEFAULT_PRECISION;
        int scale = DecimalType.DEFAULT_SCALE;
        if (peekSymbol('(')) {
            next++;
            precision = expectInteger("the precision");
            if (peekSymbol(',')) {
                next++;
                scale = expectInteger("the scale");
            }
            expectSymbol(')');
        }
        int p = precision;
        int s = scale;
        return build(typeToken, () -> new DecimalType(p, s));
    }

    private DataType parseTime(Token typeToken) {
        int precision = optionalLength(TimeType.DEFAULT_PRECISION);
        if (peekKeyword("WITHOUT")) {
            next++;
            expectKeyword("TIME");
            expectKeyword("ZONE");
        }
        return build(typeToken, () -> new TimeType(precision));
    }

    private DataType parseTimestamp(Token typeToken) {
        int precision = optionalLength(TimestampType.DEFAULT_PRECISION);
        if (peekKeyword("WITHOUT")) {
            next++;
            expectKeyword("TIME");
            expectKeyword("ZONE");
        } else if (peekKeyword("WITH")) {
            next++;
            expectKeyword("LOCAL");
            expectKeyword("TIME");
            expectKeyword("ZONE");
            return build(typeToken, () -> new LocalZonedTimestampType(precision));
        }
        return build(typeToken, () -> new TimestampType(precision));
    }

    private DataType parseArray() {
        expectSymbol('<');
        DataType element = parseType();
        expectSymbol('>');
        return new ArrayType(element);
    }

    private DataType parseMap() {
        expectSymbol('<');
        DataType key = parseType();
        expectSymbol(',');
        DataType value = parseType();
        expectSymbol('>');
        return new MapType(key, value);
    }

    private DataType parseRow() {
        Token open = take();
        char close;
        if (open.isSymbol('<')) {
            close = '>';
        } else if (open.isSymbol('(')) {
            close = ')';
        } else {
            throw error(open, "expected '<' after ROW but found " + open.describe());
        }
        List<DataField> fields = new ArrayList<>();
        if (peekSymbol(close)) {
            next++;
            return new RowType(fields);
        }
        while (true) {
            Token name = take();
            if (name.kind != TokenKind.WORD && name.kind != TokenKind.QUOTED_NAME) {
                throw error(name, "expected a field name but found " + name.describe());
            }
            DataType type = parseType();
            String description = null;
            if (peek().kind == TokenKind.LITERAL) {
                description = take().text;
            }
            for (DataField earlier : fields) {
                if (earlier.name().equals(name.text)) {
                    throw error(name, "field name '" + name.text + "' appears more than once in the row");
                }
            }
            if (name.text.isEmpty()) {
                throw error(name, "a field name must not be empty");
            }
            fields.add(new DataField(fields.size(), name.text, type, description));
            Token separator = take();
            if (separator.isSymbol(close)) {
                break;
            }
            if (!separator.isSymbol(',')) {
                throw error(separator, "expected ',' or '" + close + "' after field '" + name.text
                        + "' but found " + separator.describe());
            }
        }
        return new RowType(fields);
    }

    /** Reads {@code (n)} when present, else gives the default. */
    private int optionalLength(int defaultValue) {
        if (!peekSymbol('(')) {
            return defaultValue;
        }
        next++;
        int value = expectInteger("a length or precision");
        expectSymbol(')');
        return value;
    }

    /** Runs a type constructor, turning its argument checks into errors that point at the type. */
    private DataType build(Token at, TypeConstructor constructor) {
        try {
            return constructor.build();
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private interface TypeConstructor {
        DataType build();
    }

    private int expectInteger(String what) {
        Token token = take();
        if (token.kind != TokenKind.NUMBER) {
            throw error(token, "expected " + what + " (an integer) but found " + token.describe());
        }
        try {
            return Integer.parseInt(token.text);
        } catch (NumberFormatException e) {
            throw error(token, what + " " + token.text + " is too large");
        }
    }

    private void expectSymbol(char symbol) {
        Token token = take();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected '" + symbol + "' but found " + token.describe());
        }
    }

    private void expectKeyword(String keyword) {
        Token token = take();
        if (token.kind != TokenKind.WORD || !token.upper().equals(keyword)) {
            throw error(token, "expected " + keyword + " but found " + token.describe());
        }
    }

    private boolean peekSymbol(char symbol) {
        return peek().isSymbol(symbol);
    }

    private boolean peekKeyword(String keyword) {
        Token token = peek();
        return token.kind == TokenKind.WORD && token.upper().equals(keyword);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind != TokenKind.END) {
            next++;
        }
        return token;
    }

    private IllegalArgumentException error(Token at, String message) {
        return error(input, at.position, message);
    }

    private static IllegalArgumentException error(String input, int position, String message) {
        return new IllegalArgumentException(
                String.format("Invalid data type '%s' at position %d: %s", input, position + 1, message));
    }

    private enum TokenKind {
        /** A keyword or unquoted name. */
        WORD,
        /** A name in backticks. */
        QUOTED_NAME,
        NUMBER,
        /** A description in single quotes. */
        LITERAL,
        SYMBOL,
        END
    }

    private record Token(TokenKind kind, String text, int position) {
        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }

        boolean isSymbol(char symbol) {
            return kind == TokenKind.SYMBOL && text.charAt(0) == symbol;
        }

        String describe() {
            return kind == TokenKind.END ? "the end of the input" : "'" + text + "'";
        }
    }

    private static List<Token> tokenize(String input) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '<' || c == '>' || c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(TokenKind.SYMBOL, String.valueOf(c), i));
                i++;
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < input.length() && input.charAt(i) >= '0' && input.charAt(i) <= '9') {
                    i++;
                }
                tokens.add(new Token(TokenKind.NUMBER, input.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < input.length() && isWordPart(input.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(TokenKind.WORD, input.substring(start, i), start));
            } else if (c == '`' || c == '\'') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= input.length()) {
                        throw error(input, start, c == '`' ? "unterminated quoted name" : "unterminated description");
                    }
                    char d = input.charAt(i);
                    if (d == c) {
                        // A doubled quote stands for the quote character itself.
                        if (i + 1 < input.length() && input.charAt(i + 1) == c) {
                            text.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.append(d);
                    i++;
                }
                tokens.add(new Token(c == '`' ? TokenKind.QUOTED_NAME : TokenKind.LITERAL, text.toString(), start));
            } else {
                throw error(input, i, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(TokenKind.END, "", input.length()));
        return tokens;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
