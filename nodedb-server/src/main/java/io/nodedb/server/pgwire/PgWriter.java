package io.nodedb.server.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds backend messages into one buffer so that a whole response (rows, completion, ReadyForQuery) goes out in
 * as few writes as possible. The buffer is allocated by the first message after {@link #take()}, so a writer kept
 * for a connection's life costs nothing between replies. Not thread-safe: used by one thread at a time.
 */
final class PgWriter {
    /** A column of a RowDescription. */
    record Field(String name, int typeOid, int typeSize, int typeModifier, short format) {
    }

    private final ByteBufAllocator alloc;
    private ByteBuf out;
    private int lengthAt;

    PgWriter(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** Hands over everything written so far; the next message starts a new buffer. */
    ByteBuf take() {
        ByteBuf b = out;
        out = null;
        return b == null ? Unpooled.EMPTY_BUFFER : b;
    }

    int size() {
        return out == null ? 0 : out.readableBytes();
    }

    /** Drops what was written and not taken. */
    void release() {
        if (out != null) {
            out.release();
            out = null;
        }
    }

    private void begin(char type) {
        if (out == null) {
            out = alloc.buffer(256);
        }
        out.writeByte(type);
        lengthAt = out.writerIndex();
        out.writeInt(0);
    }

    private void end() {
        out.setInt(lengthAt, out.writerIndex() - lengthAt);
    }

    private void cstring(String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    void authenticationOk() {
        begin('R');
        out.writeInt(0);
        end();
    }

    void authenticationSasl(List<String> mechanisms) {
        begin('R');
        out.writeInt(10);
        mechanisms.forEach(this::cstring);
        out.writeByte(0);
        end();
    }

    void saslContinue(byte[] data) {
        begin('R');
        out.writeInt(11);
        out.writeBytes(data);
        end();
    }

    void saslFinal(byte[] data) {
        begin('R');
        out.writeInt(12);
        out.writeBytes(data);
        end();
    }

    void parameterStatus(String name, String value) {
        begin('S');
        cstring(name);
        cstring(value);
        end();
    }

    void backendKeyData(int processId, int secret) {
        begin('K');
        out.writeInt(processId);
        out.writeInt(secret);
        end();
    }

    /** {@code status}: 'I' idle, 'T' in a transaction, 'E' in a failed transaction. */
    void readyForQuery(char status) {
        begin('Z');
        out.writeByte(status);
        end();
    }

    void rowDescription(List<Field> fields) {
        begin('T');
        out.writeShort(fields.size());
        for (Field f : fields) {
            cstring(f.name());
            out.writeInt(0);
            out.writeShort(0);
            out.writeInt(f.typeOid());
            out.writeShort(f.typeSize());
            out.writeInt(f.typeModifier());
            out.writeShort(f.format());
        }
        end();
    }

    /** A row; a null element is SQL NULL. */
    void dataRow(byte[][] values) {
        begin('D');
        out.writeShort(values.length);
        for (byte[] v : values) {
            if (v == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(v.length);
                out.writeBytes(v);
            }
        }
        end();
    }

    void commandComplete(String tag) {
        begin('C');
        cstring(tag);
        end();
    }

    void emptyQueryResponse() {
        begin('I');
        end();
    }

    /**
     * ErrorResponse ('E') or NoticeResponse ('N'). {@code position} is 1-based in the statement, 0 for none.
     */
    void error(boolean notice, String severity, String sqlState, String message, int position, String hint) {
        error(notice, severity, sqlState, message, position, hint, null);
    }

    /** As above, with {@code where}: the context line ('W'), e.g. "COPY t, line 3". */
    void error(boolean notice, String severity, String sqlState, String message, int position, String hint,
               String where) {
        begin(notice ? 'N' : 'E');
        field('S', severity);
        field('V', severity);
        field('C', sqlState);
        field('M', message);
        if (position > 0) {
            field('P', Integer.toString(position));
        }
        if (hint != null) {
            field('H', hint);
        }
        if (where != null) {
            field('W', where);
        }
        out.writeByte(0);
        end();
    }

    private void field(char code, String value) {
        out.writeByte(code);
        cstring(value);
    }

    void parseComplete() {
        begin('1');
        end();
    }

    void bindComplete() {
        begin('2');
        end();
    }

    void closeComplete() {
        begin('3');
        end();
    }

    void noData() {
        begin('n');
        end();
    }

    void portalSuspended() {
        begin('s');
        end();
    }

    void parameterDescription(int[] typeOids) {
        begin('t');
        out.writeShort(typeOids.length);
        for (int oid : typeOids) {
            out.writeInt(oid);
        }
        end();
    }

    /** CopyInResponse ('G') or CopyOutResponse ('H'), text format for every column. */
    void copyResponse(boolean in, int columns) {
        begin(in ? 'G' : 'H');
        out.writeByte(0);
        out.writeShort(columns);
        for (int i = 0; i < columns; i++) {
            out.writeShort(0);
        }
        end();
    }

    void copyData(byte[] data) {
        begin('d');
        out.writeBytes(data);
        end();
    }

    void copyDone() {
        begin('c');
        end();
    }

    void notification(int processId, String channel, String payload) {
        begin('A');
        out.writeInt(processId);
        cstring(channel);
        cstring(payload);
        end();
    }
}
