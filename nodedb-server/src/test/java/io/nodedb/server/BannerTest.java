package io.nodedb.server;

import io.nodedb.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class BannerTest {
    private final ServerConfig config = ServerConfig.defaults(Path.of("/srv/nodedb"));

    @Test
    void namesVersionDataDirAndHowToConnect() {
        String banner = Banner.text("1.2.3", "epoll", config, new InetSocketAddress("127.0.0.1", 6480),
                new InetSocketAddress("127.0.0.1", 6432), null);
        assertThat(banner)
                .startsWith("NodeDB 1.2.3 (Java ")
                .contains("  data     /srv/nodedb/data\n")
                .contains("  pgwire   127.0.0.1:6432    try: psql -h 127.0.0.1 -p 6432 -U nodedb\n")
                .contains("  http     http://127.0.0.1:6480    try: curl http://127.0.0.1:6480/health\n")
                .contains("  auth     trust (any user name, no password)\n")
                .contains("native (6433), sync (9090) come with a later release")
                .doesNotContain("config")
                .endsWith(Banner.READY_LINE + "\n");
    }

    @Test
    void mentionsTheConfigFileAndOptInListenersWhenSet() {
        ServerConfig withFile = new ServerConfig(config.host(),
                new ServerConfig.Ports(6432, 6433, 6480, OptionalInt.of(6381), OptionalInt.empty(), 9090),
                config.dataDir(), config.fsyncPolicy(), config.fsyncInterval(), config.checkpointInterval(),
                config.memoryLimitBytes(), config.auth(), Optional.of(Path.of("/etc/nodedb.toml")));
        String banner = Banner.text("1.2.3", "nio", withFile, new InetSocketAddress("127.0.0.1", 6480),
                new InetSocketAddress("127.0.0.1", 6432), new InetSocketAddress("127.0.0.1", 6381));
        assertThat(banner).contains("  config   /etc/nodedb.toml\n")
                .contains("  resp     127.0.0.1:6381    try: redis-cli -p 6381 PING\n").doesNotContain("ILP");
    }

    @Test
    void wildcardBindsAreReachedOnLoopback() {
        assertThat(Banner.connectHost(new InetSocketAddress("0.0.0.0", 1))).isEqualTo("127.0.0.1");
        assertThat(Banner.connectHost(new InetSocketAddress("::", 1))).isEqualTo("[::1]");
        assertThat(Banner.connectHost(new InetSocketAddress("::1", 1))).isEqualTo("[::1]");
        assertThat(Banner.connectHost(new InetSocketAddress("10.1.2.3", 1))).isEqualTo("10.1.2.3");
        assertThat(Banner.connectHost(new InetSocketAddress("127.0.0.2", 1))).isEqualTo("127.0.0.2");
    }
}
