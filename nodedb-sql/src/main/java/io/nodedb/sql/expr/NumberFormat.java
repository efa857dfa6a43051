package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's number templates, for {@code to_char(number, template)} and {@code to_number(text, template)}:
 * {@code 9} (a digit, blank when it is a leading zero), {@code 0} (a digit, always shown), {@code .} or {@code D}
 * (the decimal point), {@code ,} or {@code G} (a group separator, blank among leading blanks), {@code S} (the sign,
 * anchored to the number), {@code MI} and {@code SG} (a minus or a sign where written), {@code PR} (a negative
 * number in angle brackets), {@code EEEE} (scientific notation), {@code FM} (no padding and no trailing zeros in
 * 9 positions), double-quoted text; other characters are copied. Without a sign pattern, a slot before the
 * number holds {@code -} or a blank. The locale is C: the decimal point is {@code .}, the separator {@code ,}.
 */
final class NumberFormat {
    private enum Kind { DIGIT9, DIGIT0, POINT, GROUP, S, MI, SG, PR, EEEE, TEXT }

    private record Element(Kind kind, String text) {
    }

    /** A parsed template: its elements and what they add up to. */
    private record Template(List<Element> elements, boolean fill, int integerDigits, int fractionDigits,
            int firstZero, int lastFractionZero, boolean explicitSign, boolean brackets, boolean scientific) {
    }

    private NumberFormat() {
    }

    private static Template parse(String template) {
        List<Element> out = new ArrayList<>();
        boolean fill = false;
        boolean point = false;
        boolean explicitSign = false;
        boolean brackets = false;
        boolean scientific = false;
        int integerDigits = 0;
        int fractionDigits = 0;
        int firstZero = -1;
        int lastFractionZero = 0;
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            String rest = template.substring(i).toUpperCase(Locale.ROOT);
            if (ch == '"') {
                int end = Templates.closingQuote(template, i);
                out.add(new Element(Kind.TEXT, template.substring(i + 1, end)));
                i = end + 1;
            } else if (rest.startsWith("FM")) {
                fill = true;
                i += 2;
            } else if (ch == '9' || ch == '0') {
                if (point) {
                    fractionDigits++;
                    if (ch == '0') {
                        lastFractionZero = fractionDigits;
                    }
                } else {
                    if (ch == '0' && firstZero < 0) {
                        firstZero = integerDigits;
                    }
                    integerDigits++;
                }
                out.add(new Element(ch == '9' ? Kind.DIGIT9 : Kind.DIGIT0, null));
                i++;
            } else if (ch == '.' || ch == 'D' || ch == 'd') {
                if (point) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "multiple decimal points in the number template "
                            + "\"" + template + "\"");
                }
                point = true;
                out.add(new Element(Kind.POINT, null));
                i++;
            } else if (ch == ',' || ch == 'G' || ch == 'g') {
                out.add(new Element(Kind.GROUP, null));
                i++;
            } else if (rest.startsWith("EEEE")) {
                scientific = true;
                out.add(new Element(Kind.EEEE, null));
                i += 4;
            } else if (rest.startsWith("MI") || rest.startsWith("SG") || rest.startsWith("PR") || ch == 'S'
                    || ch == 's') {
                Kind k = rest.startsWith("MI") ? Kind.MI : rest.startsWith("SG") ? Kind.SG
                        : rest.startsWith("PR") ? Kind.PR : Kind.S;
                if (explicitSign) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "cannot use more than one sign pattern in the "
                            + "number template \"" + template + "\"");
                }
                explicitSign = true;
                brackets = k == Kind.PR;
                out.add(new Element(k, null));
                i += k == Kind.S ? 1 : 2;
            } else if (rest.startsWith("RN") || rest.startsWith("TH") || rest.startsWith("PL") || ch == 'V'
                    || ch == 'v' || ch == 'L' || ch == 'l') {
                throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "the number template pattern \""
                        + template.substring(i, Math.min(template.length(), i + (ch == 'V' || ch == 'v' || ch == 'L'
                        || ch == 'l' ? 1 : 2))) + "\" is not supported yet");
            } else {
                out.add(new Element(Kind.TEXT, String.valueOf(ch)));
                i++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            throw invalid("the number template \"" + template + "\" has no digit positions (9 or 0)");
        }
        return new Template(out, fill, integerDigits, fractionDigits, firstZero, lastFractionZero, explicitSign,
                brackets, scientific);
    }

    /** {@code to_char(number, template)}. */
    static String toChar(BigDecimal number, String template) {
        Template t = parse(template);
        boolean negative = number.signum() < 0;
        if (t.scientific()) {
            return scientific(number.abs(), t, negative);
        }
        BigDecimal rounded = number.abs().setScale(t.fractionDigits(), RoundingMode.HALF_UP);
        String plain = rounded.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        negative &= rounded.signum() != 0;
        boolean overflow = intPart.length() > t.integerDigits() && !intPart.equals("0");
        // A lone zero before the point is a leading zero: blank unless a 0 position asks for it, as in PostgreSQL.
        if (intPart.equals("0") && (t.fractionDigits() > 0 || t.integerDigits() == 0)) {
            intPart = "";
        }
        int pad = t.integerDigits() - intPart.length();
        int keptFraction = fracPart.length();
        if (t.fill()) {
            while (keptFraction > t.lastFractionZero() && fracPart.charAt(keptFraction - 1) == '0') {
                keptFraction--;
            }
        }
        StringBuilder out = new StringBuilder();
        boolean started = false; // whether a digit or zero has been written
        int digit = 0;
        int fraction = 0;
        boolean afterPoint = false;
        for (Element e : t.elements()) {
            switch (e.kind()) {
                case DIGIT9, DIGIT0 -> {
                    if (afterPoint) {
                        if (fraction < keptFraction) {
                            out.append(overflow ? '#' : fracPart.charAt(fraction));
                        } else if (!t.fill()) {
                            out.append(overflow ? '#' : '0');
                        }
                        fraction++;
                        continue;
                    }
                    if (overflow) {
                        started = startNumber(out, started, t, negative);
                        out.append('#');
                    } else if (digit < pad) {
                        if (t.firstZero() >= 0 && digit >= t.firstZero()) {
                            started = startNumber(out, started, t, negative);
                            out.append('0');
                        } else if (!t.fill()) {
                            out.append(' ');
                        }
                    } else {
                        started = startNumber(out, started, t, negative);
                        out.append(intPart.charAt(digit - pad));
                    }
                    digit++;
                }
                case POINT -> {
                    started = startNumber(out, started, t, negative);
                    out.append('.');
                    afterPoint = true;
                }
                case GROUP -> {
                    if (started) {
                        out.append(',');
                    } else if (!t.fill()) {
                        out.append(' ');
                    }
                }
                case S -> {
                    if (started) {
                        out.append(negative ? '-' : '+');
                    }
                }
                case MI -> {
                    if (negative) {
                        out.append('-');
                    } else if (!t.fill()) {
                        out.append(' ');
                    }
                }
                case SG -> out.append(negative ? '-' : '+');
                case PR -> {
                    if (negative) {
                        out.append('>');
                    } else if (!t.fill()) {
                        out.append(' ');
                    }
                }
                case TEXT -> out.append(e.text());
                case EEEE -> throw new IllegalStateException();
            }
        }
        if (!started) {
            startNumber(out, false, t, negative);
        }
        return out.toString();
    }

    /**
     * Writes what goes right before the number's first character: the default sign slot, a leading S, or PR's
     * opening bracket. Returns true (the number has started).
     */
    private static boolean startNumber(StringBuilder out, boolean started, Template t, boolean negative) {
        if (started) {
            return true;
        }
        if (t.brackets()) {
            out.append(negative ? "<" : t.fill() ? "" : " ");
        } else if (!t.explicitSign()) {
            out.append(negative ? "-" : t.fill() ? "" : " ");
        } else if (leadingS(t)) {
            out.append(negative ? '-' : '+');
        }
        return true;
    }

    /** Whether the template's S comes before its first digit (then it is written right before the number). */
    private static boolean leadingS(Template t) {
        for (Element e : t.elements()) {
            if (e.kind() == Kind.S) {
                return true;
            }
            if (e.kind() == Kind.DIGIT9 || e.kind() == Kind.DIGIT0 || e.kind() == Kind.POINT) {
                return false;
            }
        }
        return false;
    }

    /** {@code d.dddEsxx}: one digit before the point, the template's fraction digits after it. */
    private static String scientific(BigDecimal abs, Template t, boolean negative) {
        String mantissa;
        int exponent;
        if (abs.signum() == 0) {
            mantissa = BigDecimal.ZERO.setScale(t.fractionDigits()).toPlainString();
            exponent = 0;
        } else {
            BigDecimal r = abs.round(new MathContext(t.fractionDigits() + 1, RoundingMode.HALF_UP));
            exponent = r.precision() - r.scale() - 1;
            mantissa = r.movePointLeft(exponent).setScale(t.fractionDigits(), RoundingMode.HALF_UP).toPlainString();
        }
        String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        return (negative ? "-" : t.fill() ? "" : " ") + mantissa + "e" + exp;
    }

    /** {@code to_number(text, template)}: the digits the template's positions read, with its point and sign. */
    static Value toNumber(String input, String template) {
        Template t = parse(template);
        if (t.scientific()) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "EEEE in to_number is not supported yet");
        }
        StringBuilder digits = new StringBuilder();
        boolean negative = false;
        boolean point = false;
        boolean sawDigit = false;
        int at = 0;
        int n = input.length();
        while (at < n && input.charAt(at) == ' ') {
            at++;
        }
        if (t.brackets() && at < n && input.charAt(at) == '<') {
            negative = true;
            at++;
        }
        for (Element e : t.elements()) {
            switch (e.kind()) {
                case DIGIT9, DIGIT0 -> {
                    if (!t.explicitSign() && !sawDigit && at < n && (input.charAt(at) == '-'
                            || input.charAt(at) == '+')) {
                        negative = input.charAt(at) == '-';
                        at++;
                    }
                    if (at < n && Character.isDigit(input.charAt(at))) {
                        digits.append(input.charAt(at++));
                        sawDigit = true;
                    } else if (at < n && input.charAt(at) == ' ' && !sawDigit) {
                        at++;
                    }
                }
                case POINT -> {
                    if (at < n && input.charAt(at) == '.') {
                        at++;
                        point = true;
                        digits.append('.');
                    }
                }
                case GROUP -> {
                    if (at < n && input.charAt(at) == ',') {
                        at++;
                    }
                }
                case S, MI, SG -> {
                    if (at < n && (input.charAt(at) == '-' || input.charAt(at) == '+')) {
                        negative = input.charAt(at) == '-';
                        at++;
                    } else if (at < n && input.charAt(at) == ' ' && e.kind() == Kind.MI) {
                        at++;
                    }
                }
                case PR -> {
                    if (at < n && input.charAt(at) == '>') {
                        at++;
                    }
                }
                case TEXT -> at = Math.min(n, at + e.text().length());
                case EEEE -> throw new IllegalStateException();
            }
        }
        if (!sawDigit) {
            throw new NodeDbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type "
                    + "numeric: \"" + input + "\"");
        }
        BigDecimal value = new BigDecimal(point && digits.charAt(digits.length() - 1) == '.'
                ? digits.substring(0, digits.length() - 1) : digits.toString());
        return new Value.Decimal(negative ? value.negate() : value);
    }

    private static NodeDbException invalid(String message) {
        return new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
