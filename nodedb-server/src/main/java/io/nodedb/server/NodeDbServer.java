package io.nodedb.server;

import io.nodedb.core.catalog.UserDef;
import io.nodedb.core.db.Database;
import io.nodedb.core.storage.DataDirectory;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.server.config.CommandLine;
import io.nodedb.server.config.ConfigException;
import io.nodedb.server.config.ConfigLoader;
import io.nodedb.server.config.ServerConfig;
import io.nodedb.server.config.Usage;
import io.nodedb.server.http.HealthEndpoints;
import io.nodedb.server.http.HttpListener;
import io.nodedb.server.http.HttpRequestMetrics;
import io.nodedb.server.http.MetricsEndpoint;
import io.nodedb.server.http.MetricsSource;
import io.nodedb.server.http.QueryEndpoint;
import io.nodedb.server.http.Router;
import io.nodedb.server.net.ListenException;
import io.nodedb.server.net.Transport;
import io.nodedb.server.pgwire.PgAuthenticator;
import io.nodedb.server.pgwire.PgListener;
import io.nodedb.server.resp.RespListener;
import io.nodedb.server.pgwire.ScramSha256;
import io.nodedb.sql.SqlEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The Origin server process: configuration, the database and the listeners, started in that order and
 * stopped in reverse.
 *
 * <p>Exit codes: 0 after a clean stop (including SIGTERM and SIGINT), 1 when the database or a listener cannot
 * start (a locked data directory, a port in use), 2 for a bad configuration or data directory.
 */
public final class NodeDbServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDbServer.class);
    /**
     * Event loops shared by every listener: one per core (at least two), since quick reads and short writes run on
     * them (docs/architecture.md) and each loop uses at most one core.
     */
    private static final int IO_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final ServerConfig config;
    private final Database database;
    private final Transport transport;
    private final HttpListener http;
    private final PgListener pgwire;
    private final RespListener resp;
    private final long startedNanos;
    private final SqlEngine sql;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeDbServer(ServerConfig config, Database database, Transport transport, HttpListener http,
                         PgListener pgwire, RespListener resp, long startedNanos, SqlEngine sql) {
        this.config = config;
        this.database = database;
        this.transport = transport;
        this.http = http;
        this.pgwire = pgwire;
        this.resp = resp;
        this.startedNanos = startedNanos;
        this.sql = sql;
    }

    /**
     * @throws ConfigException  the data directory is unusable
     * @throws NodeDbException  the database cannot open, e.g. another process holds the directory
     * @throws ListenException  a listener cannot bind
     */
    public static NodeDbServer start(ServerConfig config) throws ConfigException, ListenException {
        long started = System.nanoTime();
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty samples buffers for leak reports unless told otherwise, and its pipeline then tags every message
            // it passes along; -Dio.netty.leakDetection.level=paranoid turns the reports back on for a hunt.
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        try {
            DataDirectory.prepare(config.dataDir());
        } catch (NodeDbException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Database database = Database.open(config.databaseOptions());
        Transport transport = null;
        PgListener pgwire = null;
        RespListener resp = null;
        try {
            transport = Transport.start(IO_THREADS);
            SqlEngine sql = new SqlEngine(database);
            PgAuthenticator authenticator = authenticator(config.auth(), database);
            Predicate<String> superuser = user -> authenticator.isTrust() || isSuperuser(config.auth(), database, user);
            pgwire = PgListener.start(transport, config.host(), config.ports().pgwire(),
                    user -> PgListener.sqlSession(sql, user, superuser.test(user)), authenticator, Version.current());
            LOG.info("pgwire listening on {}", pgwire.address());
            HttpRequestMetrics requests = new HttpRequestMetrics();
            Router router = new Router();
            HealthEndpoints.register(router, database::isReady);
            // HTTP accepts the same users as pgwire: none checked in trust mode, Basic against the verifier else
            QueryEndpoint.register(router, sql, authenticator.isTrust() ? null : authenticator::checkPassword,
                    config.auth().superuser(), superuser);
            if (config.ports().resp().isPresent()) {
                // Redis clients send AUTH password (user "default") or AUTH user password; "default" is the superuser.
                Predicate<String[]> respAuth = authenticator.isTrust() ? null : up -> authenticator.checkPassword(
                        up[0].equals("default") ? config.auth().superuser() : up[0], up[1]);
                resp = RespListener.start(transport, config.host(), config.ports().resp().getAsInt(), database,
                        respAuth);
                LOG.info("RESP listening on {}", resp.address());
            }
            List<MetricsSource> metrics = new java.util.ArrayList<>();
            metrics.add(database::writeMetrics);
            metrics.add(pgwire::writeMetrics);
            metrics.add(requests);
            metrics.add(out -> out.gauge("nodedb_sql_open_streams", "Query results being streamed that hold a "
                    + "cursor over a snapshot (pgwire portals, HTTP /query/stream bodies)", sql.openStreams()));
            metrics.add(out -> processMetrics(out, started));
            if (resp != null) {
                metrics.add(resp::writeMetrics);
            }
            MetricsEndpoint.register(router, metrics);
            HttpListener http = HttpListener.start(transport, config.host(), config.ports().http(), router, requests);
            LOG.info("HTTP listening on {} ({})", http.address(), transport.name());
            return new NodeDbServer(config, database, transport, http, pgwire, resp, started, sql);
        } catch (ListenException | RuntimeException e) {
            if (resp != null) {
                resp.close();
            }
            if (pgwire != null) {
                pgwire.close();
            }
            if (transport != null) {
                transport.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Password mode knows the configured superuser and every account of the catalog (CREATE USER), looked up at
     * each login so that accounts made or dropped while the server runs count from the next connection.
     */
    private static PgAuthenticator authenticator(ServerConfig.Auth auth, Database database) {
        if (!auth.password()) {
            return PgAuthenticator.trust();
        }
        PgAuthenticator a = PgAuthenticator.password();
        a.putUser(auth.superuser(), ScramSha256.verifier(auth.superuserPassword().orElseThrow()));
        return a.withDirectory(name -> {
            UserDef user = database.catalog().findUser(name);
            return user == null ? null : ScramSha256.Verifier.parse(user.verifier());
        });
    }

    private static boolean isSuperuser(ServerConfig.Auth auth, Database database, String name) {
        if (name.equals(auth.superuser())) {
            return true;
        }
        UserDef user = database.catalog().findUser(name);
        return user != null && user.superuser();
    }

    private static void processMetrics(PrometheusWriter out, long startedNanos) {
        out.gauge("nodedb_uptime_seconds", "Seconds since the server started", (System.nanoTime() - startedNanos) / 1e9);
        out.header("nodedb_build_info", "gauge", "Always 1; the label carries the server version");
        out.sample("nodedb_build_info", "version", Version.current(), 1);
    }

    public ServerConfig config() {
        return config;
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public InetSocketAddress pgwireAddress() {
        return pgwire.address();
    }

    public String banner() {
        return Banner.text(Version.current(), transport.name(), config, http.address(), pgwire.address(),
                resp == null ? null : resp.address());
    }

    /** Stops accepting, lets in-flight requests finish, then closes the database. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            if (resp != null) {
                resp.close();
            }
            pgwire.close();
            http.close();
            transport.close();
            awaitStreamsReleased();
        } finally {
            database.close();
        }
        LOG.info("stopped in {} ms (up {} s)", (System.nanoTime() - t0) / 1_000_000,
                (System.nanoTime() - startedNanos) / 1_000_000_000);
    }

    /**
     * A connection closed above releases its streams on its own thread shortly after; their storage iterators and
     * snapshots must be gone before the database closes under them.
     */
    private void awaitStreamsReleased() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sql.openStreams() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (sql.openStreams() > 0) {
            LOG.warn("closing the database with {} query stream(s) still open", sql.openStreams());
        }
    }

    public static void main(String[] args) {
        int exit = run(args);
        if (exit >= 0) {
            System.exit(exit);
        }
        // Otherwise the server runs on its own threads until a signal reaches the shutdown hook.
    }

    /** Starts the server and returns -1, or returns the exit code when there is nothing to run or it failed. */
    private static int run(String[] args) {
        ServerConfig config;
        try {
            CommandLine commandLine = CommandLine.parse(Arrays.asList(args));
            if (commandLine.help()) {
                Terminal.out(Usage.text());
                return 0;
            }
            if (commandLine.version()) {
                Terminal.out("nodedb " + Version.current());
                return 0;
            }
            config = ConfigLoader.load(commandLine, System.getenv(), Path.of("").toAbsolutePath(), LOG::warn);
        } catch (ConfigException e) {
            Terminal.error(e.getMessage());
            return 2;
        }
        NodeDbServer server;
        try {
            server = start(config);
        } catch (ConfigException e) {
            Terminal.error(e.getMessage());
            return 2;
        } catch (NodeDbException | ListenException e) {
            Terminal.error(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LOG.error("failed to start", e);
            Terminal.error("failed to start: " + e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndExit(server), "nodedb-shutdown"));
        Terminal.out(server.banner());
        return -1;
    }

    /**
     * Runs in the shutdown hook. A signal-initiated JVM exit reports 128+signal; a clean stop is a success for
     * supervisors and scripts, so the hook ends the process itself with 0 once everything is closed.
     */
    private static void stopAndExit(NodeDbServer server) {
        LOG.info("shutting down");
        int status = 0;
        try {
            server.close();
        } catch (RuntimeException | Error e) {
            LOG.error("error while shutting down", e);
            status = 1;
        }
        Runtime.getRuntime().halt(status);
    }
}
