package io.nodedb.server;

import io.nodedb.server.config.ServerConfig;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text printed on stdout once every listener is up; scripts and tests wait for its last line. */
final class Banner {
    static final String READY_LINE = "NodeDB is ready. Stop it with Ctrl-C or SIGTERM.";

    private Banner() {
    }

    /** {@code resp} is null when the RESP listener is off. */
    static String text(String version, String transport, ServerConfig config, InetSocketAddress http,
            InetSocketAddress pgwire, InetSocketAddress resp) {
        StringBuilder out = new StringBuilder();
        out.append("NodeDB ").append(version).append(" (Java ").append(Runtime.version().feature())
                .append(", ").append(transport).append(")\n");
        line(out, "data", config.dataDir().toString());
        config.configFile().ifPresent(file -> line(out, "config", file.toString()));
        String url = "http://" + connectHost(http) + ":" + http.getPort();
        line(out, "pgwire", connectHost(pgwire) + ":" + pgwire.getPort() + "    try: psql -h " + connectHost(pgwire)
                + " -p " + pgwire.getPort() + " -U " + config.auth().superuser());
        line(out, "http", url + "    try: curl " + url + "/health");
        if (resp != null) {
            line(out, "resp", connectHost(resp) + ":" + resp.getPort() + "    try: redis-cli -p " + resp.getPort()
                    + " PING");
        }
        line(out, "auth", config.auth().password() ? "password (SCRAM-SHA-256)" : "trust (any user name, no password)");
        line(out, "later", String.join(", ", notYetServed(config)) + " come with a later release");
        return out.append(READY_LINE).append('\n').toString();
    }

    /** Configured listeners the server does not run yet; said once so nobody waits on a port that will not open. */
    private static List<String> notYetServed(ServerConfig config) {
        ServerConfig.Ports p = config.ports();
        List<String> later = new ArrayList<>(List.of(
                "native (" + p.nativeProtocol() + ")", "sync (" + p.sync() + ")"));
        p.ilp().ifPresent(port -> later.add("ILP (" + port + ")"));
        return later;
    }

    /** Where a client on this machine connects: a wildcard bind is reached on loopback. */
    static String connectHost(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address.getHostString();
        }
        if (ip.isAnyLocalAddress() || ip.isLoopbackAddress()) {
            return ip instanceof Inet6Address ? "[::1]" : ip.isAnyLocalAddress() ? "127.0.0.1" : ip.getHostAddress();
        }
        return ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-8s %s%n", label, value));
    }
}
