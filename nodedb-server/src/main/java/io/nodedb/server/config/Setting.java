package io.nodedb.server.config;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One configuration key and every way to set it.
 *
 * @param section TOML table, e.g. {@code storage}
 * @param name    key inside the table, e.g. {@code fsync}
 * @param envVar  environment variable, e.g. {@code NODEDB_FSYNC}
 * @param flag    command-line option without the dashes, if the key has one
 * @param help    one line for {@code --help}
 */
record Setting<T>(String section, String name, String envVar, Optional<String> flag, ValueType<T> type,
                  BiConsumer<ConfigBuilder, T> apply, String defaultText, String help) {

    /** The dotted name used in messages, e.g. {@code storage.fsync}. */
    String key() {
        return section + "." + name;
    }

    void applyTo(ConfigBuilder builder, T value) {
        apply.accept(builder, value);
    }
}
