package io.nodedb.server.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event loops every listener shares: epoll where its native library loads (Linux), NIO elsewhere. Listeners
 * only decode and encode on these threads; work runs on virtual threads, so a couple of loops are plenty.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannel;
    private final String name;

    private Transport(EventLoopGroup group, Class<? extends ServerChannel> serverChannel, String name) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.name = name;
    }

    public static Transport start(int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("nodedb-io");
        Epoll epoll = Epoll.load();
        if (epoll != null) {
            return new Transport(new MultiThreadIoEventLoopGroup(threads, threadFactory, epoll.ioFactory()),
                    epoll.serverChannel(), "epoll");
        }
        return new Transport(new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                NioServerSocketChannel.class, "nio");
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** "epoll" or "nio", for the banner and logs. */
    public String name() {
        return name;
    }

    /**
     * No quiet period: listeners have already drained their requests, so there is nothing left to wait for and
     * an idle server stops at once. The timeout bounds a loop that is somehow still busy.
     */
    @Override
    public void close() {
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /**
     * Netty's epoll jar is a runtime-only dependency (the build and other platforms do without it), so it is
     * reached by name; any failure to load it just means NIO.
     */
    private record Epoll(IoHandlerFactory ioFactory, Class<? extends ServerChannel> serverChannel) {
        static Epoll load() {
            try {
                Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
                if (!(Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                    Throwable why = (Throwable) epoll.getMethod("unavailabilityCause").invoke(null);
                    LOG.debug("epoll unavailable, using NIO: {}", String.valueOf(why));
                    return null;
                }
                IoHandlerFactory factory = (IoHandlerFactory) Class.forName("io.netty.channel.epoll.EpollIoHandler")
                        .getMethod("newFactory").invoke(null);
                Class<? extends ServerChannel> channel = Class.forName("io.netty.channel.epoll.EpollServerSocketChannel")
                        .asSubclass(ServerChannel.class);
                return new Epoll(factory, channel);
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.debug("epoll not on the classpath, using NIO: {}", e.toString());
                return null;
            }
        }
    }
}
