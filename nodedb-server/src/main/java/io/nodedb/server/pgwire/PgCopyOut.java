package io.nodedb.server.pgwire;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;
import io.nodedb.sql.ColumnInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders rows for {@code COPY ... TO STDOUT}, one CopyData message per row (what psql and pgjdbc expect; they
 * do not require it, but it keeps a message's size bounded by a row). Values use the same text forms as query
 * results in text format; NDJSON uses plain JSON, so numbers stay numbers.
 */
final class PgCopyOut {
    private final PgCopyStatement copy;
    private final java.time.ZoneId zone;

    /** @param zone the session time zone, in which timestamps are written */
    PgCopyOut(PgCopyStatement copy, java.time.ZoneId zone) {
        this.copy = copy;
        this.zone = zone;
    }

    /** The query whose rows are copied out. */
    String query() {
        if (copy.query() != null) {
            return copy.query();
        }
        StringBuilder b = new StringBuilder("SELECT ");
        if (copy.columns().isEmpty()) {
            b.append('*');
        } else {
            for (int i = 0; i < copy.columns().size(); i++) {
                b.append(i == 0 ? "" : ", ").append(PgCopyIn.quote(copy.columns().get(i)));
            }
        }
        return b.append(" FROM ").append(PgCopyIn.quote(copy.table())).toString();
    }

    /** The header line of CSV with HEADER, else null. */
    byte[] header(List<ColumnInfo> columns) {
        if (!copy.header() || copy.format() != PgCopyStatement.Format.CSV) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                b.append(copy.delimiter());
            }
            csv(b, columns.get(i).name());
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] row(List<ColumnInfo> columns, Value[] row) {
        return switch (copy.format()) {
            case CSV -> csvRow(row);
            case TEXT -> textRow(row);
            case NDJSON -> jsonRow(columns, row);
        };
    }

    private byte[] csvRow(Value[] row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                b.append(copy.delimiter());
            }
            if (row[i] == null || row[i].isNull()) {
                b.append(copy.nullString());
            } else {
                String v = PgText.format(row[i], zone);
                // an empty string must differ from NULL, which is written unquoted
                if (v.equals(copy.nullString())) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    csv(b, v);
                }
            }
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void csv(StringBuilder b, String v) {
        boolean quote = v.isEmpty() || v.indexOf('"') >= 0 || v.indexOf(copy.delimiter()) >= 0
                || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.equals("\\.");
        if (quote) {
            b.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            b.append(v);
        }
    }

    private byte[] textRow(Value[] row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                b.append(copy.delimiter());
            }
            if (row[i] == null || row[i].isNull()) {
                b.append(copy.nullString());
                continue;
            }
            String v = PgText.format(row[i], zone);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    case '\u000B' -> b.append("\\v");
                    default -> {
                        if (c == copy.delimiter()) {
                            b.append('\\');
                        }
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonRow(List<ColumnInfo> columns, Value[] row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = ValueJson.factory().createGenerator(out)) {
            g.writeStartObject();
            for (int i = 0; i < row.length; i++) {
                g.writeFieldName(columns.get(i).name());
                ValueJson.writePlain(g, row[i] == null ? Value.NULL : row[i]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
