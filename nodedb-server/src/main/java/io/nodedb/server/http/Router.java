package io.nodedb.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps method and exact path to a handler. Unknown paths are 404, known paths with another method 405 with an
 * {@code Allow} header. HEAD is served by the GET handler; the codec drops the body. Routes are added before the
 * listener starts and only read afterwards.
 */
public final class Router {
    private final Map<String, Map<String, HttpHandler>> routes = new LinkedHashMap<>();

    public Router get(String path, HttpHandler handler) {
        return route("GET", path, handler);
    }

    public Router post(String path, HttpHandler handler) {
        return route("POST", path, handler);
    }

    public Router route(String method, String path, HttpHandler handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        HttpHandler previous = routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).putIfAbsent(method, handler);
        if (previous != null) {
            throw new IllegalStateException("route " + method + " " + path + " is already registered");
        }
        return this;
    }

    public Response dispatch(Request request) throws Exception {
        Map<String, HttpHandler> byMethod = routes.get(request.path());
        if (byMethod == null) {
            return Response.error(404, "not_found", "no such endpoint: " + request.path());
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        HttpHandler handler = byMethod.get(method);
        if (handler == null) {
            String allow = String.join(", ", allowed(byMethod.keySet()));
            return Response.error(405, "method_not_allowed",
                            request.method() + " is not allowed on " + request.path() + " (allowed: " + allow + ")")
                    .withHeader("Allow", allow);
        }
        return handler.handle(request);
    }

    private static Set<String> allowed(Set<String> methods) {
        Set<String> allowed = new TreeSet<>(methods);
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return allowed;
    }
}
