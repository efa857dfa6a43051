package io.nodedb.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the {@link ServerConfig} from, lowest precedence first: defaults, the TOML file, {@code NODEDB_*}
 * environment variables, command-line options. The file is the one named by {@code --config}, else by
 * {@code NODEDB_CONFIG}, else {@code ./nodedb.toml} when it exists. A file that was named explicitly must exist.
 */
public final class ConfigLoader {
    public static final String DEFAULT_FILE = "nodedb.toml";

    private ConfigLoader() {
    }

    public static ServerConfig load(List<String> args, Map<String, String> env, Path workingDir)
            throws ConfigException {
        return load(CommandLine.parse(args), env, workingDir, warning -> { });
    }

    /**
     * @param env        the process environment (a parameter so tests need not change the real one)
     * @param workingDir what relative paths (config file, data directory) are resolved against
     * @param warnings   receives problems that do not stop the server, such as unknown {@code NODEDB_*} names
     */
    public static ServerConfig load(CommandLine commandLine, Map<String, String> env, Path workingDir,
                                    Consumer<String> warnings) throws ConfigException {
        ConfigBuilder builder = new ConfigBuilder(workingDir);
        Optional<String> file = configFile(commandLine, env, workingDir);
        if (file.isPresent()) {
            Path path = workingDir.resolve(file.get()).toAbsolutePath().normalize();
            TomlConfigFile.applyTo(path, file.get(), builder);
            builder.configFile = Optional.of(path);
        }
        EnvironmentSettings.applyTo(env, builder, warnings);
        commandLine.applyTo(builder);
        return builder.build();
    }

    private static Optional<String> configFile(CommandLine commandLine, Map<String, String> env, Path workingDir)
            throws ConfigException {
        if (commandLine.configFile().isPresent()) {
            return requireExists(commandLine.configFile().get(), "option --config", workingDir);
        }
        String fromEnv = env.get(Settings.CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireExists(fromEnv, "environment variable " + Settings.CONFIG_ENV, workingDir);
        }
        return Files.exists(workingDir.resolve(DEFAULT_FILE)) ? Optional.of(DEFAULT_FILE) : Optional.empty();
    }

    private static Optional<String> requireExists(String file, String source, Path workingDir) throws ConfigException {
        Path path = workingDir.resolve(file);
        if (!Files.exists(path)) {
            throw new ConfigException(source + ": config file " + file + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(source + ": config file " + file + " is not a regular file");
        }
        return Optional.of(file);
    }
}
