package io.nodedb.server.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;

import java.nio.charset.StandardCharsets;

/**
 * One frontend message: its type byte and payload. The readers below check every length against what is left,
 * so a malformed message becomes a {@link PgProtocolException}, never an index error deep in a handler.
 */
final class PgMessage extends AbstractReferenceCounted {
    /** Pseudo type of the startup-phase packets, which carry no type byte. */
    static final byte STARTUP = 0;

    final byte type;
    final ByteBuf body;

    PgMessage(byte type, ByteBuf body) {
        this.type = type;
        this.body = body;
    }

    int readInt32() {
        need(4);
        return body.readInt();
    }

    short readInt16() {
        need(2);
        return body.readShort();
    }

    byte readByte() {
        need(1);
        return body.readByte();
    }

    byte[] readBytes(int n) {
        if (n < 0) {
            throw new PgProtocolException("negative length " + n + " in message '" + (char) type + "'");
        }
        need(n);
        byte[] b = new byte[n];
        body.readBytes(b);
        return b;
    }

    /** A NUL-terminated UTF-8 string. */
    String readCString() {
        int from = body.readerIndex();
        int end = body.indexOf(from, body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new PgProtocolException("unterminated string in message '" + (char) type + "'");
        }
        body.readerIndex(end + 1);
        return string(from, end);
    }

    /** The unnamed statement and portal ("") are the common names: no allocation for them. */
    private String string(int from, int end) {
        if (end == from) {
            return "";
        }
        byte[] b = new byte[end - from];
        body.getBytes(from, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The NUL-terminated string {@code skip} bytes ahead, without consuming anything; null if unterminated. */
    String peekCString(int skip) {
        int from = body.readerIndex() + skip;
        int end = from > body.writerIndex() ? -1 : body.indexOf(from, body.writerIndex(), (byte) 0);
        return end < 0 ? null : string(from, end);
    }

    /** Length in bytes of the NUL-terminated string {@code skip} bytes ahead, not consumed; -1 if unterminated. */
    int peekCStringLength(int skip) {
        int from = body.readerIndex() + skip;
        int end = from > body.writerIndex() ? -1 : body.indexOf(from, body.writerIndex(), (byte) 0);
        return end < 0 ? -1 : end - from;
    }

    /**
     * Whether the text {@code skip} bytes ahead starts, after white space, with {@code keyword} (upper-case ASCII)
     * in any case, followed by something that cannot continue a word; read in place, without decoding the text.
     */
    boolean peekStartsWithKeyword(int skip, String keyword) {
        int i = body.readerIndex() + skip;
        int end = body.writerIndex();
        while (i < end && isSpace(body.getByte(i))) {
            i++;
        }
        if (i + keyword.length() > end) {
            return false;
        }
        for (int k = 0; k < keyword.length(); k++) {
            if ((body.getByte(i + k) & 0xDF) != keyword.charAt(k)) {
                return false;
            }
        }
        if (i + keyword.length() == end) {
            return true;
        }
        byte next = body.getByte(i + keyword.length());
        // letters, digits, '_', '$' and any byte of a non-ASCII character continue an identifier
        return !(next < 0 || next == '_' || next == '$' || Character.isLetterOrDigit(next));
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
    }

    int remaining() {
        return body.readableBytes();
    }

    private void need(int n) {
        if (body.readableBytes() < n) {
            throw new PgProtocolException("message '" + (type == STARTUP ? "startup" : (char) type)
                    + "' is shorter than its fields");
        }
    }

    @Override
    protected void deallocate() {
        body.release();
    }

    @Override
    public PgMessage touch(Object hint) {
        body.touch(hint);
        return this;
    }
}
