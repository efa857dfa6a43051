package io.nodedb.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code nodedb.toml}. The file is read into a tree and checked key by key rather than bound to a class,
 * so that a typo is reported with its file, its key and the keys that would have been accepted.
 */
final class TomlConfigFile {
    private static final TomlMapper MAPPER = new TomlMapper();

    private TomlConfigFile() {
    }

    /**
     * @param displayName the path as the user gave it, used in every message
     */
    static void applyTo(Path file, String displayName, ConfigBuilder builder) throws ConfigException {
        JsonNode root = parse(file, displayName);
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            applySection(section.getKey(), section.getValue(), displayName, builder);
        }
    }

    private static JsonNode parse(Path file, String displayName) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(displayName + ": config file does not exist");
        } catch (IOException e) {
            throw new ConfigException(displayName + ": cannot read config file: " + e.getMessage(), e);
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            return root == null || root.isMissingNode() ? MAPPER.createObjectNode() : root;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ConfigException(displayName + ": " + where + "not valid TOML: " + e.getOriginalMessage(), e);
        }
    }

    private static void applySection(String section, JsonNode table, String displayName, ConfigBuilder builder)
            throws ConfigException {
        if (!Settings.sections().contains(section)) {
            throw new ConfigException(displayName + ": " + unknownTopLevel(section));
        }
        if (!table.isObject()) {
            throw new ConfigException(displayName + ": key '" + section + "' must be a table ([" + section
                    + "]), got " + SettingValue.show(table));
        }
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            String key = section + "." + entry.getKey();
            Setting<?> setting = Settings.find(section, entry.getKey()).orElseThrow(() -> new ConfigException(
                    displayName + ": unknown key '" + key + "' (known keys in [" + section + "]: "
                            + knownKeys(section) + ")"));
            SettingValue.applyToml(setting, entry.getValue(), displayName + ": key '" + key + "'", builder);
        }
    }

    private static String unknownTopLevel(String name) {
        // A key written above every table is a common slip; point at the table it belongs in.
        Optional<Setting<?>> misplaced = Settings.ALL.stream().filter(s -> s.name().equals(name)).findFirst();
        if (misplaced.isPresent()) {
            return "unknown key '" + name + "' at the top level (it belongs under [" + misplaced.get().section()
                    + "], as '" + misplaced.get().key() + "')";
        }
        return "unknown section '" + name + "' (known sections: " + String.join(", ", Settings.sections()) + ")";
    }

    private static String knownKeys(String section) {
        return Settings.inSection(section).stream().map(Setting::name).collect(Collectors.joining(", "));
    }
}
