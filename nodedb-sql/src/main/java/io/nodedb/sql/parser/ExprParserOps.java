package io.nodedb.sql.parser;

/** Binary operator symbols and their binding powers, shared by plain and OPERATOR(schema.op) syntax. */
final class ExprParserOps {
    private ExprParserOps() {
    }

    /** The binding power of a binary operator symbol, or -1 when the symbol is not one. */
    static int power(String op, int compare, int other, int add, int mul, int pow) {
        return switch (op) {
            case "=", "<>", "!=", "<", ">", "<=", ">=" -> compare;
            case "||", "<->", "->", "->>", "~", "!~", "~*", "!~*", "&", "|" -> other;
            case "+", "-" -> add;
            case "*", "/", "%" -> mul;
            case "^" -> pow;
            default -> -1;
        };
    }
}
