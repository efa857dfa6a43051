package io.nodedb.server.pgwire;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A COPY statement, parsed here rather than in the SQL layer because COPY is a protocol-level operation: its data
 * travels in CopyData messages, not in the statement. Accepted forms (PostgreSQL's, with NDJSON added):
 * <pre>
 * COPY table [(col, ...)] FROM STDIN [[WITH] (FORMAT text|csv|ndjson [, HEADER [bool]] [, DELIMITER 'c'] [, NULL 's'])]
 * COPY {table [(col, ...)] | (query)} TO STDOUT [[WITH] (...)]
 * </pre>
 * and the pre-9.0 option spelling psql users still type ({@code WITH CSV HEADER DELIMITER AS ';'}).
 *
 * @param table   the target or source collection, as written (quotes removed), or null for {@code (query)}
 * @param columns the column list, empty when none was given
 * @param query   the inner query of {@code COPY (query) TO}, else null
 */
record PgCopyStatement(boolean in, String table, List<String> columns, String query, Format format, boolean header,
                       char delimiter, String nullString) {

    enum Format { TEXT, CSV, NDJSON }

    /** True when the text's first keyword is COPY, so the pgwire layer handles it instead of the SQL engine. */
    static boolean isCopy(String sql) {
        Tokens t = new Tokens(sql);
        t.skipSpace();
        return t.peekWord().equalsIgnoreCase("COPY");
    }

    /** @throws NodeDbException 42601 with the position of the offending token, 0A000 for unsupported forms */
    static PgCopyStatement parse(String sql) {
        Tokens t = new Tokens(sql);
        t.expectWord("COPY");
        String table = null;
        String query = null;
        List<String> columns = new ArrayList<>();
        if (t.peek() == '(') {
            query = t.parenthesized();
        } else {
            table = t.identifier();
            while (t.peek() == '.') {
                // schema-qualified names: there is one schema, so only the last part names the collection
                t.pos++;
                table = t.identifier();
            }
            if (t.peek() == '(') {
                t.pos++;
                do {
                    columns.add(t.identifier());
                } while (t.accept(','));
                t.expect(')');
            }
        }
        String direction = t.word().toUpperCase(Locale.ROOT);
        boolean in;
        switch (direction) {
            case "FROM" -> in = true;
            case "TO" -> in = false;
            default -> throw t.error("expected FROM or TO");
        }
        if (in && query != null) {
            throw t.error("COPY (query) can only be used with TO");
        }
        int targetAt = t.pos;
        String target = t.peek() == '\'' ? "'" : t.word().toUpperCase(Locale.ROOT);
        if (!target.equals(in ? "STDIN" : "STDOUT")) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + direction + " a server file or "
                    + "program is not supported; use " + (in ? "STDIN" : "STDOUT") + " (psql: \\copy)", targetAt + 1, null);
        }
        Options o = new Options();
        if (t.peekWord().equalsIgnoreCase("WITH")) {
            t.word();
        }
        if (t.peek() == '(') {
            t.pos++;
            do {
                o.option(t, true);
            } while (t.accept(','));
            t.expect(')');
        } else {
            while (!t.atEnd()) {
                o.option(t, false);
            }
        }
        t.accept(';');
        if (!t.atEnd()) {
            throw t.error("unexpected text after COPY");
        }
        char delimiter = o.delimiter != 0 ? o.delimiter : o.format == Format.CSV ? ',' : '\t';
        String nullString = o.nullString != null ? o.nullString : o.format == Format.TEXT ? "\\N" : "";
        if (o.header && o.format == Format.TEXT) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY HEADER is available only in CSV and "
                    + "NDJSON mode");
        }
        return new PgCopyStatement(in, table, List.copyOf(columns), query, o.format, o.header, delimiter, nullString);
    }

    /** The option values seen so far. */
    private static final class Options {
        Format format = Format.TEXT;
        boolean header;
        char delimiter;
        String nullString;

        void option(Tokens t, boolean modern) {
            int at = t.pos;
            String name = t.word().toUpperCase(Locale.ROOT);
            switch (name) {
                case "FORMAT" -> format = format(t, t.word(), at);
                case "CSV", "NDJSON", "TEXT", "BINARY" -> {
                    if (modern) {
                        throw t.errorAt(at, "expected an option name, e.g. FORMAT " + name.toLowerCase(Locale.ROOT));
                    }
                    format = format(t, name, at);
                }
                case "HEADER" -> header = !modern || t.peek() == ',' || t.peek() == ')' || bool(t);
                case "DELIMITER" -> {
                    t.acceptWord("AS");
                    int valueAt = t.pos;
                    String d = t.string();
                    if (d.length() != 1 || d.charAt(0) == '\n' || d.charAt(0) == '\r' || d.charAt(0) == '"') {
                        throw t.errorAt(valueAt, "COPY delimiter must be a single character other than a quote or "
                                + "newline");
                    }
                    delimiter = d.charAt(0);
                }
                case "NULL" -> {
                    t.acceptWord("AS");
                    nullString = t.string();
                }
                case "ENCODING" -> {
                    int valueAt = t.pos;
                    String e = t.string().toUpperCase(Locale.ROOT).replace("-", "");
                    if (!e.equals("UTF8")) {
                        throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY ENCODING must be UTF8",
                                valueAt + 1, null);
                    }
                }
                default -> throw t.errorAt(at, "unknown COPY option \"" + name.toLowerCase(Locale.ROOT)
                        + "\" (supported: FORMAT, HEADER, DELIMITER, NULL, ENCODING)");
            }
        }

        private static Format format(Tokens t, String name, int at) {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "CSV" -> Format.CSV;
                case "TEXT" -> Format.TEXT;
                case "NDJSON", "JSON" -> Format.NDJSON;
                case "BINARY" -> throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FORMAT binary is "
                        + "not supported; use text, csv or ndjson", at + 1, null);
                default -> throw t.errorAt(at, "COPY format \"" + name.toLowerCase(Locale.ROOT) + "\" not recognized");
            };
        }

        private static boolean bool(Tokens t) {
            int at = t.pos;
            String v = t.peek() == '\'' ? t.string() : t.word();
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "on", "1", "t", "yes" -> true;
                case "false", "off", "0", "f", "no" -> false;
                default -> throw t.errorAt(at, "HEADER requires a Boolean value");
            };
        }
    }

    /** A cursor over the statement text; positions in errors are 1-based, as in ErrorResponse. */
    private static final class Tokens {
        final String s;
        int pos;

        Tokens(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith("--", pos)) {
                    int nl = s.indexOf('\n', pos);
                    pos = nl < 0 ? s.length() : nl + 1;
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        boolean atEnd() {
            skipSpace();
            return pos >= s.length();
        }

        char peek() {
            skipSpace();
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean accept(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw error("expected \"" + c + "\"");
            }
        }

        String peekWord() {
            skipSpace();
            int end = pos;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            return s.substring(pos, end);
        }

        String word() {
            String w = peekWord();
            if (w.isEmpty()) {
                throw error("expected a keyword");
            }
            pos += w.length();
            return w;
        }

        void expectWord(String w) {
            if (!word().equalsIgnoreCase(w)) {
                throw errorAt(pos - w.length(), "expected " + w);
            }
        }

        void acceptWord(String w) {
            if (peekWord().equalsIgnoreCase(w)) {
                pos += w.length();
            }
        }

        /** A plain identifier (folded to lower case, as PostgreSQL does) or a "quoted" one (kept as written). */
        String identifier() {
            if (peek() == '"') {
                StringBuilder b = new StringBuilder();
                for (int i = pos + 1; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            b.append('"');
                            i++;
                            continue;
                        }
                        pos = i + 1;
                        return b.toString();
                    }
                    b.append(c);
                }
                throw error("unterminated quoted identifier");
            }
            String w = peekWord();
            if (w.isEmpty() || Character.isDigit(w.charAt(0))) {
                throw error("expected a collection or column name");
            }
            pos += w.length();
            return w.toLowerCase(Locale.ROOT);
        }

        /** A 'single-quoted' string with '' for a quote (E'' escapes are not needed by any client we know). */
        String string() {
            if (peek() != '\'') {
                throw error("expected a quoted string");
            }
            StringBuilder b = new StringBuilder();
            for (int i = pos + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        b.append('\'');
                        i++;
                        continue;
                    }
                    pos = i + 1;
                    return b.toString();
                }
                b.append(c);
            }
            throw error("unterminated quoted string");
        }

        /** The text inside balanced parentheses, skipping quoted strings and identifiers. */
        String parenthesized() {
            int start = pos + 1;
            int depth = 0;
            for (int i = pos; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'' || c == '"') {
                    int close = s.indexOf(c, i + 1);
                    if (close < 0) {
                        break;
                    }
                    i = close;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    pos = i + 1;
                    return s.substring(start, i);
                }
            }
            throw error("unbalanced parentheses in COPY (query)");
        }

        NodeDbException error(String message) {
            skipSpace();
            return errorAt(pos, message);
        }

        NodeDbException errorAt(int at, String message) {
            String near = at >= s.length() ? "end of input" : "\"" + s.substring(at, Math.min(s.length(), at + 12))
                    .split("\\s")[0] + "\"";
            return new NodeDbException(SqlState.SYNTAX_ERROR, "syntax error at or near " + near + ": " + message,
                    at + 1, null);
        }
    }
}
