package io.nodedb.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * How one setting's value is read. TOML values are typed, so a port written as a string is an error there;
 * environment variables and options are always text, so the same setting is parsed from text.
 * An empty result means "not a valid value"; the caller reports it together with {@link #expected()}.
 */
public interface ValueType<T> {
    /** What a valid value looks like, completing "must be ...", e.g. "an integer 1-65535". */
    String expected();

    Optional<T> fromToml(JsonNode node);

    Optional<T> fromText(String text);
}
