package io.nodedb.server.resp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame decoder alone: split packets, inline commands, limits. */
class RespDecoderTest {
    private static List<String> words(Object command) {
        List<String> out = new ArrayList<>();
        for (byte[] b : (byte[][]) command) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void feed(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    @Test
    void commandsSplitAcrossReadsAreAssembledOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        String frame = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";
        for (char c : frame.toCharArray()) {
            feed(ch, String.valueOf(c));
        }
        assertThat(words(ch.readInbound())).containsExactly("SET", "k", "hello");
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void severalFramesInOneRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        feed(ch, "*1\r\n$4\r\nPING\r\n*0\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\nPING\r\n");
        assertThat(words(ch.readInbound())).containsExactly("PING");
        assertThat(words(ch.readInbound())).containsExactly("ECHO", "");
        assertThat(words(ch.readInbound())).containsExactly("PING");
    }

    @Test
    void inlineQuoting() {
        assertThat(words(RespDecoder.splitInline("  set  'a b'  \"c\\\"d\\n\" e ")))
                .containsExactly("set", "a b", "c\"d\n", "e");
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        feed(ch, "set k \"unbalanced\r\n");
        assertThat((Object) ch.readInbound()).isInstanceOf(RespProtocolException.class);
    }

    @Test
    void limitsAreProtocolErrors() {
        EmbeddedChannel big = new EmbeddedChannel(new RespDecoder());
        feed(big, "*1\r\n$" + (RespDecoder.MAX_BULK + 1) + "\r\n");
        assertThat(((RespProtocolException) big.readInbound()).getMessage()).isEqualTo("invalid bulk length");
        EmbeddedChannel many = new EmbeddedChannel(new RespDecoder());
        feed(many, "*" + (RespDecoder.MAX_ARGS + 1) + "\r\n");
        assertThat(((RespProtocolException) many.readInbound()).getMessage()).isEqualTo("invalid multibulk length");
        EmbeddedChannel line = new EmbeddedChannel(new RespDecoder());
        feed(line, "x".repeat(RespDecoder.MAX_INLINE + 1));
        assertThat(((RespProtocolException) line.readInbound()).getMessage()).isEqualTo("too big inline request");
        EmbeddedChannel noCrlf = new EmbeddedChannel(new RespDecoder());
        feed(noCrlf, "*1\r\n$3\r\nGETxx");
        assertThat((Object) noCrlf.readInbound()).isInstanceOf(RespProtocolException.class);
        // after a protocol error everything else on the connection is ignored
        feed(noCrlf, "*1\r\n$4\r\nPING\r\n");
        assertThat((Object) noCrlf.readInbound()).isNull();
    }
}
