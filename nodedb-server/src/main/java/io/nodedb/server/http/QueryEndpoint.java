package io.nodedb.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueFormatException;
import io.nodedb.core.value.ValueJson;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.RowStream;
import io.nodedb.sql.Session;
import io.nodedb.sql.SqlEngine;
import io.nodedb.sql.StatementResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code POST /query} and {@code POST /query/stream}: SQL over HTTP with the same users as pgwire.
 *
 * <p>Each request runs in a fresh session that is closed afterwards, so a request is its own unit of work: several
 * statements separated by ';' run in order (a BEGIN ... COMMIT inside one body is a transaction; one left open is
 * rolled back), and the response describes the last statement. {@code /query} answers one JSON document;
 * {@code /query/stream} answers NDJSON: a header line with the columns, one line per row, then a trailer with the
 * command tag, so clients can process rows line by line. Its rows are sent as a plain query produces them (chunked),
 * so neither side holds the whole result; an error after the header ends the body with an error line.
 */
public final class QueryEndpoint {
    /** Checks a user's password; the server's implementation verifies it against the SCRAM verifier. */
    @FunctionalInterface
    public interface PasswordCheck {
        boolean matches(String user, String password);
    }

    public static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SqlEngine engine;
    /** Null in trust mode: any request is accepted, as the user it names or {@link #defaultUser}. */
    private final PasswordCheck passwords;
    private final String defaultUser;
    private final Predicate<String> superuser;

    private QueryEndpoint(SqlEngine engine, PasswordCheck passwords, String defaultUser, Predicate<String> superuser) {
        this.engine = engine;
        this.passwords = passwords;
        this.defaultUser = defaultUser;
        this.superuser = superuser;
    }

    /**
     * @param passwords null for trust mode
     * @param superuser whether an authenticated user may manage users (every user may in trust mode)
     */
    public static void register(Router router, SqlEngine engine, PasswordCheck passwords, String defaultUser,
                                Predicate<String> superuser) {
        QueryEndpoint q = new QueryEndpoint(engine, passwords, defaultUser, superuser);
        router.post("/query", r -> q.handle(r, false));
        router.post("/query/stream", r -> q.handle(r, true));
    }

    private record Query(String sql, List<Value> params) {
    }

    private Response handle(Request request, boolean stream) {
        String user = authenticate(request);
        if (user == null) {
            return Response.error(401, "28P01", "authentication required: send Authorization: Basic with a "
                    + "user name and password").withHeader("WWW-Authenticate", "Basic realm=\"nodedb\", "
                    + "charset=\"UTF-8\"");
        }
        Query query;
        try {
            query = read(request.body());
        } catch (IllegalArgumentException e) {
            return sqlError(400, "22P02", e.getMessage(), 0);
        }
        Session session = engine.newSession(user, passwords == null || superuser.test(user));
        if (stream) {
            return streamed(session, query);
        }
        StatementResult last;
        try {
            List<StatementResult> results = session.execute(query.sql(), query.params());
            if (results.isEmpty()) {
                return sqlError(400, "42601", "no statement to run", 0);
            }
            last = results.getLast();
        } catch (NodeDbException e) {
            return sqlError(status(e.state().code()), e.state().code(), e.getMessage(), e.position());
        } finally {
            session.close();
        }
        return new Response(200, Response.JSON, json(last), Map.of());
    }

    /** NDJSON is handed to the connection whenever this much is buffered. */
    static final int FLUSH_BYTES = 1 << 16;

    /**
     * {@code /query/stream}: every statement but the last runs first, and the last starts (reading ahead a little)
     * before the response does, so an error up to there is still an ordinary error response with its status. Then
     * the header line goes out, rows follow as the query produces them, and the trailer ends the body; an error in
     * the middle ends it with an error line instead. The session lives until the body is written.
     */
    private Response streamed(Session session, Query query) {
        RowStream rows;
        try {
            rows = session.streamLast(query.sql(), query.params());
        } catch (NodeDbException e) {
            session.close();
            return sqlError(status(e.state().code()), e.state().code(), e.getMessage(), e.position());
        }
        if (rows == null) {
            session.close();
            return sqlError(400, "42601", "no statement to run", 0);
        }
        return Response.streamed(200, NDJSON, sink -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 4096);
            try (rows; JsonGenerator g = ValueJson.factory().createGenerator(buffer)) {
                g.setRootValueSeparator(null);
                g.writeStartObject();
                columns(g, rows.columns());
                g.writeEndObject();
                g.writeRaw('\n');
                try {
                    rows.fetch(0, row -> {
                        try {
                            row(g, row);
                            g.writeRaw('\n');
                            if (buffer.size() > FLUSH_BYTES) {
                                g.flush();
                                sink.write(buffer.toByteArray());
                                buffer.reset();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    g.writeStartObject();
                    g.writeNumberField("row_count", rows.rowCount());
                    g.writeStringField("command", rows.tag());
                    g.writeEndObject();
                } catch (NodeDbException e) {
                    if (e.getCause() instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    g.writeStartObject();
                    g.writeObjectFieldStart("error");
                    g.writeStringField("code", e.state().code());
                    g.writeStringField("message", e.getMessage());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeRaw('\n');
                g.flush();
                sink.write(buffer.toByteArray());
            } finally {
                session.close();
            }
        });
    }

    /** Returns the user, or null when the credentials are missing or wrong. */
    private String authenticate(Request request) {
        String header = request.header("authorization").orElse(null);
        String user = null;
        String password = null;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    user = pair.substring(0, colon);
                    password = pair.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                return passwords == null ? defaultUser : null;
            }
        }
        if (passwords == null) {
            return user != null ? user : defaultUser;
        }
        return user != null && passwords.matches(user, password) ? user : null;
    }

    /** User errors are 400; the server's own failures (internal, I/O, resources) are 500. */
    private static int status(String sqlState) {
        return sqlState.startsWith("XX") || sqlState.startsWith("58") || sqlState.startsWith("53") ? 500 : 400;
    }

    private static Query read(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject() || !root.path("sql").isTextual()) {
            throw new IllegalArgumentException("request body must be a JSON object with a string field \"sql\"");
        }
        JsonNode params = root.path("params");
        List<Value> values = new ArrayList<>();
        if (!params.isMissingNode() && !params.isNull()) {
            if (!params.isArray()) {
                throw new IllegalArgumentException("\"params\" must be an array");
            }
            for (JsonNode p : params) {
                try {
                    values.add(ValueJson.fromJson(p.toString()));
                } catch (ValueFormatException e) {
                    throw new IllegalArgumentException("parameter $" + (values.size() + 1) + ": " + e.getMessage());
                }
            }
        }
        return new Query(root.get("sql").asText(), values);
    }

    private static byte[] json(StatementResult r) {
        return write(g -> {
            g.writeStartObject();
            columns(g, r.columns());
            g.writeArrayFieldStart("rows");
            for (Value[] row : r.rows()) {
                row(g, row);
            }
            g.writeEndArray();
            g.writeNumberField("row_count", rowCount(r));
            g.writeStringField("command", r.tag());
            g.writeEndObject();
        });
    }

    private static long rowCount(StatementResult r) {
        return r.returnsRows() ? r.rows().size() : r.affected();
    }

    private static void columns(JsonGenerator g, List<ColumnInfo> columns) throws IOException {
        g.writeArrayFieldStart("columns");
        for (ColumnInfo c : columns) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type() == io.nodedb.core.value.ValueType.NULL ? "any"
                    : c.type().name().toLowerCase(Locale.ROOT));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void row(JsonGenerator g, Value[] row) throws IOException {
        g.writeStartArray();
        for (Value v : row) {
            ValueJson.writePlain(g, v == null ? Value.NULL : v);
        }
        g.writeEndArray();
    }

    /** The SQL error shape: {@code {"error": {"code", "message", "position"}}}, position only when known. */
    private static Response sqlError(int status, String code, String message, int position) {
        return new Response(status, Response.JSON, write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            if (position > 0) {
                g.writeNumberField("position", position);
            }
            g.writeEndObject();
            g.writeEndObject();
        }), Map.of());
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = ValueJson.factory().createGenerator(out)) {
            // NDJSON lines are separated by the raw newlines the body writes, not by the generator's spaces
            g.setRootValueSeparator(null);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
