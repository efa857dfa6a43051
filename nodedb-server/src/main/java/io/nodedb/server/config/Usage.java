package io.nodedb.server.config;

import java.util.Locale;

/** The {@code --help} text, generated from {@link Settings} so it cannot fall behind the keys that exist. */
public final class Usage {
    private Usage() {
    }

    public static String text() {
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: nodedb [--config FILE] [--data DIR] [--host HOST] [--port-<name> N]...

                Starts the NodeDB server. Settings come from, lowest precedence first: defaults,
                the TOML file (--config FILE, else $NODEDB_CONFIG, else ./nodedb.toml if present),
                NODEDB_* environment variables, command-line options.

                Options:
                  --config FILE        TOML configuration file
                  --help, -h           print this help and exit
                  --version            print the version and exit
                """);
        for (Setting<?> s : Settings.ALL) {
            s.flag().ifPresent(flag -> out.append(String.format(Locale.ROOT, "  %-20s %s%n",
                    "--" + flag + " " + metaVar(s), "sets " + s.key())));
        }
        out.append("\nSettings (TOML key, environment variable, default):\n");
        String section = "";
        for (Setting<?> s : Settings.ALL) {
            if (!s.section().equals(section)) {
                section = s.section();
                out.append("  [").append(section).append("]\n");
            }
            out.append(String.format(Locale.ROOT, "    %-22s %-30s %-11s %s%n",
                    s.name(), s.envVar(), s.defaultText(), s.help()));
        }
        return out.toString();
    }

    private static String metaVar(Setting<?> s) {
        return switch (s.name()) {
            case "host" -> "HOST";
            case "data_dir" -> "DIR";
            default -> "N";
        };
    }
}
