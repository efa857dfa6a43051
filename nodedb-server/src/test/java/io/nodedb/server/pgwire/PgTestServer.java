package io.nodedb.server.pgwire;

import io.nodedb.server.NodeDbServer;
import io.nodedb.server.config.ServerConfig;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/** A real server on free ports over a data directory in a test's temp dir, and pgjdbc connections to it. */
public final class PgTestServer implements AutoCloseable {
    public static final String PASSWORD = "s3cret-pw";

    public final NodeDbServer server;

    private PgTestServer(NodeDbServer server) {
        this.server = server;
    }

    /** Trust mode: any user, no password. */
    public static PgTestServer trust(Path tmp) throws Exception {
        return start(tmp, ServerConfig.Auth.DEFAULTS);
    }

    /** Password mode: user "nodedb" with {@link #PASSWORD}. */
    public static PgTestServer password(Path tmp) throws Exception {
        return start(tmp, new ServerConfig.Auth(true, "nodedb", Optional.of(PASSWORD)));
    }

    private static PgTestServer start(Path tmp, ServerConfig.Auth auth) throws Exception {
        ServerConfig d = ServerConfig.defaults(tmp);
        return new PgTestServer(NodeDbServer.start(new ServerConfig("127.0.0.1",
                new ServerConfig.Ports(freePort(), 6433, freePort(), OptionalInt.empty(), OptionalInt.empty(), 9090),
                tmp.resolve("data"), d.fsyncPolicy(), d.fsyncInterval(), d.checkpointInterval(), 64L << 20, auth,
                Optional.empty())));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int pgPort() {
        return server.pgwireAddress().getPort();
    }

    public int httpPort() {
        return server.httpAddress().getPort();
    }

    /** @param mode pgjdbc's preferQueryMode: extended, simple, extendedForPrepared */
    public Connection connect(String mode, boolean binary) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "nodedb");
        p.setProperty("password", PASSWORD);
        p.setProperty("preferQueryMode", mode);
        p.setProperty("prepareThreshold", binary ? "-1" : "0");
        if (binary) {
            p.setProperty("binaryTransfer", "true");
        } else {
            p.setProperty("binaryTransfer", "false");
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort() + "/nodedb", p);
    }

    public Connection connect() throws SQLException {
        return connect("extended", false);
    }

    /** A query's rows as text: columns joined by '|', one line per row. */
    public static String rowsAsText(Connection c, String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** A metric's value as /metrics serves it now; fails when the metric is missing. */
    public double metric(String name) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + httpPort() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                    + " (\\S+)$").matcher(body);
            if (!m.find()) {
                throw new AssertionError(name + " is not on /metrics");
            }
            return Double.parseDouble(m.group(1));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
