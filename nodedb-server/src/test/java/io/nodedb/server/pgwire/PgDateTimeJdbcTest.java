package io.nodedb.server.pgwire;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PGInterval;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** DATE, TIME and INTERVAL through pgjdbc: typed parameters in, typed values out, in text and binary transfer. */
class PgDateTimeJdbcTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"text", "binary"})
    void dateTimeAndIntervalRoundTripThroughTheDriver(String mode) throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect("extended",
                mode.equals("binary"))) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE COLLECTION visits STRICT (id INT PRIMARY KEY, day DATE, at TIME, stay INTERVAL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visits VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 2; i++) { // twice: the second execution is server-prepared (binary) in pgjdbc
                    ps.setInt(1, i);
                    ps.setObject(2, LocalDate.of(1969, 7, 20 + i));
                    ps.setObject(3, LocalTime.of(20, 17, 40, 500_000_000));
                    ps.setObject(4, new PGInterval(0, 1, 2, 3, 4, 5.25));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT day, at, stay, day - ?, stay * 2 FROM visits WHERE day > ? ORDER BY id")) {
                for (int run = 0; run < 2; run++) {
                    ps.setObject(1, LocalDate.of(1969, 7, 1));
                    ps.setObject(2, LocalDate.of(1969, 7, 20));
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        assertThat(md.getColumnType(1)).isEqualTo(Types.DATE);
                        assertThat(md.getColumnType(2)).isEqualTo(Types.TIME);
                        assertThat(md.getColumnTypeName(3)).isEqualTo("interval");
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(1969, 7, 21));
                        assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(20, 17, 40, 500_000_000));
                        assertThat(rs.getObject(3)).isEqualTo(new PGInterval(0, 1, 2, 3, 4, 5.25));
                        assertThat(rs.getString(3)).isEqualTo("1 mon 2 days 03:04:05.25");
                        assertThat(rs.getLong(4)).isEqualTo(20);
                        assertThat(rs.getObject(5)).isEqualTo(new PGInterval(0, 2, 4, 6, 8, 10.5));
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(1969, 7, 22));
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }
}
