package io.nodedb.server.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * RESP2 reply encoding into one buffer. A pipeline's replies go into the same buffer and leave in one flush, which
 * is most of what pipelining buys a client.
 */
final class RespOut {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuf buf;

    RespOut(ByteBuf buf) {
        this.buf = buf;
    }

    ByteBuf buffer() {
        return buf;
    }

    void ok() {
        buf.writeBytes(OK);
    }

    /** A status line; CR and LF would end the line early, so they become spaces. */
    void simple(String s) {
        buf.writeByte('+');
        writeLine(s);
    }

    /** {@code message} starts with the error code ("ERR ...", "WRONGTYPE ..."), as Redis clients expect. */
    void error(String message) {
        buf.writeByte('-');
        writeLine(message);
    }

    void integer(long n) {
        buf.writeByte(':');
        writeAscii(Long.toString(n));
        buf.writeBytes(CRLF);
    }

    void bulk(byte[] b) {
        if (b == null) {
            buf.writeBytes(NULL_BULK);
            return;
        }
        buf.writeByte('$');
        writeAscii(Integer.toString(b.length));
        buf.writeBytes(CRLF);
        buf.writeBytes(b);
        buf.writeBytes(CRLF);
    }

    void bulk(String s) {
        bulk(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    void nullBulk() {
        buf.writeBytes(NULL_BULK);
    }

    void array(int n) {
        buf.writeByte('*');
        writeAscii(Integer.toString(n));
        buf.writeBytes(CRLF);
    }

    void nullArray() {
        buf.writeBytes(NULL_ARRAY);
    }

    private void writeLine(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                b[i] = ' ';
            }
        }
        buf.writeBytes(b);
        buf.writeBytes(CRLF);
    }

    private void writeAscii(String s) {
        buf.writeCharSequence(s, StandardCharsets.US_ASCII);
    }
}
