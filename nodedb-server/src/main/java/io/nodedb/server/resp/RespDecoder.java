package io.nodedb.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the byte stream into commands: RESP arrays of bulk strings (what clients send) or inline lines (what a
 * person types into telnet). Each command comes out as a {@code byte[][]}; all commands complete in one read come
 * out of the same {@code decode} call, which is what lets the connection batch a pipeline.
 *
 * <p>Parsing is resumable: an array's finished elements are kept between reads, so a command with many arguments
 * arriving in many packets is parsed once, not once per packet. Limits keep a client from making the server
 * buffer without bound. A malformed frame emits a {@link RespProtocolException} (after the commands before it, so
 * their replies still go out in order) and the decoder then discards everything else on that connection.
 */
final class RespDecoder extends ByteToMessageDecoder {
    /** Redis allows 512 MiB; the engine's largest value is 64 MiB, so a larger bulk could never be stored. */
    static final int MAX_BULK = 64 << 20;
    static final int MAX_ARGS = 1 << 20;
    static final int MAX_INLINE = 64 << 10;
    /** A "*n" or "$n" header line is short; a longer one is garbage, not a slow client. */
    private static final int MAX_HEADER = 32;

    private List<byte[]> args;
    private int expected;
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                byte[][] command;
                if (args != null) {
                    command = continueArray(in);
                } else if (in.getByte(in.readerIndex()) == '*') {
                    command = startArray(in);
                } else {
                    command = inline(in);
                }
                if (command == null) {
                    return;
                }
                if (command.length > 0) {
                    out.add(command);
                }
            }
        } catch (RespProtocolException e) {
            failed = true;
            args = null;
            in.skipBytes(in.readableBytes());
            out.add(e);
        }
    }

    private byte[][] startArray(ByteBuf in) {
        int start = in.readerIndex();
        int eol = lineEnd(in, start, "multibulk count");
        if (eol < 0) {
            return null;
        }
        long n = parseNumber(in, start + 1, eol - 1, "invalid multibulk length");
        if (n > MAX_ARGS) {
            throw new RespProtocolException("invalid multibulk length");
        }
        in.readerIndex(eol + 1);
        if (n <= 0) {
            return new byte[0][]; // Redis ignores "*0" and "*-1" from a client
        }
        args = new ArrayList<>((int) Math.min(n, 1024));
        expected = (int) n;
        return continueArray(in);
    }

    private byte[][] continueArray(ByteBuf in) {
        while (args.size() < expected) {
            int start = in.readerIndex();
            if (!in.isReadable()) {
                return null;
            }
            if (in.getByte(start) != '$') {
                throw new RespProtocolException("expected '$', got '" + printable(in.getByte(start)) + "'");
            }
            int eol = lineEnd(in, start, "bulk length");
            if (eol < 0) {
                return null;
            }
            long len = parseNumber(in, start + 1, eol - 1, "invalid bulk length");
            if (len < 0 || len > MAX_BULK) {
                throw new RespProtocolException("invalid bulk length");
            }
            int body = eol + 1;
            if (in.writerIndex() - body < len + 2) {
                return null; // wait for the whole element; the header is re-read next time, which is cheap
            }
            int end = body + (int) len;
            if (in.getByte(end) != '\r' || in.getByte(end + 1) != '\n') {
                throw new RespProtocolException("bulk string of " + len + " bytes is not followed by CRLF");
            }
            byte[] arg = new byte[(int) len];
            in.getBytes(body, arg);
            in.readerIndex(end + 2);
            args.add(arg);
        }
        byte[][] command = args.toArray(new byte[0][]);
        args = null;
        return command;
    }

    /** The index of the '\n' ending a header line that starts at {@code start}, or -1 if it has not arrived. */
    private static int lineEnd(ByteBuf in, int start, String what) {
        int available = in.writerIndex() - start;
        int nl = in.indexOf(start, start + Math.min(available, MAX_HEADER), (byte) '\n');
        if (nl < 0) {
            if (available >= MAX_HEADER) {
                throw new RespProtocolException(what + " line too long");
            }
            return -1;
        }
        if (nl == start || in.getByte(nl - 1) != '\r') {
            throw new RespProtocolException(what + " line not terminated by CRLF");
        }
        return nl;
    }

    /** Parses the decimal integer in {@code [from, crIndex)}. */
    private static long parseNumber(ByteBuf in, int from, int crIndex, String error) {
        int i = from;
        boolean negative = false;
        if (i < crIndex && in.getByte(i) == '-') {
            negative = true;
            i++;
        }
        if (i >= crIndex || crIndex - i > 18) {
            throw new RespProtocolException(error);
        }
        long n = 0;
        for (; i < crIndex; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                throw new RespProtocolException(error);
            }
            n = n * 10 + (b - '0');
        }
        return negative ? -n : n;
    }

    private byte[][] inline(ByteBuf in) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int nl = in.indexOf(start, start + Math.min(available, MAX_INLINE), (byte) '\n');
        if (nl < 0) {
            if (available >= MAX_INLINE) {
                throw new RespProtocolException("too big inline request");
            }
            return null;
        }
        int end = nl > start && in.getByte(nl - 1) == '\r' ? nl - 1 : nl;
        String line = in.toString(start, end - start, StandardCharsets.UTF_8);
        in.readerIndex(nl + 1);
        return splitInline(line);
    }

    /** Whitespace-separated words; double or single quotes group words, with \" and \\ escapes in double quotes. */
    static byte[][] splitInline(String line) {
        List<byte[]> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words.toArray(new byte[0][]);
            }
            StringBuilder w = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                        i++;
                        if (i < n && !Character.isWhitespace(line.charAt(i))) {
                            throw new RespProtocolException("unbalanced quotes in request");
                        }
                        break;
                    }
                    if (quote == '"' && c == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        w.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        w.append(c);
                    }
                    i++;
                } else if (Character.isWhitespace(c)) {
                    break;
                } else if ((c == '"' || c == '\'') && w.isEmpty()) {
                    quote = c;
                    i++;
                } else {
                    w.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                throw new RespProtocolException("unbalanced quotes in request");
            }
            words.add(w.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format(java.util.Locale.ROOT, "\\x%02x", b & 0xff);
    }
}
