package io.nodedb.sql.plan;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.regex.Pattern;

/** LIKE / ILIKE: {@code %} and {@code _} wildcards, backslash escapes; constant patterns compile once. */
final class Like {
    private Like() {
    }

    static Bound bind(ExprBinder binder, Expr.Like like) {
        Eval subject = binder.bind(like.operand()).eval();
        boolean ci = like.caseInsensitive();
        boolean negated = like.negated();
        if (like.pattern() instanceof Expr.Literal l && l.value() instanceof Value.Str s) {
            Pattern p = compile(s.value(), ci);
            return new Bound((row, ctx) -> {
                Value v = subject.eval(row, ctx);
                return v.isNull() ? Value.NULL : Value.Bool.of(p.matcher(SqlValues.display(v)).matches() != negated);
            }, ValueType.BOOL);
        }
        Eval pattern = binder.bind(like.pattern()).eval();
        return new Bound((row, ctx) -> {
            Value v = subject.eval(row, ctx);
            Value p = pattern.eval(row, ctx);
            if (v.isNull() || p.isNull()) {
                return Value.NULL;
            }
            return Value.Bool.of(compile(SqlValues.display(p), ci).matcher(SqlValues.display(v)).matches() != negated);
        }, ValueType.BOOL);
    }

    static Pattern compile(String like, boolean caseInsensitive) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE
                | Pattern.UNICODE_CASE : 0));
    }
}
