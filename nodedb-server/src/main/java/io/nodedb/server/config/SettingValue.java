package io.nodedb.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Applies one raw value to the builder, or explains why it is not valid for its setting. */
final class SettingValue {
    private SettingValue() {
    }

    /**
     * @param subject who set it, completing "... must be", e.g. "nodedb.toml: key 'ports.http'"
     */
    static <T> void applyToml(Setting<T> setting, JsonNode node, String subject, ConfigBuilder builder)
            throws ConfigException {
        apply(setting, setting.type().fromToml(node), subject, show(node), builder);
    }

    static <T> void applyText(Setting<T> setting, String text, String subject, ConfigBuilder builder)
            throws ConfigException {
        apply(setting, setting.type().fromText(text), subject, quote(text), builder);
    }

    private static <T> void apply(Setting<T> setting, Optional<T> value, String subject, String shown,
                                  ConfigBuilder builder) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(subject + " must be " + setting.type().expected() + ", got " + shown);
        }
        setting.applyTo(builder, value.get());
    }

    /** A TOML value the way the user wrote it, or its kind where that would be long. */
    static String show(JsonNode node) {
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isObject()) {
            return "a table";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.toString();
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
