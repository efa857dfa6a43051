package io.nodedb.server.pgwire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded protocol fuzzing over real sockets: random bytes before startup, random and mutated messages after it
 * (truncated frames, huge and negative lengths, unknown types, junk in the middle of Parse/Bind/Execute). The
 * server must never crash or hang: every connection either answers or is closed within a bounded time, and a
 * fresh, valid connection works after every few rounds. Reproduce a failure with the printed -Dtests.seed.
 */
@Timeout(300)
class PgWireFuzzTest {
    private static final int ROUNDS = Integer.getInteger("tests.fuzz.rounds", 300);
    private static final String[] SQL = {"SELECT 1", "SELECT $1", "SELECT * FROM t WHERE id = $1",
        "INSERT INTO t (id, s) VALUES ($1, $2)", "BEGIN", "COMMIT", "COPY t FROM STDIN", "COPY t TO STDOUT",
        "SELECT '", "((((((((((", "SELECT 1; SELECT 2", ""};

    @TempDir
    Path tmp;

    @Test
    void randomAndMutatedMessagesNeverCrashOrHangTheServer() throws Exception {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        System.out.println("PgWireFuzzTest: reproduce with -Dtests.seed=" + seed);
        Random random = new Random(seed);
        try (PgTestServer server = PgTestServer.trust(tmp)) {
            try (PgRawClient setup = new PgRawClient(server.pgPort(), 5000)) {
                setup.startup("nodedb");
                setup.queryFirstValue("CREATE TABLE t (id INT PRIMARY KEY, s TEXT)");
            }
            for (int round = 0; round < ROUNDS; round++) {
                int scenario = random.nextInt(6);
                try (PgRawClient c = new PgRawClient(server.pgPort(), 2000)) {
                    try {
                        if (scenario > 0) {
                            c.startup("fuzz");
                        }
                        c.send(junk(random, scenario));
                        c.socket.shutdownOutput();
                    } catch (IOException e) {
                        // the server may close first (a FATAL error): that is an allowed outcome
                    }
                    c.drain();
                }
                if (round % 25 == 24) {
                    assertHealthy(server, "after round " + round + " (seed " + seed + ")");
                }
            }
            assertHealthy(server, "at the end (seed " + seed + ")");
        }
    }

    /** The SCRAM exchange of password mode, fed malformed SASL messages, must fail only that connection. */
    @Test
    void junkDuringPasswordAuthenticationClosesOnlyThatConnection() throws Exception {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        System.out.println("PgWireFuzzTest (SASL): reproduce with -Dtests.seed=" + seed);
        Random random = new Random(seed);
        try (PgTestServer server = PgTestServer.password(tmp)) {
            for (int round = 0; round < ROUNDS / 3; round++) {
                try (PgRawClient c = new PgRawClient(server.pgPort(), 2000)) {
                    try {
                        c.send(PgRawClient.startupPacket("nodedb"));
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        switch (random.nextInt(3)) {
                            case 0 -> b.writeBytes(bytes(random, random.nextInt(50)));
                            case 1 -> {
                                // a SASLInitialResponse with a mangled client-first-message or length
                                PgRawClient.cstring(b, random.nextBoolean() ? "SCRAM-SHA-256" : "PLAIN");
                                byte[] first = (random.nextBoolean() ? "n,,n=,r=abc" : "p=x,,r=")
                                        .getBytes(StandardCharsets.UTF_8);
                                PgRawClient.writeInt(b, random.nextBoolean() ? first.length : random.nextInt());
                                b.writeBytes(first);
                            }
                            default -> {
                                // a valid first message, then a garbage final one
                                PgRawClient.cstring(b, "SCRAM-SHA-256");
                                byte[] first = "n,,n=,r=fuzznonce".getBytes(StandardCharsets.UTF_8);
                                PgRawClient.writeInt(b, first.length);
                                b.writeBytes(first);
                                c.send(PgRawClient.message('p', b.toByteArray()));
                                b.reset();
                                b.writeBytes(("c=biws,r=fuzznonce" + (random.nextBoolean() ? "xyz" : "")
                                        + ",p=" + new String(bytes(random, 8), StandardCharsets.ISO_8859_1))
                                        .getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        c.send(PgRawClient.message(random.nextInt(4) == 0 ? 'Q' : 'p', b.toByteArray()));
                        c.socket.shutdownOutput();
                    } catch (IOException e) {
                        // closed by the server first: allowed
                    }
                    c.drain();
                }
            }
            try (java.sql.Connection c = server.connect(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("a valid login works (seed " + seed + ")").isEqualTo(42);
            }
        }
    }

    private static void assertHealthy(PgTestServer server, String when) throws IOException {
        try (PgRawClient c = new PgRawClient(server.pgPort(), 10_000)) {
            c.startup("nodedb");
            assertThat(c.queryFirstValue("SELECT 40 + 2")).as("a valid connection answers " + when).isEqualTo("42");
        }
    }

    private static byte[] junk(Random r, int scenario) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (scenario) {
            case 0 -> {
                // before startup: random bytes, sometimes with a plausible length prefix
                if (r.nextBoolean()) {
                    PgRawClient.writeInt(b, r.nextInt(20) - 4);
                }
                b.writeBytes(bytes(r, r.nextInt(64)));
            }
            case 1 -> {
                // a frame with an arbitrary type and length, and a body that may not match it
                b.write(r.nextInt(256));
                PgRawClient.writeInt(b, switch (r.nextInt(4)) {
                    case 0 -> r.nextInt();
                    case 1 -> Integer.MAX_VALUE;
                    case 2 -> r.nextInt(8);
                    default -> 4 + r.nextInt(64);
                });
                b.writeBytes(bytes(r, r.nextInt(64)));
            }
            case 2 -> {
                // a valid extended-protocol sequence with one message mutated (byte flipped or truncated)
                byte[][] seq = {parse(r), bind(r), PgRawClient.message('D', "P\0".getBytes(StandardCharsets.UTF_8)),
                    PgRawClient.message('E', new byte[] {0, 0, 0, 0, 0}), PgRawClient.message('S', new byte[0])};
                int victim = r.nextInt(seq.length);
                for (int i = 0; i < seq.length; i++) {
                    byte[] m = seq[i];
                    if (i == victim) {
                        m = m.clone();
                        if (r.nextBoolean() && m.length > 1) {
                            m = java.util.Arrays.copyOf(m, 1 + r.nextInt(m.length - 1));
                        } else {
                            m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                        }
                    }
                    b.writeBytes(m);
                }
            }
            case 3 -> {
                // junk in the middle of the extended protocol, then Sync and a valid query
                b.writeBytes(parse(r));
                b.writeBytes(PgRawClient.message((char) "BDECHFpdcf".charAt(r.nextInt(10)), bytes(r, r.nextInt(32))));
                b.writeBytes(PgRawClient.message('S', new byte[0]));
                b.writeBytes(PgRawClient.query("SELECT 1"));
            }
            case 4 -> {
                // COPY with random data, possibly never finished
                b.writeBytes(PgRawClient.query(r.nextBoolean() ? "COPY t FROM STDIN (FORMAT csv)"
                        : "COPY t FROM STDIN (FORMAT ndjson)"));
                for (int i = r.nextInt(4); i > 0; i--) {
                    b.writeBytes(PgRawClient.message('d', bytes(r, r.nextInt(40))));
                }
                if (r.nextBoolean()) {
                    b.writeBytes(PgRawClient.message(r.nextBoolean() ? 'c' : 'Q', new byte[0]));
                }
            }
            default -> {
                // random simple queries, some of them valid
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    b.writeBytes(PgRawClient.query(r.nextBoolean() ? SQL[r.nextInt(SQL.length)]
                            : new String(bytes(r, r.nextInt(40)), StandardCharsets.ISO_8859_1).replace('\0', ' ')));
                }
            }
        }
        return b.toByteArray();
    }

    private static byte[] parse(Random r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PgRawClient.cstring(b, "");
        PgRawClient.cstring(b, SQL[r.nextInt(SQL.length)]);
        b.write(0);
        b.write(0);
        return PgRawClient.message('P', b.toByteArray());
    }

    private static byte[] bind(Random r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PgRawClient.cstring(b, "");
        PgRawClient.cstring(b, "");
        b.write(0);
        b.write(1);
        b.write(0);
        b.write(r.nextInt(2));
        int n = r.nextInt(3);
        b.write(0);
        b.write(n);
        for (int i = 0; i < n; i++) {
            byte[] v = bytes(r, r.nextInt(10));
            PgRawClient.writeInt(b, r.nextInt(5) == 0 ? -1 : v.length);
            b.writeBytes(v);
        }
        b.write(0);
        b.write(0);
        return PgRawClient.message('B', b.toByteArray());
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
