package io.nodedb.server.pgwire;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.RowStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL client connection: startup and authentication on the event loop, then every message handled in
 * order on a virtual thread ({@link SerialExecutor}), so a slow query never blocks other connections' I/O.
 * Implements the simple and extended query protocols; an error in the extended protocol discards messages until
 * the next Sync, as PostgreSQL does.
 */
final class PgConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);
    private static final int PROTOCOL_3 = 196608;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private enum State { STARTUP, SASL_INITIAL, SASL_FINAL, READY }

    private final PgServerContext server;
    private final PgFrameDecoder frames;
    private final SerialExecutor executor;
    /** Replies of the virtual thread handed to the event loop and not yet written. */
    private final java.util.concurrent.atomic.AtomicInteger queuedWrites = new java.util.concurrent.atomic.AtomicInteger();
    private ChannelHandlerContext ctx;
    /** Replies of the current batch of extended-protocol messages, sent at its Sync or Flush. */
    private PgWriter replies;
    private State state = State.STARTUP;
    private String user;
    private ScramSha256.Exchange scram;
    private PgSession session;
    private PgCancelRegistry.Key cancelKey;
    /** The TimeZone of the startup packet (pgjdbc sends the JVM's zone, libpq PGTZ), or null. */
    private String startupTimeZone;
    /** The TimeZone last reported in a ParameterStatus message. */
    private String reportedTimeZone;

    private final Map<String, PgSession.Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private boolean skipUntilSync;
    /**
     * The simple query being run on the event loop, planned by {@link #isShortWrite} to learn that it is a short
     * write; set and cleared on the event loop around that one message.
     */
    private PgSession.Statement quickQuery;
    /** Set while a COPY FROM STDIN is receiving data; every message goes to it until CopyDone or CopyFail. */
    private PgCopyIn copyIn;

    /**
     * A bound statement: parameters, result formats, and once described or executed its open result, which an
     * Execute with a row limit leaves positioned after the rows it sent (the next Execute continues there).
     */
    private static final class Portal {
        final PgSession.Statement statement;
        final List<Value> parameters;
        final short[] resultFormats;
        RowStream rows;
        /** The column types announced to the client for this portal, once it was described or executed. */
        PgType[] types;
        /** Where each sent column comes from when the statement's pinned columns differ from the result's. */
        int[] from;

        Portal(PgSession.Statement statement, List<Value> parameters, short[] resultFormats) {
            this.statement = statement;
            this.parameters = parameters;
            this.resultFormats = resultFormats;
        }

        /** Releases the cursor and snapshot of its result, if it still holds them. */
        void close() {
            if (rows != null) {
                rows.close();
            }
        }
    }

    /**
     * Rows are sent whenever this much of a reply is buffered, so a large result never sits whole in memory; and
     * before sending more, the previous chunk must have reached the socket (see {@link #sendRows}).
     */
    static final int FLUSH_BYTES = 1 << 16;
    private static final short[] TEXT = new short[0];
    /** The last chunk of rows sent by {@link #sendRows}, not necessarily written yet. */
    private io.netty.channel.ChannelFuture rowsInFlight;

    PgConnection(PgServerContext server, PgFrameDecoder frames, String name) {
        this.server = server;
        this.frames = frames;
        this.executor = new SerialExecutor(name, server.working());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.replies = new PgWriter(ctx.alloc());
        server.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.connectionClosed();
        executor.execute(this::release);
    }

    private void release() {
        replies.release();
        closePortals();
        if (cancelKey != null) {
            server.cancels().remove(cancelKey);
        }
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PgMessage m = (PgMessage) msg;
        switch (state) {
            case STARTUP -> {
                try {
                    startup(m);
                } finally {
                    m.release();
                }
            }
            case SASL_INITIAL, SASL_FINAL -> executor.execute(() -> {
                try {
                    authenticate(m);
                } catch (RuntimeException e) {
                    fail(e);
                } finally {
                    m.release();
                }
            });
            case READY -> {
                if (executor.isIdle() && runsInline(m)) {
                    handleAndRelease(m);
                } else if (executor.isIdle() && isShortWrite(m) && server.beginWriteOnIo()) {
                    try {
                        handleAndRelease(m);
                    } finally {
                        quickQuery = null;
                        server.endWriteOnIo();
                    }
                } else {
                    // a simple query planned by isShortWrite whose write could not claim the I/O thread after all
                    // is planned again on the virtual thread, the ordinary way
                    quickQuery = null;
                    executor.execute(() -> handleAndRelease(m));
                }
            }
        }
    }

    /**
     * Writes a reply. Off the event loop Netty would queue the write as a task; we queue it ourselves and count it,
     * so that the event loop knows when every reply of the virtual thread has gone out before it writes one itself
     * (see {@link #runsInline}).
     */
    private io.netty.channel.ChannelFuture send(boolean flush, Object msg) {
        if (ctx.executor().inEventLoop()) {
            return flush ? ctx.writeAndFlush(msg) : ctx.write(msg);
        }
        io.netty.channel.ChannelPromise promise = ctx.newPromise();
        queuedWrites.incrementAndGet();
        ctx.executor().execute(() -> {
            try {
                if (flush) {
                    ctx.writeAndFlush(msg, promise);
                } else {
                    ctx.write(msg, promise);
                }
            } finally {
                queuedWrites.decrementAndGet();
            }
        });
        return promise;
    }

    private void flushOut() {
        if (ctx.executor().inEventLoop()) {
            ctx.flush();
            return;
        }
        queuedWrites.incrementAndGet();
        ctx.executor().execute(() -> {
            try {
                ctx.flush();
            } finally {
                queuedWrites.decrementAndGet();
            }
        });
    }

    private void handleAndRelease(PgMessage m) {
        try {
            handle(m);
        } catch (RuntimeException | StackOverflowError e) {
            // a protocol violation, or a bug: either way only this connection ends, with a FATAL error
            fail(e);
        } finally {
            m.release();
        }
    }

    /**
     * Whether a message may run on the event loop instead of the connection's virtual thread (only ever when that
     * thread is idle, so messages stay in order). The hand-off to the virtual thread and the write's hand-off back
     * cost more than a primary-key read, so Bind, Sync, Close, Flush, the Describe and Execute of a quick read and,
     * while commits are idle, the Parse of a short INSERT run here; other Parse messages (planning), simple queries
     * (but see {@link #isShortWrite}), COPY and anything that may wait for the log or scan go to the virtual thread.
     */
    private boolean runsInline(PgMessage m) {
        if (copyIn != null || skipUntilSync || queuedWrites.get() != 0) {
            return false;
        }
        return switch (m.type) {
            case 'B', 'S', 'C', 'H' -> true;
            // Planning a short INSERT costs less than the hand-off; and when Parse runs here, the Bind, Describe and
            // Execute sent with it (an unnamed statement: libpq's PQexecParams, pgjdbc's first executions) find the
            // virtual thread idle and the write can take the I/O path too. Only while commits are idle, as for the
            // write itself: otherwise the batch goes to the virtual thread as before.
            case 'P' -> m.remaining() <= SHORT_QUERY_BYTES && session != null && server.working().get() == 0
                    && m.peekCStringLength(0) >= 0 && m.peekStartsWithKeyword(m.peekCStringLength(0) + 1, "INSERT")
                    && session.commitsIdle();
            case 'D', 'E' -> {
                // Describe carries a kind byte ('S' statement, 'P' portal) before the name. A statement is cheap
                // unless describing it reads documents to learn the fields of an open column.
                boolean describe = m.type == 'D';
                String name = m.peekCString(describe ? 1 : 0);
                if (describe && m.remaining() > 0 && m.body.getByte(m.body.readerIndex()) != 'P') {
                    PgSession.Statement s = name == null ? null : statements.get(name);
                    yield s == null || s.pinnedColumns() != null
                            || s.columns().stream().noneMatch(c -> c.type() == ValueType.OBJECT);
                }
                Portal p = name == null ? null : portals.get(name);
                yield p != null && (p.rows != null ? p.rows.buffered() : p.statement.quickRead());
            }
            default -> false;
        };
    }

    /**
     * An Execute, or a Describe of a portal, that would start a short write (see
     * {@link PgServerContext#beginWriteOnIo}) when commits are idle. Describing a portal starts its statement (see
     * {@link #describe}), and libpq describes the portal before every Execute of a prepared statement, so for its
     * clients the Describe is what runs the write. Also a simple query that is one short INSERT: that is planned
     * here to find out (into {@link #quickQuery}), and only when nothing else runs, so the plan is rarely wasted.
     */
    private boolean isShortWrite(PgMessage m) {
        if ((m.type != 'E' && m.type != 'D' && m.type != 'Q') || copyIn != null || skipUntilSync
                || queuedWrites.get() != 0 || session == null) {
            return false;
        }
        if (m.type == 'Q') {
            // A simple query is planned here only when its write would then run here: a short text that starts
            // with INSERT, nothing else running. What it plans is kept for simpleQuery (see quickQuery).
            if (m.remaining() > SHORT_QUERY_BYTES || server.working().get() != 0) {
                return false;
            }
            if (!m.peekStartsWithKeyword(0, "INSERT") || !session.commitsIdle()) {
                return false;
            }
            quickQuery = session.quickWriteQuery(m.peekCString(0));
            return quickQuery != null;
        }
        boolean describe = m.type == 'D';
        if (describe && (m.remaining() == 0 || m.body.getByte(m.body.readerIndex()) != 'P')) {
            return false;
        }
        String name = m.peekCString(describe ? 1 : 0);
        Portal p = name == null ? null : portals.get(name);
        return p != null && p.rows == null && p.statement.quickWrite() && session.commitsIdle();
    }

    /**
     * Longest Parse or Query message whose text is looked at for a short INSERT: a single-row INSERT is far
     * shorter, and planning a longer text on the event loop would hold up its other connections.
     */
    static final int SHORT_QUERY_BYTES = 2048;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause instanceof io.netty.handler.codec.DecoderException d && d.getCause() != null ? d.getCause() : cause);
    }

    /** Sends a FATAL error and closes this connection only. */
    private void fail(Throwable cause) {
        PgWriter w = new PgWriter(ctx.alloc());
        if (cause instanceof PgProtocolException) {
            w.error(false, "FATAL", SqlState.PROTOCOL_VIOLATION.code(), cause.getMessage(), 0, null);
        } else if (cause instanceof ScramSha256.AuthenticationException) {
            w.error(false, "FATAL", SqlState.INVALID_PASSWORD.code(), "password authentication failed for user \""
                    + user + "\"", 0, null);
        } else if (cause instanceof NodeDbException e) {
            w.error(false, "FATAL", e.state().code(), e.getMessage(), 0, null);
        } else {
            LOG.warn("pgwire: closing connection after an unexpected error", cause);
            w.error(false, "FATAL", SqlState.INTERNAL_ERROR.code(), String.valueOf(cause.getMessage()), 0, null);
        }
        send(true, w.take()).addListener(ChannelFutureListener.CLOSE);
        w.release();
    }

    // ---- startup and authentication -------------------------------------------------------------------------

    private void startup(PgMessage m) {
        int code = m.readInt32();
        switch (code) {
            case SSL_REQUEST, GSSENC_REQUEST -> send(true, Unpooled.wrappedBuffer(new byte[] {'N'}));
            case CANCEL_REQUEST -> {
                server.cancels().cancel(m.readInt32(), m.readInt32());
                ctx.close();
            }
            case PROTOCOL_3 -> {
                Map<String, String> params = new LinkedHashMap<>();
                while (m.remaining() > 1) {
                    String key = m.readCString();
                    params.put(key, m.readCString());
                }
                user = params.get("user");
                params.forEach((k, v) -> {
                    if (k.equalsIgnoreCase("TimeZone")) {
                        startupTimeZone = v;
                    }
                });
                if (user == null || user.isEmpty()) {
                    throw new NodeDbException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                            "no PostgreSQL user name specified in startup packet");
                }
                frames.startupComplete();
                if (server.authenticator().isTrust()) {
                    executor.execute(() -> completeLogin(params.getOrDefault("application_name", "")));
                } else {
                    state = State.SASL_INITIAL;
                    PgWriter w = new PgWriter(ctx.alloc());
                    w.authenticationSasl(List.of(ScramSha256.MECHANISM));
                    send(true, w.take());
                    w.release();
                }
            }
            default -> throw new PgProtocolException("unsupported frontend protocol " + (code >>> 16) + "."
                    + (code & 0xFFFF) + ": server supports 3.0");
        }
    }

    private void authenticate(PgMessage m) {
        if (m.type != 'p') {
            throw new PgProtocolException("expected a password message, got '" + (char) m.type + "'");
        }
        PgWriter w = new PgWriter(ctx.alloc());
        if (state == State.SASL_INITIAL) {
            String mechanism = m.readCString();
            if (!ScramSha256.MECHANISM.equals(mechanism)) {
                throw new PgProtocolException("unsupported SASL mechanism " + mechanism);
            }
            int length = m.readInt32();
            String clientFirst = new String(m.readBytes(length), StandardCharsets.UTF_8);
            scram = new ScramSha256.Exchange(server.authenticator().verifierOf(user));
            w.saslContinue(scram.clientFirst(clientFirst).getBytes(StandardCharsets.UTF_8));
            state = State.SASL_FINAL;
            send(true, w.take());
            w.release();
            return;
        }
        String clientFinal = new String(m.readBytes(m.remaining()), StandardCharsets.UTF_8);
        String serverFinal = scram.clientFinal(clientFinal);
        if (!server.authenticator().exists(user)) {
            throw new ScramSha256.AuthenticationException("no such user");
        }
        w.saslFinal(serverFinal.getBytes(StandardCharsets.UTF_8));
        send(false, w.take());
        w.release();
        completeLogin("");
    }

    private void completeLogin(String applicationName) {
        session = server.sessions().open(user);
        if (startupTimeZone != null) {
            try {
                session.setDefault("timezone", startupTimeZone);
            } catch (NodeDbException e) {
                // PostgreSQL refuses a connection whose startup packet sets a value it cannot take
                fail(e);
                return;
            }
        }
        cancelKey = server.cancels().register(session);
        state = State.READY;
        PgWriter w = new PgWriter(ctx.alloc());
        w.authenticationOk();
        for (Map.Entry<String, String> p : server.parameterStatus().entrySet()) {
            w.parameterStatus(p.getKey(), p.getValue());
        }
        w.parameterStatus("application_name", applicationName);
        w.parameterStatus("session_authorization", user);
        reportTimeZone(w);
        w.backendKeyData(cancelKey.processId(), cancelKey.secret());
        w.readyForQuery(session.transactionStatus());
        send(true, w.take());
        w.release();
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    private void handle(PgMessage m) {
        if (m.type == 'X') {
            ctx.close();
            return;
        }
        PgWriter w = replies;
        try {
            if (copyIn != null) {
                copyMessage(m, w);
                return;
            }
            if (skipUntilSync && m.type != 'S') {
                return;
            }
            try {
                switch (m.type) {
                    case 'Q' -> simpleQuery(m.readCString(), w);
                    case 'P' -> parse(m, w);
                    case 'B' -> bind(m, w);
                    case 'D' -> describe(m, w);
                    case 'E' -> execute(m, w);
                    case 'C' -> close(m, w);
                    case 'S' -> {
                        skipUntilSync = false;
                        char status = session.transactionStatus();
                        if (status == 'I') {
                            // the implicit transaction ends here, and with it every portal, as in PostgreSQL
                            closePortals();
                        }
                        readyForQuery(w, status);
                    }
                    case 'H' -> {
                    }
                    case 'd', 'c', 'f' -> {
                        // COPY messages outside a COPY are ignored, as PostgreSQL does
                    }
                    default -> throw new PgProtocolException("unknown message type '" + (char) m.type + "'");
                }
            } catch (NodeDbException e) {
                error(w, e);
                if (m.type == 'Q') {
                    readyForQuery(w, session.transactionStatus());
                } else {
                    skipUntilSync = true;
                }
            }
        } finally {
            // Parse/Bind/Describe/Execute/Close replies stay in the connection's writer until the Sync (or Flush)
            // that ends the client's batch, so a prepared round trip is one buffer and one write system call.
            boolean flush = copyIn != null || switch (m.type) {
                case 'P', 'B', 'D', 'E', 'C' -> false;
                default -> true;
            };
            if (flush) {
                if (w.size() > 0) {
                    send(true, w.take());
                } else {
                    flushOut();
                }
            }
        }
    }

    /**
     * Ends a reply: TimeZone is reported when a statement changed it (PostgreSQL reports the settings a client
     * must track, TimeZone among them, whenever they change), then ReadyForQuery.
     */
    private void readyForQuery(PgWriter w, char status) {
        reportTimeZone(w);
        w.readyForQuery(status);
    }

    private void reportTimeZone(PgWriter w) {
        String zone = session.setting("timezone");
        if (!zone.equals(reportedTimeZone)) {
            reportedTimeZone = zone;
            w.parameterStatus("TimeZone", zone);
        }
    }

    private static void error(PgWriter w, NodeDbException e) {
        w.error(false, "ERROR", e.state().code(), e.getMessage(), e.position(), null,
                e instanceof PgCopyIn.CopyError c ? c.context : null);
    }

    private void simpleQuery(String sql, PgWriter w) {
        if (sql.isBlank()) {
            w.emptyQueryResponse();
            readyForQuery(w, session.transactionStatus());
            return;
        }
        PgSession.Statement quick = quickQuery;
        if (quick != null) {
            // planned on the event loop already (see isShortWrite): the one statement streamScript would run
            quickQuery = null;
            try (RowStream result = quick.stream(List.of(), false)) {
                sendResult(result, w);
            }
            readyForQuery(w, session.transactionStatus());
            return;
        }
        if (PgCopyStatement.isCopy(sql)) {
            copy(PgCopyStatement.parse(sql), w);
            return;
        }
        session.streamScript(sql, result -> sendResult(result, w));
        readyForQuery(w, session.transactionStatus());
    }

    /** One statement's result in a simple query: its rows in text, then CommandComplete. */
    private void sendResult(RowStream result, PgWriter w) {
        if (result.returnsRows()) {
            // announced before the rows exist: fitted to those read ahead (all of them for a small result)
            PgType[] types = PgColumns.fitted(result.columns(), result.firstRows());
            w.rowDescription(PgColumns.fields(result.columns(), types, TEXT));
            result.fetch(0, row -> {
                w.dataRow(PgColumns.encodeRow(row, types, TEXT, session.zone()));
                if (w.size() > FLUSH_BYTES) {
                    sendRows(w);
                }
            });
        }
        w.commandComplete(result.tag());
        if (w.size() > FLUSH_BYTES) {
            sendRows(w);
        }
    }

    /**
     * Sends the rows buffered so far, after waiting until the previous chunk has been written to the socket: a
     * client that reads slowly holds the query back instead of making the server buffer its result. The wait ends
     * with 08006 when the connection is gone, which stops the query and releases its cursor. On the event loop
     * (only a result already in memory is sent there) it never waits.
     */
    private void sendRows(PgWriter w) {
        io.netty.channel.ChannelFuture previous = rowsInFlight;
        if (previous != null && !ctx.executor().inEventLoop()) {
            // a write queued to an event loop that is shutting down may never complete: the channel says so
            while (!previous.awaitUninterruptibly(1000) && ctx.channel().isActive()) {
                // a slow reader: keep waiting while it is connected
            }
            if (!previous.isSuccess()) {
                rowsInFlight = null;
                w.release();
                throw new NodeDbException(SqlState.CONNECTION_FAILURE, "could not send rows: the client closed "
                        + "the connection");
            }
        }
        rowsInFlight = send(true, w.take());
    }

    private void closePortals() {
        for (Portal p : portals.values()) {
            p.close();
        }
        portals.clear();
    }

    // ---- COPY ------------------------------------------------------------------------------------------------

    private void copy(PgCopyStatement copy, PgWriter w) {
        if (copy.in()) {
            PgCopyIn in = new PgCopyIn(copy, session);
            w.copyResponse(true, in.columnCount());
            copyIn = in;
            return;
        }
        PgCopyOut out = new PgCopyOut(copy, session.zone());
        try (RowStream result = session.streamLast(out.query())) {
            if (result == null || !result.returnsRows()) {
                throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY query must return rows");
            }
            List<ColumnInfo> columns = result.columns();
            w.copyResponse(false, columns.size());
            byte[] header = out.header(columns);
            if (header != null) {
                w.copyData(header);
            }
            // rows are encoded as the query produces them; an error after some were sent follows them
            long n = result.fetch(0, row -> {
                w.copyData(out.row(columns, row));
                if (w.size() > FLUSH_BYTES) {
                    sendRows(w);
                }
            });
            w.copyDone();
            w.commandComplete("COPY " + n);
        }
        readyForQuery(w, session.transactionStatus());
    }

    /**
     * A message during COPY FROM STDIN. After an error the COPY is over: ErrorResponse and ReadyForQuery go out at
     * once and CopyData, CopyDone and CopyFail still in flight are dropped by {@link #handle}, as PostgreSQL does.
     */
    private void copyMessage(PgMessage m, PgWriter w) {
        try {
            switch (m.type) {
                case 'd' -> copyIn.feed(m.readBytes(m.remaining()));
                case 'c' -> {
                    long n = copyIn.finish();
                    copyIn = null;
                    w.commandComplete("COPY " + n);
                    readyForQuery(w, session.transactionStatus());
                }
                case 'f' -> throw new NodeDbException(SqlState.QUERY_CANCELED, "COPY from stdin failed: "
                        + m.readCString());
                case 'H', 'S' -> {
                    // allowed during COPY and ignored, as PostgreSQL does
                }
                default -> throw new NodeDbException(SqlState.PROTOCOL_VIOLATION, "unexpected message type '"
                        + (char) m.type + "' during COPY from stdin");
            }
        } catch (NodeDbException e) {
            copyIn = null;
            error(w, e);
            readyForQuery(w, session.transactionStatus());
        }
    }

    private void parse(PgMessage m, PgWriter w) {
        String name = m.readCString();
        String sql = m.readCString();
        if (PgCopyStatement.isCopy(sql)) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY is supported in the simple query "
                    + "protocol only");
        }
        int n = Short.toUnsignedInt(m.readInt16());
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) {
            oids[i] = m.readInt32();
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "prepared statement \"" + name + "\" already exists");
        }
        statements.put(name, session.prepare(sql, oids));
        w.parseComplete();
    }

    private void bind(PgMessage m, PgWriter w) {
        String portalName = m.readCString();
        String statementName = m.readCString();
        PgSession.Statement statement = statements.get(statementName);
        if (statement == null) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "prepared statement \"" + statementName
                    + "\" does not exist");
        }
        short[] paramFormats = readFormats(m);
        int n = Short.toUnsignedInt(m.readInt16());
        int[] oids = statement.parameterOids();
        if (n != oids.length) {
            throw new NodeDbException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + n
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + oids.length);
        }
        List<Value> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = m.readInt32();
            if (len < 0) {
                params.add(Value.NULL);
                continue;
            }
            byte[] bytes = m.readBytes(len);
            PgType type = PgType.byOid(oids[i]);
            if (type == null) {
                type = PgType.UNKNOWN;
            }
            try {
                params.add(PgColumns.format(paramFormats, i) == 1 ? PgBinary.decode(bytes, type, session.zone())
                        : PgText.parse(new String(bytes, StandardCharsets.UTF_8), type, session.zone()));
            } catch (NodeDbException e) {
                throw e;
            } catch (RuntimeException e) {
                // a value that does not fit its declared type is the client's error, not a reason to drop it
                throw new NodeDbException(SqlState.INVALID_TEXT_REPRESENTATION, "incorrect "
                        + (PgColumns.format(paramFormats, i) == 1 ? "binary" : "text") + " data format in bind "
                        + "parameter " + (i + 1) + " of type " + type.name().toLowerCase(java.util.Locale.ROOT), e);
            }
        }
        short[] resultFormats = readFormats(m);
        Portal replaced = portals.put(portalName, new Portal(statement, params, resultFormats));
        if (replaced != null) {
            replaced.close();
        }
        w.bindComplete();
    }

    private static short[] readFormats(PgMessage m) {
        int n = Short.toUnsignedInt(m.readInt16());
        short[] f = new short[n];
        for (int i = 0; i < n; i++) {
            f[i] = m.readInt16();
            if (f[i] != 0 && f[i] != 1) {
                throw new PgProtocolException("invalid format code " + f[i]);
            }
        }
        return f;
    }


    private void describe(PgMessage m, PgWriter w) {
        byte kind = m.readByte();
        String name = m.readCString();
        if (kind == 'S') {
            PgSession.Statement s = statements.get(name);
            if (s == null) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "prepared statement \"" + name
                        + "\" does not exist");
            }
            w.parameterDescription(s.parameterOids());
            List<ColumnInfo> columns = s.describeColumns();
            if (columns.isEmpty()) {
                w.noData();
            } else {
                w.rowDescription(PgColumns.fields(columns, PgColumns.planned(columns), new short[0]));
            }
        } else if (kind == 'P') {
            Portal p = portals.get(name);
            if (p == null) {
                throw new NodeDbException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
            }
            // The portal starts now rather than at Execute: its parameters are bound, and only the result knows its
            // real columns (SHOW, EXPLAIN, SELECT * over schemaless documents) and the types that fit its values,
            // which are fitted to the rows read ahead (every row of a small result).
            if (p.rows == null) {
                p.rows = p.statement.stream(p.parameters, false);
            }
            if (!p.rows.returnsRows()) {
                w.noData();
            } else {
                p.types = PgColumns.fitted(p.rows.columns(), p.rows.firstRows());
                w.rowDescription(PgColumns.fields(p.rows.columns(), p.types, p.resultFormats));
            }
        } else {
            throw new PgProtocolException("invalid Describe kind '" + (char) kind + "'");
        }
    }

    private void execute(PgMessage m, PgWriter w) {
        String name = m.readCString();
        int maxRows = m.readInt32();
        Portal p = portals.get(name);
        if (p == null) {
            throw new NodeDbException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        if (p.rows == null) {
            // not described as a portal: the client decodes by what Describe of the statement announced, if any
            p.rows = p.statement.stream(p.parameters, true);
        }
        if (p.types == null) {
            // not described as a portal: the client decodes by what Describe of the statement announced
            List<ColumnInfo> pinned = p.statement.pinnedColumns();
            if (pinned != null) {
                p.from = PgColumns.reshaping(p.rows.columns(), pinned);
                p.types = PgColumns.planned(pinned);
            } else {
                p.types = PgColumns.planned(p.statement.columns().size() == p.rows.columns().size()
                        ? p.statement.columns() : p.rows.columns());
            }
        }
        // Rows go out as they are produced; an error after some were sent follows them, as in PostgreSQL.
        p.rows.fetch(maxRows, row -> {
            w.dataRow(PgColumns.encodeRow(PgColumns.reshape(row, p.from), p.types, p.resultFormats,
                    session.zone()));
            if (w.size() > FLUSH_BYTES) {
                sendRows(w);
            }
        });
        if (!p.rows.done()) {
            w.portalSuspended();
        } else {
            w.commandComplete(p.rows.tag());
        }
    }

    private void close(PgMessage m, PgWriter w) {
        byte kind = m.readByte();
        String name = m.readCString();
        if (kind == 'S') {
            PgSession.Statement closed = statements.remove(name);
            // as in PostgreSQL, the statement's portals go with it
            portals.values().removeIf(p -> {
                if (p.statement != closed) {
                    return false;
                }
                p.close();
                return true;
            });
        } else if (kind == 'P') {
            Portal p = portals.remove(name);
            if (p != null) {
                p.close();
            }
        } else {
            throw new PgProtocolException("invalid Close kind '" + (char) kind + "'");
        }
        w.closeComplete();
    }
}
