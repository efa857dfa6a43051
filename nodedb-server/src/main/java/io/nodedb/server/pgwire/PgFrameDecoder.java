package io.nodedb.server.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the PostgreSQL v3 byte stream into messages. Until startup completes a message has no type byte
 * ({@code int32 length, int32 code, ...}); after it every message is {@code byte type, int32 length, payload}.
 * A length out of range is a protocol violation: the connection gets {@link PgProtocolException} and is closed,
 * nothing else is affected.
 */
final class PgFrameDecoder extends ByteToMessageDecoder {
    /** Largest message accepted; COPY data arrives in many messages, so this bounds one row batch, not a load. */
    static final int MAX_MESSAGE = 64 << 20;
    private static final int MAX_STARTUP = 10_000;

    private boolean startupDone;

    /** Called by the connection once the startup packet has been handled (SSLRequest keeps startup mode). */
    void startupComplete() {
        startupDone = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!startupDone) {
            if (in.readableBytes() < 4) {
                return;
            }
            int length = in.getInt(in.readerIndex());
            if (length < 8 || length > MAX_STARTUP) {
                throw new PgProtocolException("invalid startup packet length " + length);
            }
            if (in.readableBytes() < length) {
                return;
            }
            in.skipBytes(4);
            out.add(new PgMessage(PgMessage.STARTUP, in.readRetainedSlice(length - 4)));
            return;
        }
        if (in.readableBytes() < 5) {
            return;
        }
        byte type = in.getByte(in.readerIndex());
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4 || length > MAX_MESSAGE) {
            throw new PgProtocolException("invalid length " + length + " for message type '" + (char) type + "'");
        }
        if (in.readableBytes() < length + 1) {
            return;
        }
        in.skipBytes(5);
        out.add(new PgMessage(type, in.readRetainedSlice(length - 4)));
    }
}
