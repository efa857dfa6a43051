package io.nodedb.server.pgwire;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramSha256Test {
    // RFC 7677 section 3 test vector
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    @Test
    void rfc7677TestVector() {
        ScramSha256.Verifier v = ScramSha256.verifier("pencil", SALT, 4096);
        ScramSha256.Exchange x = new ScramSha256.Exchange(v, SERVER_NONCE);
        assertThat(x.clientFirst(CLIENT_FIRST))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(x.clientFinal(CLIENT_FINAL)).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void wrongPasswordIsRejected() {
        ScramSha256.Exchange x = new ScramSha256.Exchange(ScramSha256.verifier("not pencil", SALT, 4096), SERVER_NONCE);
        x.clientFirst(CLIENT_FIRST);
        assertThatThrownBy(() -> x.clientFinal(CLIENT_FINAL)).hasMessageContaining("password authentication failed");
    }

    @Test
    void malformedMessagesAreRejectedNotCrashed() {
        ScramSha256.Exchange x = new ScramSha256.Exchange(ScramSha256.verifier("pencil"));
        assertThatThrownBy(() -> x.clientFinal(CLIENT_FINAL)).isInstanceOf(ScramSha256.AuthenticationException.class);
        assertThatThrownBy(() -> x.clientFirst("garbage")).isInstanceOf(ScramSha256.AuthenticationException.class);
        assertThatThrownBy(() -> x.clientFirst("p=tls-server-end-point,,n=,r=x"))
                .hasMessageContaining("channel binding");
        x.clientFirst("n,,n=,r=abc");
        assertThatThrownBy(() -> x.clientFinal("c=biws,r=wrongnonce,p=AAAA")).hasMessageContaining("nonce");
        assertThatThrownBy(() -> x.clientFinal("no proof here")).isInstanceOf(ScramSha256.AuthenticationException.class);
    }

    @Test
    void verifierTextRoundTrips() {
        ScramSha256.Verifier v = ScramSha256.verifier("secret");
        ScramSha256.Verifier back = ScramSha256.Verifier.parse(v.toString());
        assertThat(back.toString()).isEqualTo(v.toString()).startsWith("SCRAM-SHA-256$4096:");
        assertThatThrownBy(() -> ScramSha256.Verifier.parse("md5abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
