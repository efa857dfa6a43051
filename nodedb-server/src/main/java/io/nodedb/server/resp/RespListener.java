package io.nodedb.server.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.nodedb.core.db.Database;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.server.net.ListenException;
import io.nodedb.server.net.Transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The Redis protocol (RESP2) listener over the key-value engine. Off by default; see docs/resp.md for the commands
 * and where they differ from Redis. I/O runs on the shared event loops; each connection's commands run in order
 * on a virtual thread of their own, and consecutive writes of a pipeline share one log record.
 */
public final class RespListener implements AutoCloseable {
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final RespContext context;

    private RespListener(Channel serverChannel, ChannelGroup connections, RespContext context) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.context = context;
    }

    /** A listener that accepts any password and does not require AUTH. */
    public static RespListener start(Transport transport, String host, int port, Database database)
            throws ListenException {
        return start(transport, host, port, database, null);
    }

    /**
     * @param authCheck given {user, password} (user "default" for the one-argument AUTH), whether to let the
     *                  connection in; null for no authentication (AUTH then accepts any password)
     */
    public static RespListener start(Transport transport, String host, int port, Database database,
                                     Predicate<String[]> authCheck) throws ListenException {
        Objects.requireNonNull(database, "database");
        RespContext context = new RespContext(database, authCheck);
        ChannelGroup connections = new DefaultChannelGroup("resp", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // replies pile up past 1 MiB only when the client stops reading: then the connection stops reading too
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new RespDecoder(), new RespConnection(context));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ListenException("cannot listen for Redis (RESP) clients on " + host + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new RespListener(bound.channel(), connections, context);
    }

    /** The bound address; its port is the real one when port 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public void writeMetrics(PrometheusWriter out) {
        out.gauge("nodedb_resp_connections", "Open RESP connections", context.openConnections.get());
        out.counter("nodedb_resp_connections_total", "RESP connections accepted", context.connectionIds.get());
        out.counter("nodedb_resp_commands_total", "RESP commands received", context.commands.sum());
        out.counter("nodedb_resp_errors_total", "RESP error replies", context.errors.sum());
        out.counter("nodedb_resp_protocol_errors_total", "RESP connections closed for a malformed frame",
                context.protocolErrors.sum());
        out.counter("nodedb_resp_write_batches_total", "Key-value batches submitted for RESP write commands",
                context.writeBatches.sum());
        out.counter("nodedb_resp_batched_commands_total", "RESP write commands carried by those batches",
                context.batchedCommands.sum());
        out.counter("nodedb_resp_cas_retries_total", "Read-modify-write retries after a concurrent change",
                context.casRetries.sum());
        out.counter("nodedb_resp_pubsub_messages_total", "Messages published over RESP", context.pubSub.published());
    }

    /** Stops accepting and closes every connection; commands already running finish on their own threads. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
