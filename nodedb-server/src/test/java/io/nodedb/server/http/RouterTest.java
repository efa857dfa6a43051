package io.nodedb.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private final Router router = new Router()
            .get("/health", r -> Response.text(200, "text/plain", "ok"))
            .post("/query", r -> Response.text(200, "text/plain", new String(r.body(), StandardCharsets.UTF_8)));

    private static Request request(String method, String path) {
        return new Request(method, path, Map.of(), Map.of(), new byte[0]);
    }

    private static String body(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void dispatchesByMethodAndPath() throws Exception {
        assertThat(body(router.dispatch(request("GET", "/health")))).isEqualTo("ok");
        Request post = new Request("POST", "/query", Map.of(), Map.of(), "SELECT 1".getBytes(StandardCharsets.UTF_8));
        assertThat(body(router.dispatch(post))).isEqualTo("SELECT 1");
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        Response r = router.dispatch(request("GET", "/nope"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(body(r)).contains("\"code\":\"not_found\"").contains("/nope");
    }

    @Test
    void otherMethodIs405WithAllow() throws Exception {
        Response r = router.dispatch(request("DELETE", "/health"));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(body(r)).contains("\"code\":\"method_not_allowed\"").contains("DELETE is not allowed on /health");
        assertThat(router.dispatch(request("GET", "/query")).headers()).containsEntry("Allow", "POST");
    }

    @Test
    void headUsesTheGetHandler() throws Exception {
        assertThat(router.dispatch(request("HEAD", "/health")).status()).isEqualTo(200);
    }

    @Test
    void aRouteIsRegisteredOnce() {
        assertThatThrownBy(() -> router.get("/health", r -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /health");
        assertThatThrownBy(() -> router.get("health", r -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
