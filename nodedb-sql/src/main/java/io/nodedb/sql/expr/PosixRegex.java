package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL's regular-expression match operators {@code ~ ~* !~ !~*} over java.util.regex. POSIX advanced
 * regular expressions and Java's syntax agree on everything catalog queries and ordinary patterns use (anchors,
 * groups, alternation, classes, quantifiers); the differences are translated: bracket classes such as
 * {@code [[:digit:]]}, and the word-boundary escapes {@code \y}, {@code \m}, {@code \M}.
 */
public final class PosixRegex {
    private static final int CACHE_LIMIT = 1024;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("xdigit", "\\p{XDigit}"), Map.entry("word", "\\w"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"));

    private PosixRegex() {
    }

    /** op is one of ~ ~* !~ !~*; NULL in, NULL out. */
    public static Value match(String op, Value subject, Value pattern) {
        if (subject.isNull() || pattern.isNull()) {
            return Value.NULL;
        }
        boolean insensitive = op.endsWith("*");
        boolean negated = op.startsWith("!");
        Pattern p = compile(SqlValues.display(pattern), insensitive);
        return Value.Bool.of(p.matcher(SqlValues.display(subject)).find() != negated);
    }

    public static Pattern compile(String posix, boolean insensitive) {
        String key = (insensitive ? "i:" : "s:") + posix;
        Pattern p = CACHE.get(key);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(translate(posix), insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new NodeDbException(SqlState.INVALID_REGULAR_EXPRESSION, "invalid regular expression: "
                    + e.getDescription());
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(key, p);
        }
        return p;
    }

    static String translate(String posix) {
        StringBuilder out = new StringBuilder(posix.length() + 8);
        for (int i = 0; i < posix.length(); i++) {
            char c = posix.charAt(i);
            if (c == '\\' && i + 1 < posix.length()) {
                char n = posix.charAt(i + 1);
                switch (n) {
                    case 'y' -> out.append("\\b");
                    case 'm' -> out.append("\\b(?=\\w)");
                    case 'M' -> out.append("\\b(?<=\\w)");
                    default -> out.append(c).append(n);
                }
                i++;
            } else if (c == '[' && posix.startsWith("[:", i)) {
                int end = posix.indexOf(":]", i + 2);
                String cls = end < 0 ? null : CLASSES.get(posix.substring(i + 2, end));
                if (cls == null) {
                    out.append("\\[");
                } else {
                    out.append(cls);
                    i = end + 1;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
