package io.nodedb.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks' server must start as {@code bin/nodedb} starts it, or they measure another configuration. */
class NodeDbProcessTest {
    @Test
    void theServersDefaultJvmOptionsAreThoseOfBinNodedb() throws Exception {
        String launcher = Files.readString(Path.of("..", "bin", "nodedb"));
        String flagLines = launcher.lines().filter(l -> l.strip().startsWith("flags"))
                .reduce("", (a, b) -> a + b + "\n");

        assertThat(flagLines).as("bin/nodedb's flags").isNotBlank();
        for (String option : NodeDbProcess.serverDefaultOptions()) {
            assertThat(flagLines).as("bin/nodedb's flags").contains(option);
        }
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            assertThat(NodeDbProcess.serverDefaultOptions()).contains("-XX:+UseTransparentHugePages");
        }
    }
}
