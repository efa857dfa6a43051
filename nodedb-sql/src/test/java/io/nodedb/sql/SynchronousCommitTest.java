package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.metrics.PrometheusWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code SET synchronous_commit = off}: commits stop waiting for an fsync each, and nothing acknowledged is lost. */
class SynchronousCommitTest {
    private static final Pattern FSYNCS = Pattern.compile("(?m)^nodedb_wal_fsyncs_total (\\d+)");

    @TempDir
    Path tmp;

    private static long fsyncs(Database db) {
        StringBuilder text = new StringBuilder();
        db.writeMetrics(new PrometheusWriter(text));
        Matcher m = FSYNCS.matcher(text);
        assertThat(m.find()).as("fsync counter in %s", text).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void commitsWithoutSynchronousCommitShareFsyncsAndSurviveARestart() {
        int commits = 200;
        try (Database db = Database.open(DatabaseOptions.onDisk(tmp))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            PreparedStatement insert = s.prepare("INSERT INTO t VALUES ($1, 'x')");
            long before = fsyncs(db);
            for (int i = 0; i < commits; i++) {
                insert.execute(io.nodedb.core.value.Value.of((long) i));
            }
            long synchronous = fsyncs(db) - before;
            s.execute("SET synchronous_commit = off");
            before = fsyncs(db);
            for (int i = commits; i < 2 * commits; i++) {
                insert.execute(io.nodedb.core.value.Value.of((long) i));
            }
            long asynchronous = fsyncs(db) - before;
            assertThat(synchronous).isGreaterThanOrEqualTo(commits);
            // forced by the fsync interval timer (10 ms) instead of once per commit
            assertThat(asynchronous).isLessThan(commits / 2);
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(tmp))) {
            Session s = new SqlEngine(db).newSession();
            assertThat(s.execute("SELECT count(*) FROM t").getLast().rows().getFirst()[0])
                    .isEqualTo(io.nodedb.core.value.Value.of((long) 2 * commits));
        }
    }
}
