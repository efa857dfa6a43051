package io.nodedb.server.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: the process answers (liveness). {@code GET /health/ready}: the database has recovered and
 * takes writes (readiness); load balancers send traffic only on 200.
 */
public final class HealthEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoints.class);

    private HealthEndpoints() {
    }

    public static Router register(Router router, BooleanSupplier ready) {
        return router
                .get("/health", request -> Response.json(200, Map.of("status", "ok")))
                .get("/health/ready", request -> readiness(ready));
    }

    private record NotReady(String status, String reason) {
    }

    private static Response readiness(BooleanSupplier ready) {
        try {
            return ready.getAsBoolean()
                    ? Response.json(200, Map.of("status", "ready"))
                    : Response.json(503, Map.of("status", "not_ready"));
        } catch (RuntimeException e) {
            // A probe wants a yes or no; a failing check is a no, and the reason goes to the log and the body.
            LOG.warn("readiness check failed", e);
            return Response.json(503, new NotReady("not_ready", String.valueOf(e.getMessage())));
        }
    }
}
