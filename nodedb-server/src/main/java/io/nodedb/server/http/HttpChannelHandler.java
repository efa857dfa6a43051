package io.nodedb.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * One connection's requests, one at a time: the channel reads the next request only after the previous response
 * is written (auto-read off, a FlowControlHandler in front). That keeps pipelined responses in order while
 * handlers run on virtual threads, and a slow handler applies backpressure to its own connection only.
 *
 * <p>With auto-read off, a socket read that yields no complete request (headers now, body in the next packet)
 * ends the demand; {@link #channelReadComplete} asks again unless a request is being handled.
 */
final class HttpChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpChannelHandler.class);

    private final Router router;
    private final Executor workers;
    private final InFlightRequests inFlight;
    private final HttpRequestMetrics metrics;
    private final BooleanSupplier closing;
    /** Only touched on the channel's event loop. */
    private boolean handling;

    HttpChannelHandler(Router router, Executor workers, InFlightRequests inFlight, HttpRequestMetrics metrics,
                       BooleanSupplier closing) {
        this.router = router;
        this.workers = workers;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.closing = closing;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.read();
        super.channelActive(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!handling) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        handling = true;
        inFlight.enter();
        HttpVersion version = msg.protocolVersion();
        if (msg.decoderResult().isFailure()) {
            String reason = String.valueOf(msg.decoderResult().cause().getMessage());
            send(ctx, version, false, Response.error(400, "bad_request", "malformed HTTP request: " + reason));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        Request request = toRequest(msg);
        try {
            workers.execute(() -> send(ctx, version, keepAlive, handle(request)));
        } catch (RejectedExecutionException e) {
            send(ctx, version, false, Response.error(503, "shutting_down", "the server is shutting down"));
        }
    }

    private Response handle(Request request) {
        try {
            return router.dispatch(request);
        } catch (Exception | Error e) {
            // Errors too (a deep recursion in a handler): the client still gets an answer and the request is
            // still counted out, or shutdown would wait on it until its timeout.
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return Response.error(500, "internal_error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void send(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, Response response) {
        if (response.stream() != null) {
            sendStreamed(ctx, version, keepAlive, response);
            return;
        }
        boolean keepOpen = keepAlive && !closing.getAsBoolean();
        FullHttpResponse out = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach(out.headers()::set);
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        HttpUtil.setContentLength(out, response.body().length);
        HttpUtil.setKeepAlive(out, keepOpen);
        ctx.writeAndFlush(out).addListener((ChannelFutureListener) written -> {
            metrics.served(response.status());
            inFlight.exit();
            handling = false;
            if (keepOpen && written.isSuccess()) {
                ctx.read();
            } else {
                written.channel().close();
            }
        });
    }

    /**
     * Sends a body while its handler produces it, as chunks (HTTP/1.0 has no chunks: the body runs to the end of
     * the connection). Each piece is written only after the previous one reached the socket, so a slow client
     * slows the handler down instead of filling the server's memory. A body that fails (the client went away, or
     * a bug) ends the connection, which tells the client the body is incomplete.
     */
    private void sendStreamed(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, Response response) {
        boolean chunked = version != HttpVersion.HTTP_1_0;
        boolean keepOpen = keepAlive && chunked && !closing.getAsBoolean();
        DefaultHttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.valueOf(response.status()));
        response.headers().forEach(head.headers()::set);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        HttpUtil.setTransferEncodingChunked(head, chunked);
        HttpUtil.setKeepAlive(head, keepOpen);
        ChannelFuture[] previous = {ctx.writeAndFlush(head)};
        boolean complete = false;
        try {
            response.stream().writeTo(piece -> {
                while (!previous[0].awaitUninterruptibly(1000) && ctx.channel().isActive()) {
                    // a slow reader: keep waiting while it is connected
                }
                if (!previous[0].isSuccess()) {
                    throw new java.io.IOException("the client closed the connection", previous[0].cause());
                }
                previous[0] = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(piece)));
            });
            complete = true;
        } catch (java.io.IOException e) {
            LOG.debug("{} streamed response ended early: {}", ctx.channel().remoteAddress(), e.toString());
        } catch (Exception | Error e) {
            // the status line is out: the client learns of it from the connection closing before the last chunk
            LOG.error("{} streamed response failed", ctx.channel().remoteAddress(), e);
        }
        boolean reuse = keepOpen && complete;
        ChannelFuture last = complete ? ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT) : previous[0];
        last.addListener((ChannelFutureListener) written -> {
            metrics.served(response.status());
            inFlight.exit();
            handling = false;
            if (reuse && written.isSuccess()) {
                ctx.read();
            } else {
                written.channel().close();
            }
        });
    }

    private static Request toRequest(FullHttpRequest msg) {
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        Map<String, String> headers = new HashMap<>();
        msg.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new Request(msg.method().name(), uri.path(), uri.parameters(), headers,
                ByteBufUtil.getBytes(msg.content()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a broken client is that connection's problem, not the server's.
        LOG.debug("closing HTTP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
