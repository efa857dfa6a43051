package io.nodedb.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as handlers see it: copied out of Netty's buffers, so a handler may run on any thread and
 * keep it as long as it likes.
 *
 * @param method  upper-case method name; HEAD arrives here as GET (see {@link Router})
 * @param path    decoded path without the query string
 * @param headers header names in lower case; a repeated header keeps its last value
 */
public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                      byte[] body) {

    public Request {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }
}
