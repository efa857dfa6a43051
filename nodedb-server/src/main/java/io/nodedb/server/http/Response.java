package io.nodedb.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers. Content-Length, Connection and Date are the listener's business, not the handler's.
 *
 * @param headers extra headers, e.g. {@code Allow} on a 405
 * @param stream  null for a body known in full ({@code body}); otherwise what writes the body piece by piece
 *                while it is produced, sent with chunked transfer encoding (and {@code body} is empty)
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers, Body stream) {
    public static final String JSON = "application/json";

    /** Receives a streamed body's pieces; {@link #write} returns once the client can take more. */
    public interface Sink {
        /** @throws java.io.IOException when the client went away; the body must stop */
        void write(byte[] piece) throws java.io.IOException;
    }

    /** A body produced while it is sent. It runs on the request's worker thread and must release what it holds. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Sink sink) throws java.io.IOException;
    }

    public Response {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    public static Response streamed(int status, String contentType, Body stream) {
        return new Response(status, contentType, new byte[0], Map.of(), Objects.requireNonNull(stream, "stream"));
    }

    public static Response json(int status, Object value) {
        return new Response(status, JSON, Json.write(value), Map.of());
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * The one error shape every HTTP route uses: {@code {"error": {"code": ..., "message": ...}}}. Routes that
     * run SQL will put the SQLSTATE in {@code code}; routing errors use a short word.
     */
    public static Response error(int status, String code, String message) {
        return json(status, new ErrorBody(new ErrorBody.Detail(code, message)));
    }

    /** Records rather than maps so the JSON keys come out in a fixed order. */
    private record ErrorBody(Detail error) {
        private record Detail(String code, String message) {
        }
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more, stream);
    }
}
