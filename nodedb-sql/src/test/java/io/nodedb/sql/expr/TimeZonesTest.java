package io.nodedb.sql.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.testing.Seeds;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Time zone settings, and timestamp text written and read in a zone. */
@ExtendWith(Seeds.class)
class TimeZonesTest {
    private static final long MICROS = 1_000_000L;
    /** 1800-01-01 to 2200-01-01: old local mean times, today's rules, and rules projected forward. */
    private static final long FROM = LocalDateTime.of(1800, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * MICROS;
    private static final long TO = LocalDateTime.of(2200, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * MICROS;

    private static List<ZoneId> zones() {
        List<ZoneId> zones = new ArrayList<>();
        ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).forEach(zones::add);
        for (String s : List.of("+2", "-3.5", "UTC+2", "+05:45", "INTERVAL '-09:30'")) {
            zones.add(TimeZones.setting(s).zone());
        }
        return zones;
    }

    private static long instant(SplittableRandom random) {
        long micros = random.nextLong(FROM, TO);
        // Whole seconds half the time, so that text without a fraction is covered as much as text with one.
        return random.nextBoolean() ? Math.floorDiv(micros, MICROS) * MICROS : micros;
    }

    @Test
    void textWithItsOffsetReadsBackAsTheSameInstantInAnyZone(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        List<ZoneId> zones = zones();
        for (int i = 0; i < 20_000; i++) {
            long micros = instant(random);
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            ZoneId reader = zones.get(random.nextInt(zones.size()));
            String text = TimeZones.format(micros, zone);
            assertThat(TimeZones.parse(text, zone)).as("%s in %s", text, zone).isEqualTo(micros);
            assertThat(TimeZones.parse(text, reader)).as("%s read in %s", text, reader).isEqualTo(micros);
        }
    }

    /**
     * Wall-clock text (AT TIME ZONE's, to_char's) read back in its zone is the same instant, except in an hour the
     * zone repeats: there the text names both, and reading takes the later one, as PostgreSQL does.
     */
    @Test
    void wallClockTextReadsBackExceptForTheEarlierOfARepeatedHour(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        List<ZoneId> zones = zones();
        int repeated = 0;
        for (int i = 0; i < 20_000; i++) {
            long micros = instant(random);
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            String text = TimeZones.wallClock(micros, zone);
            long read = TimeZones.parse(text, zone);
            if (read == micros) {
                continue;
            }
            LocalDateTime local = TimeZones.local(micros, zone);
            ZoneOffsetTransition t = zone.getRules().getTransition(local);
            assertThat(t).as("%s in %s read as %s", text, zone, read).isNotNull();
            assertThat(t.isOverlap()).as("%s in %s", text, zone).isTrue();
            assertThat(read - micros).isEqualTo(t.getDuration().abs().toSeconds() * MICROS);
            repeated++;
        }
        assertThat(repeated).isLessThan(200);
    }

    @Test
    void skippedWallClockTimesTakeTheOffsetBeforeTheJump() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        long read = TimeZones.parse("2024-03-31 02:30", berlin);
        assertThat(Instant.ofEpochSecond(read / MICROS)).isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
        assertThat(TimeZones.format(read, berlin)).isEqualTo("2024-03-31 03:30:00+02");
    }

    /** Outputs PostgreSQL 15 gives for the same input in Europe/Berlin: local mean time before 1893, and BC. */
    @Test
    void oldAndBcTimestampsAsPostgresWritesThem() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(TimeZones.format(TimeZones.parse("1890-01-01 12:00", berlin), berlin))
                .isEqualTo("1890-01-01 12:00:00+00:53:28");
        assertThat(TimeZones.format(TimeZones.parse("0044-03-15 12:00 BC", berlin), berlin))
                .isEqualTo("0044-03-15 12:00:00+00:53:28 BC");
        assertThat(TimeZones.format(TimeZones.parse("2024-03-01 12:00:00.5+05:30", berlin), berlin))
                .isEqualTo("2024-03-01 07:30:00.5+01");
    }

    @Test
    void settingsReadNumbersAsHoursEastAndPosixOffsetsAsHoursWest() {
        assertThat(TimeZones.setting("2").zone()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(TimeZones.setting("2").display()).isEqualTo("<+02>-02");
        assertThat(TimeZones.setting("-3.5").display()).isEqualTo("<-03:30>+03:30");
        assertThat(TimeZones.setting("UTC+2").zone()).isEqualTo(ZoneOffset.ofHours(-2));
        assertThat(TimeZones.setting("+02:00").zone()).isEqualTo(ZoneOffset.ofHours(-2));
        assertThat(TimeZones.setting("<+02>-02").zone()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(TimeZones.setting("INTERVAL '+05:30'").zone()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(TimeZones.setting("america/new_york").display()).isEqualTo("America/New_York");
        assertThat(TimeZones.named("+2")).isEqualTo(ZoneOffset.ofHours(-2));
        assertThatThrownBy(() -> TimeZones.setting("Mars/Base")).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"TimeZone\": \"Mars/Base\""));
        assertThatThrownBy(() -> TimeZones.setting("99")).isInstanceOf(NodeDbException.class);
        assertThatThrownBy(() -> TimeZones.setting("CET-1CEST,M3.5.0,M10.5.0/3")).isInstanceOf(
                NodeDbException.class);
    }
}
