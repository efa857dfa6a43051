package io.nodedb.sql.parser;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.lexer.Token;
import io.nodedb.sql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vector statements: {@code CREATE / DROP / ALTER VECTOR INDEX}, {@code SHOW VECTOR INDEXES} and the
 * {@code SEARCH ... USING VECTOR(...)} query. Both NodeDB spellings are accepted: the current one
 * ({@code CREATE VECTOR INDEX idx ON c FIELD f METRIC cosine DIM 384 M 32 EF_CONSTRUCTION 400}) and the beta one
 * ({@code CREATE VECTOR INDEX ON c FIELDS f DIMENSION 384}); the clauses after ON may come in any order.
 */
final class VectorStatements {
    private final TokenStream ts;
    private final ExprParser exprs;

    VectorStatements(TokenStream ts, ExprParser exprs) {
        this.ts = ts;
        this.exprs = exprs;
    }

    /** After CREATE; at VECTOR. */
    Statement create(int pos) {
        ts.expect("VECTOR");
        ts.expect("INDEX");
        boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
        String name = ts.at("ON") ? null : ts.identifier("a vector index name");
        ts.expect("ON");
        String collection = ts.identifier("a collection name");
        String field = null;
        String metric = null;
        int dim = 0;
        int m = 0;
        int ef = 0;
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (true) {
            Token t = ts.peek();
            if (t.kind() == TokenKind.WORD && (t.is("FIELD") || t.is("FIELDS")) && field == null) {
                ts.next();
                field = ts.fieldPath();
            } else if (t.isSymbol("(") && field == null) {
                ts.next();
                field = ts.fieldPath();
                ts.expectSymbol(")");
            } else if (t.is("METRIC") && metric == null) {
                ts.next();
                Token v = ts.next();
                if (v.kind() != TokenKind.WORD && v.kind() != TokenKind.STRING && v.kind() != TokenKind.QUOTED) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "syntax error: expected a metric name",
                            v.pos(), null);
                }
                metric = v.text().toLowerCase(Locale.ROOT);
            } else if ((t.is("DIM") || t.is("DIMENSION")) && dim == 0) {
                ts.next();
                dim = positiveInt("DIM");
            } else if (t.is("M") && m == 0) {
                ts.next();
                m = positiveInt("M");
            } else if (t.is("EF_CONSTRUCTION") && ef == 0) {
                ts.next();
                ef = positiveInt("EF_CONSTRUCTION");
            } else if (t.is("WITH") && keys.isEmpty()) {
                StatementParser.options(ts, exprs, "WITH", keys, values);
            } else {
                break;
            }
        }
        return new Statement.CreateVectorIndex(name, ifNotExists, collection, field, metric, dim, m, ef, keys,
                values, pos);
    }

    /** After DROP; at VECTOR. */
    Statement drop(int pos) {
        ts.expect("VECTOR");
        ts.expect("INDEX");
        boolean ifExists = ts.accept("IF", "EXISTS");
        if (ts.accept("ON")) {
            String collection = ts.identifier("a collection name");
            String field = ts.accept("FIELD") || ts.accept("FIELDS") ? ts.fieldPath() : null;
            return new Statement.DropVectorIndex(null, collection, field, ifExists, pos);
        }
        return new Statement.DropVectorIndex(ts.identifier("a vector index name"), null, null, ifExists, pos);
    }

    /** After ALTER; at VECTOR. */
    Statement alter(int pos) {
        ts.expect("VECTOR");
        ts.expect("INDEX");
        String name = null;
        String collection = null;
        String field = null;
        if (ts.accept("ON")) {
            collection = ts.identifier("a collection name");
            if (ts.accept("FIELD") || ts.accept("FIELDS")) {
                field = ts.fieldPath();
            }
        } else {
            name = ts.identifier("a vector index name");
        }
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        StatementParser.options(ts, exprs, "SET", keys, values);
        return new Statement.AlterVectorIndex(name, collection, field, keys, values, pos);
    }

    /** After SHOW; at VECTOR. */
    Statement show() {
        ts.expect("VECTOR");
        if (!ts.accept("INDEXES")) {
            ts.expect("INDEX");
        }
        String on = ts.accept("ON") || ts.accept("FROM") ? ts.identifier("a collection name") : null;
        return new Statement.ShowVectorIndexes(on);
    }

    /** At SEARCH: {@code SEARCH c USING VECTOR([field,] query, k) [WHERE filter]}. */
    Query search() {
        int pos = ts.expect("SEARCH").pos();
        String collection = ts.identifier("a collection name");
        ts.expect("USING");
        ts.expect("VECTOR");
        ts.expectSymbol("(");
        String field = null;
        if (ts.atIdentifier() && (ts.peek(1).isSymbol(",") || ts.peek(1).isSymbol("."))) {
            field = ts.fieldPath();
            ts.expectSymbol(",");
        }
        Expr query = exprs.parse();
        ts.expectSymbol(",");
        Expr k = exprs.parse();
        ts.expectSymbol(")");
        Expr where = ts.accept("WHERE") ? exprs.parse() : null;
        return new Query.Search(collection, field, query, k, where, pos);
    }


    private int positiveInt(String what) {
        Token t = ts.next();
        if (t.kind() != TokenKind.INTEGER) {
            throw new NodeDbException(SqlState.SYNTAX_ERROR, "syntax error: " + what + " takes a positive integer",
                    t.pos(), null);
        }
        try {
            int v = Integer.parseInt(t.text());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, what + " must be a positive integer, got "
                + t.text(), t.pos(), null);
    }
}
