package io.nodedb.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection. The event loop only decodes; commands run on a virtual thread, one batch at a time and
 * in arrival order, because a write waits for its log record's fsync. Each batch is everything decoded from one
 * read, so a pipeline's consecutive writes can share one log record (see {@link RespSession#run}).
 *
 * <p>Backpressure: reading stops while too many commands wait or while the client is not reading its replies,
 * and resumes when both have drained, so a fast client cannot make the server queue without bound.
 */
final class RespConnection extends ChannelInboundHandlerAdapter implements RespPubSub.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(RespConnection.class);
    private static final int MAX_QUEUED_COMMANDS = 4096;
    /** Off only to measure what it buys ({@code -Dnodedb.resp.asyncWrites=false}): writes then wait on a thread. */
    private static final boolean ASYNC_WRITES = !"false".equals(System.getProperty("nodedb.resp.asyncWrites"));
    /** Replies are flushed when the buffer reaches this size, even mid-pipeline, to bound memory per connection. */
    private static final int FLUSH_BYTES = 1 << 20;
    /**
     * A subscriber that does not read its messages is disconnected once this much is queued for it, as Redis does
     * with its pub/sub output buffer limit (32 MiB hard), so a publisher can never fill the server's memory.
     */
    private static final long MAX_PUBSUB_BACKLOG = 32L << 20;

    private final RespContext context;
    private final long id;
    private final ConcurrentLinkedQueue<List<Object>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger queuedCommands = new AtomicInteger();
    private List<Object> pending = new ArrayList<>();
    private volatile Channel channel;
    private volatile boolean closing;
    private RespSession session;
    private RespOut out;

    RespConnection(RespContext context) {
        this.context = context;
        this.id = context.connectionIds.incrementAndGet();
    }

    long id() {
        return id;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        session = new RespSession(context, this);
        context.openConnections.incrementAndGet();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        context.openConnections.decrementAndGet();
        closing = true;
        // the session's subscriptions are dropped on its own thread, after any batch still running
        enqueue(List.of(Closed.INSTANCE));
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pending.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!pending.isEmpty()) {
            List<Object> batch = pending;
            pending = new ArrayList<>();
            if (queuedCommands.addAndGet(batch.size()) > MAX_QUEUED_COMMANDS) {
                ctx.channel().config().setAutoRead(false);
            }
            if (!queue.isEmpty() || !draining.compareAndSet(false, true)) {
                enqueue(batch);
            } else if (RespSession.neverWaits(batch)) {
                // Reads never wait for the log: answering on the event loop saves the hand-offs to a virtual
                // thread and back (the reply is written directly). Holding the drain flag keeps the order.
                try {
                    runBatch(batch);
                } finally {
                    release();
                }
            } else {
                List<RespSession.Planned> writes = closing || !ASYNC_WRITES ? null : session.planWrites(batch);
                if (writes == null) {
                    draining.set(false);
                    enqueue(batch);
                } else {
                    writeAsync(ctx, batch, writes);
                }
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resumeIfDrained();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("RESP connection {} failed: {}", id, cause.toString());
        ctx.close();
    }

    /**
     * A read of plain writes, submitted from the event loop as one batch; the replies are written on the event loop
     * once it is applied, so no thread waits for the fsync. If the batch is rejected (nothing of it applied), the
     * read runs again through the general path, which retries each command alone. The drain flag stays held
     * until then, so later reads of this connection queue behind it.
     */
    private void writeAsync(ChannelHandlerContext ctx, List<Object> batch, List<RespSession.Planned> writes) {
        session.submitWrites(writes).whenCompleteAsync((r, err) -> {
            if (r == null || !r.isOk() || closing) {
                Thread.ofVirtual().name("nodedb-resp-" + id).start(() -> {
                    try {
                        runBatch(batch);
                    } finally {
                        release();
                    }
                });
                return;
            }
            try {
                out = new RespOut(channel.alloc().buffer());
                session.replyWrites(writes, r);
                flush(false);
                queuedCommands.addAndGet(-batch.size());
                resumeIfDrained();
            } finally {
                release();
            }
        }, ctx.channel().eventLoop());
    }

    /** Gives up the drain flag and starts draining what was queued meanwhile. */
    private void release() {
        draining.set(false);
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("nodedb-resp-" + id).start(this::drain);
        }
    }

    private void enqueue(List<Object> batch) {
        queue.add(batch);
        if (draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("nodedb-resp-" + id).start(this::drain);
        }
    }

    private void drain() {
        try {
            for (List<Object> batch = queue.poll(); batch != null; batch = queue.poll()) {
                runBatch(batch);
            }
        } finally {
            draining.set(false);
            // a batch may have been queued after the last poll and before the flag was cleared
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                Thread.ofVirtual().name("nodedb-resp-" + id).start(this::drain);
            }
        }
    }

    private void runBatch(List<Object> batch) {
        if (batch.size() == 1 && batch.getFirst() == Closed.INSTANCE) {
            session.close();
            return;
        }
        boolean close = false;
        if (!closing) {
            out = new RespOut(channel.alloc().buffer());
            try {
                close = session.run(batch);
            } catch (RuntimeException e) {
                // a bug, not a client error: tell the client and drop the connection rather than go on out of step
                LOG.error("RESP connection {}: command failed unexpectedly", id, e);
                out.error("ERR internal error: " + e);
                close = true;
            }
            flush(close);
        }
        queuedCommands.addAndGet(-batch.size());
        resumeIfDrained();
    }

    /** Called by the session after each command: sends what has piled up once it is large. */
    void flushIfLarge() {
        if (out.buffer().readableBytes() >= FLUSH_BYTES) {
            channel.writeAndFlush(out.buffer());
            out = new RespOut(channel.alloc().buffer());
        }
    }

    RespOut out() {
        return out;
    }

    private void flush(boolean close) {
        ByteBuf buf = out.buffer();
        out = null;
        if (close) {
            closing = true;
            channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
        } else if (buf.isReadable()) {
            channel.writeAndFlush(buf);
        } else {
            buf.release();
        }
    }

    private void resumeIfDrained() {
        Channel ch = channel;
        if (ch != null && !closing && queuedCommands.get() <= MAX_QUEUED_COMMANDS / 2 && ch.isWritable()
                && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        } else if (ch != null && !ch.isWritable() && ch.config().isAutoRead()) {
            ch.config().setAutoRead(false);
        }
    }

    /** A pub/sub message, written straight to the socket: Netty orders it among this connection's replies. */
    @Override
    public void deliver(byte[] ch, byte[] message) {
        Channel c = channel;
        if (c == null || closing) {
            return;
        }
        if (!c.isWritable() && c.bytesBeforeWritable() > MAX_PUBSUB_BACKLOG) {
            LOG.info("RESP connection {}: closing a subscriber that stopped reading its messages", id);
            closing = true;
            c.close();
            return;
        }
        ByteBuf buf = c.alloc().buffer(32 + ch.length + message.length);
        RespOut push = new RespOut(buf);
        push.array(3);
        push.bulk("message".getBytes(StandardCharsets.US_ASCII));
        push.bulk(ch);
        push.bulk(message);
        c.writeAndFlush(buf);
    }

    /** Marks the end of the connection in its queue. */
    private enum Closed { INSTANCE }
}
