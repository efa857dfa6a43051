package io.nodedb.sql;

import io.nodedb.core.catalog.PasswordVerifier;
import io.nodedb.core.catalog.UserDef;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CREATE / ALTER / DROP USER: verifiers only, persisted through the log, superusers only. */
class UserAccountsTest {

    /** RFC 7677's example exchange: a verifier made from "pencil" must validate its proof and sign like the RFC. */
    @Test
    void verifierMatchesTheRfc7677Exchange() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        PasswordVerifier v = PasswordVerifier.derive("pencil", salt, 4096);
        String auth = "n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] authBytes = auth.getBytes(StandardCharsets.US_ASCII);
        byte[] serverSignature = PasswordVerifier.hmac(v.serverKey(), authBytes);
        assertThat(Base64.getEncoder().encodeToString(serverSignature))
                .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] clientSignature = PasswordVerifier.hmac(v.storedKey(), authBytes);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        assertThat(PasswordVerifier.sha256(clientKey)).isEqualTo(v.storedKey());

        PasswordVerifier parsed = PasswordVerifier.parse(v.encode());
        assertThat(parsed.encode()).isEqualTo(v.encode()).startsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$");
        assertThat(parsed.matches("pencil")).isTrue();
        assertThat(parsed.matches("Pencil")).isFalse();
        assertThatThrownBy(() -> PasswordVerifier.parse("md5abc")).isInstanceOf(NodeDbException.class);
    }

    @Test
    void usersSurviveReopenAndTheLogNeverHoldsThePassword(@TempDir Path dir) throws IOException {
        String password = "correct-horse-battery-staple-" + System.nanoTime();
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE USER alice WITH PASSWORD '" + password + "' ROLE superuser;"
                    + "CREATE USER bob WITH PASSWORD 'b0b';"
                    + "ALTER USER bob WITH ROLE read_only;"
                    + "CREATE USER carol WITH PASSWORD 'c';"
                    + "DROP USER carol");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as("file %s", f).doesNotContain(password);
            }
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            UserDef alice = db.catalog().findUser("alice");
            assertThat(alice.superuser()).isTrue();
            assertThat(alice.scram().matches(password)).isTrue();
            assertThat(db.catalog().findUser("bob").role()).isEqualTo("read_only");
            assertThat(db.catalog().findUser("bob").superuser()).isFalse();
            assertThat(db.catalog().findUser("carol")).isNull();
            assertThat(db.catalog().users()).extracting(UserDef::name).containsExactly("alice", "bob");
        }
    }

    @Test
    void onlySuperusersManageUsers() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            engine.newSession().execute("CREATE USER bob WITH PASSWORD 'x'");
            Session bob = engine.newSession("bob", false);
            for (String sql : new String[] {"CREATE USER eve WITH PASSWORD 'x'", "ALTER USER bob WITH ROLE superuser",
                    "DROP USER bob"}) {
                assertThatThrownBy(() -> bob.execute(sql)).isInstanceOfSatisfying(NodeDbException.class,
                        e -> assertThat(e.state().code()).isEqualTo("42501"));
            }
            assertThat(bob.execute("SELECT rolname FROM pg_roles ORDER BY 1").getFirst().rows()).hasSize(2);
            // pg_authid hides verifiers from non-superusers
            assertThat(bob.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'bob'").getFirst().rows()
                    .getFirst()[0].isNull()).isTrue();
            Session admin = engine.newSession("root", true);
            admin.execute("ALTER USER bob WITH PASSWORD 'y' ROLE superuser");
            assertThat(db.catalog().findUser("bob").scram().matches("y")).isTrue();
            assertThat(db.catalog().findUser("bob").superuser()).isTrue();
        }
    }
}
