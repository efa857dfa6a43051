package io.nodedb.sql.parser;

import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.lexer.Lexer;

import java.util.ArrayList;
import java.util.List;

/** Entry point: SQL text to statements. Stateless; safe to call from any thread. */
public final class Parser {
    private Parser() {
    }

    /**
     * Parses one or more statements separated by semicolons; empty statements are skipped.
     *
     * @throws io.nodedb.core.error.NodeDbException 42601 with the position of the offending token
     */
    public static List<Statement> parse(String sql) {
        TokenStream ts = new TokenStream(Lexer.tokenize(sql));
        ExprParser exprs = new ExprParser(ts);
        QueryParser queries = new QueryParser(ts, exprs);
        exprs.setQueries(queries);
        StatementParser statements = new StatementParser(sql, ts, exprs, queries);
        List<Statement> out = new ArrayList<>();
        while (!ts.atEnd()) {
            if (ts.acceptSymbol(";")) {
                continue;
            }
            out.add(statements.statement());
            if (!ts.atEnd() && !ts.atSymbol(";")) {
                throw ts.error(null);
            }
        }
        return out;
    }

    /** Parses a single expression, such as a stored column DEFAULT. */
    public static io.nodedb.sql.ast.Expr parseExpression(String sql) {
        TokenStream ts = new TokenStream(Lexer.tokenize(sql));
        ExprParser exprs = new ExprParser(ts);
        exprs.setQueries(new QueryParser(ts, exprs));
        io.nodedb.sql.ast.Expr e = exprs.parse();
        if (!ts.atEnd()) {
            throw ts.error(null);
        }
        return e;
    }
}
