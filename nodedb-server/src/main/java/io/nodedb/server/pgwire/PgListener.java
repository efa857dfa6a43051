package io.nodedb.server.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.server.net.ListenException;
import io.nodedb.server.net.Transport;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL wire protocol listener (v3, port 6432 by default). Connections cost no thread while idle: I/O is
 * on the shared event loops and statements run on virtual threads.
 */
public final class PgListener implements AutoCloseable {
    /** Opens a protocol session for an authenticated user. */
    @FunctionalInterface
    public interface SessionFactory extends PgServerContext.SessionFactory {
    }

    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final PgServerContext context;

    private PgListener(Channel serverChannel, ChannelGroup connections, PgServerContext context) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.context = context;
    }

    /** A protocol session over a SQL session of {@code engine}. */
    public static PgSession sqlSession(io.nodedb.sql.SqlEngine engine, String user, boolean superuser) {
        return new SqlPgSession(engine, user, superuser);
    }

    public static PgListener start(Transport transport, String host, int port, SessionFactory sessions,
            PgAuthenticator authenticator, String version) throws ListenException {
        PgServerContext context = new PgServerContext(sessions, authenticator, version);
        ChannelGroup connections = new DefaultChannelGroup("pgwire", GlobalEventExecutor.INSTANCE);
        AtomicLong ids = new AtomicLong();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        PgFrameDecoder frames = new PgFrameDecoder();
                        ch.pipeline().addLast(frames,
                                new PgConnection(context, frames, "nodedb-pg-" + ids.incrementAndGet()));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ListenException("cannot listen for PostgreSQL clients on " + host + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new PgListener(bound.channel(), connections, context);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public void writeMetrics(PrometheusWriter out) {
        context.writeMetrics(out);
    }

    /** Stops accepting and closes every connection; sessions roll back what they had not committed. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
