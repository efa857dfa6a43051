package io.nodedb.server.pgwire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session time zone over pgwire with pgjdbc: the TimeZone of the startup packet (pgjdbc sends the JVM's default
 * zone) becomes the session's, ParameterStatus reports it and every change, and timestamps keep their instant in
 * text and binary transfer whatever the JVM's and the session's zones are.
 */
class PgTimeZoneJdbcTest {
    private static final TimeZone JVM_ZONE = TimeZone.getDefault();

    @TempDir
    Path tmp;

    @AfterEach
    void restoreJvmZone() {
        TimeZone.setDefault(JVM_ZONE);
    }

    private static String show(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW timezone")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String reported(Connection c) throws Exception {
        return c.unwrap(PGConnection.class).getParameterStatus("TimeZone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void startupZoneIsTheSessionsAndChangesAreReported(String mode) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect("extended",
                mode.equals("binary"))) {
            assertThat(reported(c)).isEqualTo("Europe/Berlin");
            assertThat(show(c)).isEqualTo("Europe/Berlin");
            try (Statement st = c.createStatement()) {
                st.execute("SET TIME ZONE 'asia/tokyo'");
                assertThat(reported(c)).isEqualTo("Asia/Tokyo");
                st.execute("SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE");
                assertThat(reported(c)).isEqualTo("<+05:30>-05:30");
                // RESET returns to what the client asked for on connect, as in PostgreSQL
                st.execute("RESET timezone");
                assertThat(reported(c)).isEqualTo("Europe/Berlin");
                st.execute("SET TIME ZONE 'America/New_York'");
                try (ResultSet rs = st.executeQuery("SELECT TIMESTAMP '2024-07-01 12:00', "
                        + "TIMESTAMP '2024-07-01 12:00'::text")) {
                    rs.next();
                    Instant noon = Instant.parse("2024-07-01T16:00:00Z");
                    assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(noon);
                    assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(noon);
                    assertThat(rs.getString(2)).isEqualTo("2024-07-01 12:00:00-04");
                    if (mode.equals("text")) {
                        assertThat(rs.getString(1)).isEqualTo("2024-07-01 12:00:00-04");
                    }
                }
            }
            // pgjdbc sends a LocalDateTime as a timestamp without time zone: wall-clock time in the session zone
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::timestamp::text")) {
                for (int run = 0; run < 2; run++) {
                    ps.setObject(1, LocalDateTime.of(2024, 7, 1, 12, 0));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getString(1)).isEqualTo("2024-07-01 12:00:00-04");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void timestampsRoundTripWhateverTheZones(String mode) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("America/Sao_Paulo"));
        Instant[] instants = {Instant.parse("2024-03-31T00:30:00Z"), Instant.parse("2024-10-27T00:30:00Z"),
            Instant.parse("2024-10-27T01:30:00Z"), Instant.parse("1969-07-20T20:17:40.123456Z"),
            Instant.parse("1890-01-01T12:00:00Z")};
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect("extended",
                mode.equals("binary"))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE COLLECTION stamps STRICT (id INT PRIMARY KEY, at TIMESTAMP, also TIMESTAMP)");
                st.execute("SET TIME ZONE 'Europe/Berlin'");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stamps VALUES (?, ?, ?)")) {
                for (int i = 0; i < instants.length; i++) {
                    ps.setInt(1, i);
                    ps.setObject(2, instants[i].atOffset(ZoneOffset.ofHours(-7)));
                    ps.setTimestamp(3, Timestamp.from(instants[i]));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, at, also FROM stamps WHERE at >= ? ORDER BY id")) {
                for (int run = 0; run < 2; run++) { // the second run is server-prepared, binary in binary mode
                    ps.setObject(1, Instant.parse("1800-01-01T00:00:00Z").atOffset(ZoneOffset.UTC));
                    try (ResultSet rs = ps.executeQuery()) {
                        for (Instant expected : instants) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(expected);
                            assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(expected);
                            assertThat(rs.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(expected);
                        }
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    /** libpq sends PGTZ as a lowercase "timezone" startup parameter; a zone the server cannot read is FATAL 22023. */
    @Test
    void libpqStartupTimeZoneAndAnInvalidOne() throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp)) {
            try (PgRawClient client = new PgRawClient(server.pgPort(), 10_000)) {
                client.send(PgRawClient.startupPacket("nodedb", "timezone", "Asia/Kolkata"));
                List<String> reported = new ArrayList<>();
                for (PgRawClient.Message m : client.readUntilReady()) {
                    String[] fields = new String(m.body(), StandardCharsets.UTF_8).split("\0");
                    if (m.type() == 'S' && fields[0].equals("TimeZone")) {
                        reported.add(fields[1]);
                    }
                }
                assertThat(reported).containsExactly("Asia/Kolkata");
                assertThat(client.queryFirstValue("SELECT TIMESTAMP '2024-03-01 12:00Z'::text"))
                        .isEqualTo("2024-03-01 17:30:00+05:30");
            }
            try (PgRawClient client = new PgRawClient(server.pgPort(), 10_000)) {
                client.send(PgRawClient.startupPacket("nodedb", "TimeZone", "Mars/Base"));
                PgRawClient.Message m = client.read();
                String error = new String(m.body(), StandardCharsets.UTF_8);
                assertThat(m.type()).isEqualTo('E');
                assertThat(error).contains("SFATAL", "C22023",
                        "invalid value for parameter \"TimeZone\": \"Mars/Base\"");
                assertThat(client.drain()).isTrue();
            }
        }
    }

    /** A JVM zone such as GMT+05:00 reaches the server in POSIX form (GMT-05:00), which means the same offset. */
    @Test
    void posixStartupZoneFromAnOffsetJvmZone() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("GMT+05:00"));
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT TIMESTAMP '2024-03-01 12:00:00Z'::text")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2024-03-01 17:00:00+05");
        }
    }
}
