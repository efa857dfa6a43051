package io.nodedb.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEndpointsTest {
    @Test
    void aFailingReadinessCheckIsNotReadyWithTheReason() throws Exception {
        Router router = HealthEndpoints.register(new Router(), () -> {
            throw new IllegalStateException("recovering segment 7");
        });
        Response r = router.dispatch(new Request("GET", "/health/ready", Map.of(), Map.of(), new byte[0]));
        assertThat(r.status()).isEqualTo(503);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"not_ready\",\"reason\":\"recovering segment 7\"}");
    }
}
