package io.nodedb.core.kv;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KvGlobTest {
    private static boolean m(String pattern, String key) {
        return new KvGlob(pattern).matches(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void redisGlobSyntax() {
        assertThat(m("*", "")).isTrue();
        assertThat(m("user:*", "user:42")).isTrue();
        assertThat(m("user:*", "users:42")).isFalse();
        assertThat(m("*:42", "user:42")).isTrue();
        assertThat(m("h?llo", "hello")).isTrue();
        assertThat(m("h?llo", "hllo")).isFalse();
        assertThat(m("h[ae]llo", "hallo")).isTrue();
        assertThat(m("h[ae]llo", "hillo")).isFalse();
        assertThat(m("h[^e]llo", "hallo")).isTrue();
        assertThat(m("h[!e]llo", "hello")).isFalse();
        assertThat(m("h[a-c]llo", "hbllo")).isTrue();
        assertThat(m("h[a-c]llo", "hdllo")).isFalse();
        assertThat(m("a\\*b", "a*b")).isTrue();
        assertThat(m("a\\*b", "axb")).isFalse();
        assertThat(m("*a*b*c*", "xxaxxbxxcxx")).isTrue();
        assertThat(m("*a*b*c*", "xxaxxcxxbxx")).isFalse();
        assertThat(m("[abc", "[abc")).isTrue();
        assertThat(m("a*", "b")).isFalse();
        // Many stars against a long non-matching key: must stay fast (no exponential backtracking).
        assertThat(m("*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).isFalse();
    }
}
