package io.nodedb.server.pgwire;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueFormatException;
import io.nodedb.core.value.ValueJson;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.server.pgwire.PgCopyStatement.Format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiving side of {@code COPY ... FROM STDIN}: CopyData chunks arrive cut anywhere (mid-line, mid-UTF-8
 * character), so bytes are split on '\n' first (a newline byte never occurs inside a UTF-8 sequence) and only
 * whole lines are decoded. A CSV record may span lines inside quotes.
 *
 * <p>Rows are written through the SQL layer as multi-row INSERTs of {@link #BATCH_ROWS} rows, each batch atomic.
 * Outside a transaction block, batches already written stay when a later one fails (as with PostgreSQL's
 * autocommit, a client that wants all or nothing wraps COPY in BEGIN/COMMIT). To name the failing line, the failed
 * batch is replayed row by row inside a transaction that is then rolled back, so it still writes nothing.
 */
final class PgCopyIn {
    static final int BATCH_ROWS = 1000;

    private final PgCopyStatement copy;
    private final PgSession session;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The CSV record being assembled while a quoted field spans lines. */
    private StringBuilder openRecord;
    private int openRecordLine;
    private int line;
    private boolean headerSeen;
    private boolean ended;
    /** Target columns; null until known (from the statement, the header, the collection, or each NDJSON line). */
    private List<String> columns;

    private final List<Value[]> batch = new ArrayList<>();
    private final List<Integer> batchLines = new ArrayList<>();
    private List<String> batchColumns;
    private long inserted;

    PgCopyIn(PgCopyStatement copy, PgSession session) {
        this.copy = copy;
        this.session = session;
        if (!copy.columns().isEmpty()) {
            columns = copy.columns();
        } else if (copy.format() == Format.TEXT || (copy.format() == Format.CSV && !copy.header())) {
            if (schemaless(session, copy.table())) {
                throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY into schemaless collection \""
                        + copy.table() + "\" needs a column list, a CSV HEADER, or FORMAT ndjson: its documents "
                        + "have no column order");
            }
            columns = session.prepare("SELECT * FROM " + quote(copy.table()), new int[0]).columns().stream()
                    .map(ColumnInfo::name).toList();
        } else {
            // NDJSON names fields per line; CSV with HEADER names them in the header (a NodeDB extension that lets
            // schemaless collections, which have no fixed column list, be loaded without one)
            session.prepare("SELECT * FROM " + quote(copy.table()) + " LIMIT 0", new int[0]);
        }
    }

    /** Whether SHOW COLLECTIONS lists {@code table} as a schemaless document collection. */
    private static boolean schemaless(PgSession session, String table) {
        for (StatementResult r : session.run("SHOW COLLECTIONS", List.of())) {
            for (Value[] row : r.rows()) {
                if (row.length >= 2 && row[0] instanceof Value.Str name && name.value().equals(table)
                        && row[1] instanceof Value.Str kind && kind.value().equals("document")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many columns CopyInResponse announces; clients only use it for binary COPY. */
    int columnCount() {
        return columns == null ? 0 : columns.size();
    }

    void feed(byte[] data) {
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                pending.write(data, start, i - start);
                lineComplete();
                start = i + 1;
            }
        }
        pending.write(data, start, data.length - start);
    }

    /** Ends the data: the last line may lack its newline. Returns the number of rows written. */
    long finish() {
        if (pending.size() > 0) {
            lineComplete();
        }
        if (openRecord != null) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, "unterminated CSV quoted field", openRecordLine);
        }
        flush();
        return inserted;
    }

    private void lineComplete() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        line++;
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid byte sequence for encoding \"UTF8\"", line);
        }
        if (ended) {
            return;
        }
        if (openRecord != null) {
            openRecord.append('\n').append(text);
            if (quotesBalanced(openRecord)) {
                String record = openRecord.toString();
                openRecord = null;
                record(record, openRecordLine);
            }
            return;
        }
        if (text.equals("\\.")) {
            // the end-of-data marker of old clients; anything after it is ignored, as PostgreSQL does
            ended = true;
            return;
        }
        if (copy.format() == Format.CSV && !quotesBalanced(text)) {
            openRecord = new StringBuilder(text);
            openRecordLine = line;
            return;
        }
        record(text, line);
    }

    private static boolean quotesBalanced(CharSequence s) {
        int quotes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 0;
    }

    private void record(String text, int at) {
        // HEADER means a CSV header line; NDJSON lines name their own fields, so there it changes nothing
        if (copy.header() && copy.format() == Format.CSV && !headerSeen) {
            headerSeen = true;
            if (columns == null) {
                List<String> names = new ArrayList<>();
                for (Value v : csv(text, at)) {
                    names.add(v.isNull() ? "" : ((Value.Str) v).value());
                }
                columns = names;
            }
            return;
        }
        switch (copy.format()) {
            case CSV -> add(columns, csv(text, at), at);
            case TEXT -> add(columns, text(text, at), at);
            case NDJSON -> ndjson(text, at);
        }
    }

    private void add(List<String> names, List<Value> values, int at) {
        if (values.size() != names.size()) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, (values.size() < names.size() ? "missing data for "
                    + "column \"" + names.get(values.size()) + "\"" : "extra data after last expected column")
                    + " (expected " + names.size() + " columns, got " + values.size() + ")", at);
        }
        if (batchColumns != null && !batchColumns.equals(names)) {
            flush();
        }
        batchColumns = names;
        batch.add(values.toArray(Value[]::new));
        batchLines.add(at);
        if (batch.size() >= BATCH_ROWS) {
            flush();
        }
    }

    private void ndjson(String text, int at) {
        if (text.isBlank()) {
            return;
        }
        Value v;
        try {
            v = ValueJson.fromJson(text);
        } catch (ValueFormatException e) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid JSON: " + e.getMessage(), at);
        }
        if (!(v instanceof Value.Obj obj)) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, "each NDJSON line must be a JSON object, got "
                    + v.type().name().toLowerCase(java.util.Locale.ROOT), at);
        }
        List<String> names = columns != null ? columns : List.copyOf(obj.names());
        if (names.isEmpty()) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, "empty JSON object", at);
        }
        List<Value> values = new ArrayList<>(names.size());
        for (String name : names) {
            values.add(obj.has(name) ? obj.get(name) : Value.NULL);
        }
        add(names, values, at);
    }

    /** One CSV record: unquoted empty (or the NULL string) is NULL, quoted empty is '', "" is a quote. */
    private List<Value> csv(String s, int at) {
        List<Value> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == copy.delimiter()) {
                out.add(csvField(cur, wasQuoted));
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw error(SqlState.INVALID_TEXT_REPRESENTATION, "unterminated CSV quoted field", at);
        }
        out.add(csvField(cur, wasQuoted));
        return out;
    }

    private Value csvField(StringBuilder cur, boolean wasQuoted) {
        String v = cur.toString();
        return !wasQuoted && v.equals(copy.nullString()) ? Value.NULL : Value.of(v);
    }

    /** One line of PostgreSQL's text format: delimiter-separated, \N for NULL, backslash escapes. */
    private List<Value> text(String s, int at) {
        List<Value> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int fieldStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == copy.delimiter()) {
                String raw = s.substring(fieldStart, i);
                out.add(raw.equals(copy.nullString()) ? Value.NULL : Value.of(cur.toString()));
                cur.setLength(0);
                fieldStart = i + 1;
                continue;
            }
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                cur.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> cur.append('\b');
                case 'f' -> cur.append('\f');
                case 'n' -> cur.append('\n');
                case 'r' -> cur.append('\r');
                case 't' -> cur.append('\t');
                case 'v' -> cur.append('\u000B');
                case 'x' -> {
                    int end = i + 1;
                    while (end < s.length() && end < i + 3 && Character.digit(s.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i + 1) {
                        cur.append('x');
                    } else {
                        cur.append((char) Integer.parseInt(s.substring(i + 1, end), 16));
                        i = end - 1;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                            end++;
                        }
                        cur.append((char) Integer.parseInt(s.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        cur.append(e);
                    }
                }
            }
        }
        return out;
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<Value> params = new ArrayList<>(batch.size() * batchColumns.size());
        for (Value[] row : batch) {
            params.addAll(List.of(row));
        }
        boolean inTransaction = session.transactionStatus() != 'I';
        try {
            session.run(insert(batchColumns, batch.size()), params);
        } catch (NodeDbException e) {
            int first = batchLines.getFirst();
            int last = batchLines.getLast();
            if (inTransaction) {
                throw located(e, "COPY " + copy.table() + ", lines " + first + "-" + last);
            }
            throw located(e, "COPY " + copy.table() + ", " + findFailingLine(first, last));
        }
        inserted += batch.size();
        batch.clear();
        batchLines.clear();
    }

    /** Replays the failed batch row by row inside a transaction that is rolled back, to name the failing line. */
    private String findFailingLine(int first, int last) {
        session.run("BEGIN", List.of());
        try {
            String sql = insert(batchColumns, 1);
            for (int i = 0; i < batch.size(); i++) {
                try {
                    session.run(sql, List.of(batch.get(i)));
                } catch (NodeDbException e) {
                    return "line " + batchLines.get(i);
                }
            }
            return "lines " + first + "-" + last;
        } finally {
            session.run("ROLLBACK", List.of());
        }
    }

    private String insert(List<String> names, int rows) {
        StringBuilder b = new StringBuilder("INSERT INTO ").append(quote(copy.table())).append(" (");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(quote(names.get(i)));
        }
        b.append(") VALUES ");
        int p = 1;
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < names.size(); i++) {
                b.append(i == 0 ? "$" : ", $").append(p++);
            }
            b.append(')');
        }
        return b.toString();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A data error at a line of the input, with PostgreSQL's CONTEXT text. */
    static final class CopyError extends NodeDbException {
        final String context;

        CopyError(SqlState state, String message, String context, Throwable cause) {
            super(state, message, 0, cause);
            this.context = context;
        }
    }

    private CopyError error(SqlState state, String message, int at) {
        return new CopyError(state, message, "COPY " + copy.table() + ", line " + at, null);
    }

    private static CopyError located(NodeDbException e, String context) {
        return new CopyError(e.state(), e.getMessage(), context, e);
    }
}
