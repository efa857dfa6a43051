package io.nodedb.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodedb.core.wal.FsyncPolicy;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** The value types settings use. */
final class ValueTypes {
    private ValueTypes() {
    }

    static ValueType<Integer> port() {
        return integer(1, 65_535);
    }

    static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>() {
            @Override
            public String expected() {
                return max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer " + min + "-" + max;
            }

            @Override
            public Optional<Integer> fromToml(JsonNode node) {
                return node.isIntegralNumber() && node.canConvertToLong() ? inRange(node.longValue()) : Optional.empty();
            }

            @Override
            public Optional<Integer> fromText(String text) {
                try {
                    return inRange(Long.parseLong(text.strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }

            private Optional<Integer> inRange(long v) {
                return v >= min && v <= max ? Optional.of((int) v) : Optional.empty();
            }
        };
    }

    /** A non-empty string without whitespace: host names, addresses and paths as users type them. */
    static ValueType<String> word(String expected) {
        return fromString(expected, s -> s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)
                ? Optional.empty() : Optional.of(s));
    }

    /** A non-empty string; paths may contain spaces. */
    static ValueType<String> path() {
        return fromString("a non-empty path", s -> s.isBlank() ? Optional.empty() : Optional.of(s));
    }

    /** {@code password} is true, {@code trust} false. */
    static ValueType<Boolean> authMode() {
        return fromString("one of trust, password", s -> switch (s) {
            case "trust" -> Optional.of(false);
            case "password" -> Optional.of(true);
            default -> Optional.empty();
        });
    }

    static ValueType<FsyncPolicy> fsyncPolicy() {
        return fromString("one of per_commit, interval, off", s -> {
            try {
                return Optional.of(FsyncPolicy.parse(s));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** A size in bytes of at least {@code min}: an integer byte count or text such as "512MiB". */
    static ValueType<Long> size(long min) {
        return new ValueType<>() {
            @Override
            public String expected() {
                return "a size of at least " + ByteSize.format(min) + " such as \"512MiB\" or \"1GiB\", or a number of bytes";
            }

            @Override
            public Optional<Long> fromToml(JsonNode node) {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return atLeastMin(OptionalLong.of(node.longValue()));
                }
                return node.isTextual() ? fromText(node.textValue()) : Optional.empty();
            }

            @Override
            public Optional<Long> fromText(String text) {
                return atLeastMin(ByteSize.parse(text));
            }

            private Optional<Long> atLeastMin(OptionalLong bytes) {
                return bytes.isPresent() && bytes.getAsLong() >= min ? Optional.of(bytes.getAsLong()) : Optional.empty();
            }
        };
    }

    private static <T> ValueType<T> fromString(String expected, Function<String, Optional<T>> parse) {
        return new ValueType<>() {
            @Override
            public String expected() {
                return expected;
            }

            @Override
            public Optional<T> fromToml(JsonNode node) {
                return node.isTextual() ? parse.apply(node.textValue()) : Optional.empty();
            }

            @Override
            public Optional<T> fromText(String text) {
                return parse.apply(text.strip());
            }
        };
    }
}
