package io.nodedb.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped example documents the layout; it must stay loadable and equal to the defaults it claims. */
class ExampleConfigTest {
    @TempDir
    Path cwd;

    @Test
    void exampleLoadsToExactlyTheDefaults() throws IOException, ConfigException {
        try (InputStream in = ServerConfig.class.getResourceAsStream("nodedb.example.toml")) {
            assertThat(in).isNotNull();
            Files.write(cwd.resolve("nodedb.toml"), in.readAllBytes());
        }
        ServerConfig loaded = ConfigLoader.load(List.of(), Map.of(), cwd);
        ServerConfig defaults = ServerConfig.defaults(cwd);
        assertThat(loaded.configFile()).isPresent();
        assertThat(new ServerConfig(loaded.host(), loaded.ports(), loaded.dataDir(), loaded.fsyncPolicy(),
                loaded.fsyncInterval(), loaded.checkpointInterval(), loaded.memoryLimitBytes(), loaded.auth(),
                Optional.empty()))
                .isEqualTo(defaults);
    }

    @Test
    void exampleMentionsEverySetting() throws IOException {
        String text;
        try (InputStream in = ServerConfig.class.getResourceAsStream("nodedb.example.toml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Setting<?> s : Settings.ALL) {
            assertThat(text).contains("[" + s.section() + "]").contains(s.name() + " = ").contains(s.envVar());
        }
    }
}
