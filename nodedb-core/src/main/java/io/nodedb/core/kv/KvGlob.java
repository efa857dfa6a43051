package io.nodedb.core.kv;

/**
 * Redis-style glob matching of keys for SCAN ... MATCH: {@code *} any run, {@code ?} any one byte,
 * {@code [abc]}, {@code [a-z]}, {@code [^a]} (or {@code [!a]}) classes, and {@code \} to take the next character
 * literally. Keys are bytes and the pattern is matched byte by byte against its UTF-8 form, as Redis does.
 */
final class KvGlob {
    private final byte[] pattern;

    KvGlob(String pattern) {
        this.pattern = pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    boolean matches(byte[] key) {
        // Iterative with one backtrack point for the last '*': linear in practice, no recursion on hostile input.
        int p = 0;
        int k = 0;
        int starP = -1;
        int starK = 0;
        while (k < key.length) {
            if (p < pattern.length) {
                byte c = pattern[p];
                if (c == '*') {
                    starP = p++;
                    starK = k;
                    continue;
                }
                int next = matchOne(p, key[k]);
                if (next >= 0) {
                    p = next;
                    k++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            k = ++starK;
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** If the pattern element at {@code p} matches {@code b}, the index after the element; else -1. */
    private int matchOne(int p, byte b) {
        byte c = pattern[p];
        if (c == '?') {
            return p + 1;
        }
        if (c == '\\' && p + 1 < pattern.length) {
            return pattern[p + 1] == b ? p + 2 : -1;
        }
        if (c != '[') {
            return c == b ? p + 1 : -1;
        }
        int i = p + 1;
        boolean negate = i < pattern.length && (pattern[i] == '^' || pattern[i] == '!');
        if (negate) {
            i++;
        }
        boolean found = false;
        int v = b & 0xFF;
        while (i < pattern.length && pattern[i] != ']') {
            if (pattern[i] == '\\' && i + 1 < pattern.length) {
                found |= (pattern[i + 1] & 0xFF) == v;
                i += 2;
            } else if (i + 2 < pattern.length && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
                int lo = pattern[i] & 0xFF;
                int hi = pattern[i + 2] & 0xFF;
                found |= Math.min(lo, hi) <= v && v <= Math.max(lo, hi);
                i += 3;
            } else {
                found |= (pattern[i] & 0xFF) == v;
                i++;
            }
        }
        if (i >= pattern.length) {
            return c == b ? p + 1 : -1; // an unclosed '[' is a literal
        }
        return found != negate ? i + 1 : -1;
    }
}
