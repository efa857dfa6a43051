package io.nodedb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of a benchmark: {@code --name value} or {@code --name=value}, each declared with a
 * default and a help line so {@code --help} documents itself and a misspelt option is refused rather than
 * silently running the defaults for minutes.
 *
 * <pre>
 * BenchArgs args = new BenchArgs("log", "what it measures")
 *         .option("seconds", "5", "measured seconds per run")
 *         .parseOrExit(argv);
 * Duration d = args.duration("seconds");
 * </pre>
 */
public final class BenchArgs {
    private record Option(String name, String defaultValue, String help) {
    }

    private final String command;
    private final String description;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<String, String> given = new HashMap<>();

    public BenchArgs(String command, String description) {
        this.command = command;
        this.description = description;
    }

    /** Declares an option; {@code defaultValue} null means it has no default (see {@link #has}). */
    public BenchArgs option(String name, String defaultValue, String help) {
        options.put(name, new Option(name, defaultValue, help));
        return this;
    }

    /** Parses {@code argv}; on {@code --help} prints the usage and exits 0, on a bad option exits 2. */
    public BenchArgs parseOrExit(String[] argv) {
        try {
            if (parse(argv)) {
                Console.out(usage());
                System.exit(0);
            }
        } catch (IllegalArgumentException e) {
            Console.error(e.getMessage());
            Console.err(usage());
            System.exit(2);
        }
        return this;
    }

    /** Parses {@code argv}; returns true when help was asked for. Throws on unknown or incomplete options. */
    public boolean parse(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length) {
                value = argv[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            given.put(name, value);
        }
        return false;
    }

    public String usage() {
        StringBuilder b = new StringBuilder();
        b.append("usage: bin/bench ").append(command).append(" [options]\n");
        b.append(description).append("\n\noptions:\n");
        int width = options.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        for (Option o : options.values()) {
            b.append(String.format(Locale.ROOT, "  --%-" + width + "s%s", o.name(), o.help()));
            if (o.defaultValue() != null) {
                b.append(" (default ").append(o.defaultValue()).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }

    public boolean has(String name) {
        return raw(name) != null;
    }

    /** Every option with the value in effect, for printing beside the results. */
    public Map<String, String> effective() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String name : options.keySet()) {
            String value = raw(name);
            if (value != null) {
                all.put(name, value);
            }
        }
        return all;
    }

    public String string(String name) {
        String value = raw(name);
        if (value == null) {
            throw new IllegalArgumentException("option --" + name + " is required");
        }
        return value;
    }

    public int intValue(String name) {
        return (int) parseLong(name, string(name));
    }

    public Path path(String name) {
        return Path.of(string(name));
    }

    /** Comma-separated integers, e.g. {@code 1,16,64}. */
    public List<Integer> intList(String name) {
        List<Integer> values = new ArrayList<>();
        for (String part : string(name).split(",")) {
            if (!part.isBlank()) {
                values.add((int) parseLong(name, part.trim()));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("option --" + name + " needs at least one value");
        }
        return values;
    }

    /** A byte count: {@code 128}, {@code 4k}, {@code 1m} (binary units). */
    public int bytes(String name) {
        String text = string(name).trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("k")) {
            unit = 1L << 10;
        } else if (text.endsWith("m")) {
            unit = 1L << 20;
        }
        if (unit != 1) {
            text = text.substring(0, text.length() - 1);
        }
        long value = parseLong(name, text) * unit;
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option --" + name + " is too large: " + string(name));
        }
        return (int) value;
    }

    /** A duration: a plain number is seconds ({@code 5}, {@code 0.3}); {@code 300ms}, {@code 2s}, {@code 1m}. */
    public Duration duration(String name) {
        String text = string(name).trim().toLowerCase(Locale.ROOT);
        double scaleMillis = 1000;
        if (text.endsWith("ms")) {
            scaleMillis = 1;
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s")) {
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            scaleMillis = 60_000;
            text = text.substring(0, text.length() - 1);
        }
        try {
            double millis = Double.parseDouble(text) * scaleMillis;
            if (!(millis >= 0)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + ": not a duration: " + string(name));
        }
    }

    private String raw(String name) {
        Option o = options.get(name);
        if (o == null) {
            throw new IllegalStateException("option --" + name + " was never declared");
        }
        return given.getOrDefault(name, o.defaultValue());
    }

    private static long parseLong(String name, String text) {
        try {
            return Long.decode(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + ": not a number: " + text);
        }
    }
}
