package io.nodedb.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line. Options take their value as the next argument or after '=' ({@code --port-http 8080},
 * {@code --port-http=8080}); a repeated option keeps the last value.
 *
 * @param values option values for settings, in command-line order
 */
public record CommandLine(boolean help, boolean version, Optional<String> configFile, List<FlagValue> values) {

    record FlagValue(Setting<?> setting, String flag, String text) {
    }

    public CommandLine {
        values = List.copyOf(values);
    }

    public static CommandLine parse(List<String> args) throws ConfigException {
        boolean help = false;
        boolean version = false;
        String configFile = null;
        List<FlagValue> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--version")) {
                version = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "' (options start with --; see --help)");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            boolean known = name.equals(Settings.CONFIG_FLAG) || Settings.byFlag(name).isPresent();
            if (!known) {
                throw new ConfigException("unknown option '--" + name + "' (see --help)");
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ConfigException("option --" + name + " needs a value");
            }
            if (name.equals(Settings.CONFIG_FLAG)) {
                if (value.isBlank()) {
                    throw new ConfigException("option --config must be a file name, got \"\"");
                }
                configFile = value;
            } else {
                values.add(new FlagValue(Settings.byFlag(name).orElseThrow(), name, value));
            }
        }
        return new CommandLine(help, version, Optional.ofNullable(configFile), values);
    }

    void applyTo(ConfigBuilder builder) throws ConfigException {
        for (FlagValue v : values) {
            SettingValue.applyText(v.setting(), v.text(), "option --" + v.flag(), builder);
        }
    }
}
