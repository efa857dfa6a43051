package io.nodedb.server.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Applies {@code NODEDB_*} environment variables. */
final class EnvironmentSettings {
    static final String PREFIX = "NODEDB_";

    /** Variables that belong to the launcher or the loader, not to a setting. */
    private static final Set<String> NOT_SETTINGS = Set.of(Settings.CONFIG_ENV, "NODEDB_JAVA_OPTS");

    private EnvironmentSettings() {
    }

    /**
     * An empty variable counts as unset, so {@code NODEDB_PORT_RESP=} in a compose file turns RESP off rather than
     * failing. Unknown {@code NODEDB_*} names are only warned about: other tools (clients, scripts) share the prefix.
     */
    static void applyTo(Map<String, String> env, ConfigBuilder builder, Consumer<String> warnings)
            throws ConfigException {
        for (Setting<?> setting : Settings.ALL) {
            String value = env.get(setting.envVar());
            if (value != null && !value.isBlank()) {
                SettingValue.applyText(setting, value,
                        "environment variable " + setting.envVar() + " (" + setting.key() + ")", builder);
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : env.keySet()) {
            if (name.startsWith(PREFIX) && !NOT_SETTINGS.contains(name)
                    && Settings.ALL.stream().noneMatch(s -> s.envVar().equals(name))) {
                unknown.add(name);
            }
        }
        unknown.forEach(name -> warnings.accept("ignoring unknown environment variable " + name));
    }
}
