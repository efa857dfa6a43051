package io.nodedb.core.metrics;

import java.util.Locale;

/**
 * Writes the Prometheus text exposition format (version 0.0.4). Each component appends its own figures;
 * the HTTP listener only serves the text.
 */
public final class PrometheusWriter {
    private final StringBuilder out;

    public PrometheusWriter(StringBuilder out) {
        this.out = out;
    }

    public PrometheusWriter counter(String name, String help, double value) {
        return metric(name, "counter", help, value);
    }

    public PrometheusWriter gauge(String name, String help, double value) {
        return metric(name, "gauge", help, value);
    }

    /** A gauge with one label, written once per label value by the caller after {@link #header}. */
    public PrometheusWriter header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    public PrometheusWriter sample(String name, String labelName, String labelValue, double value) {
        out.append(name).append('{').append(labelName).append("=\"").append(escape(labelValue)).append("\"} ");
        appendNumber(value);
        out.append('\n');
        return this;
    }

    private PrometheusWriter metric(String name, String type, String help, double value) {
        header(name, type, help);
        out.append(name).append(' ');
        appendNumber(value);
        out.append('\n');
        return this;
    }

    private void appendNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%s", value));
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
