package io.nodedb.server.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0", "123, 123", "10B, 10", "1k, 1024", "1K, 1024", "1KiB, 1024", "1KB, 1000",
            "512MiB, 536870912", "512 MiB, 536870912", "1m, 1048576", "1MB, 1000000",
            "1GiB, 1073741824", "1gib, 1073741824", "1G, 1073741824", "1GB, 1000000000", "1.5GiB, 1610612736",
            "2TiB, 2199023255552", "1TB, 1000000000000", "' 4GiB ', 4294967296"})
    void parses(String text, long bytes) {
        assertThat(ByteSize.parse(text)).hasValue(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GiB", "-1", "1XB", "1 2", "1.GiB", "one", "1e9", "99999999TiB", "0x10"})
    void rejects(String text) {
        assertThat(ByteSize.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1073741824, 1GiB", "1610612736, 1536MiB", "1048576, 1MiB", "1000, 1000B", "0, 0B"})
    void formats(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }
}
