package io.nodedb.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.nodedb.server.net.ListenException;
import io.nodedb.server.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP/1.1 listener (keep-alive, HEAD, 100-continue). Closing it stops accepting, lets requests already
 * being handled finish and get their response, then closes the remaining, idle, connections.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    /** Larger bodies get 413 from the aggregator; room for a big POST /query batch. */
    private static final int MAX_BODY_BYTES = 16 << 20;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final InFlightRequests inFlight;
    private final ExecutorService workers;
    /** Set once close() begins; responses from then on tell clients to close their connection. */
    private final AtomicBoolean closing;

    private HttpListener(Channel serverChannel, ChannelGroup connections, InFlightRequests inFlight,
                         ExecutorService workers, AtomicBoolean closing) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.inFlight = inFlight;
        this.workers = workers;
        this.closing = closing;
    }

    public static HttpListener start(Transport transport, String host, int port, Router router,
                                     HttpRequestMetrics metrics) throws ListenException {
        ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);
        InFlightRequests inFlight = new InFlightRequests();
        ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("nodedb-http-", 0).factory());
        AtomicBoolean closing = new AtomicBoolean();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_BODY_BYTES),
                                new FlowControlHandler(),
                                new HttpChannelHandler(router, workers, inFlight, metrics, closing::get));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            workers.shutdown();
            Throwable cause = bound.cause();
            throw new ListenException("cannot listen for HTTP on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        return new HttpListener(bound.channel(), connections, inFlight, workers, closing);
    }

    /** The bound address; its port is the real one when port 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        if (closing.getAndSet(true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        try {
            if (!inFlight.awaitIdle(DRAIN_TIMEOUT)) {
                LOG.warn("closing HTTP listener with {} requests still running after {} s", inFlight.count(),
                        DRAIN_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownNow();
    }
}
