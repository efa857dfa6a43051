package io.nodedb.server.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal PostgreSQL v3 client over a plain socket, for tests that must send what no driver would (fuzzing) or
 * hold hundreds of connections cheaply. Every read has a timeout, so a silent server fails the test, never hangs it.
 */
final class PgRawClient implements AutoCloseable {
    /** A backend message. */
    record Message(char type, byte[] body) {
    }

    final Socket socket;
    final DataOutputStream out;
    final DataInputStream in;

    PgRawClient(int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        out = new DataOutputStream(socket.getOutputStream());
        // buffered: a streamed result arrives as many small messages, each read with several calls
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
    }

    /** @param params more startup parameters, as name, value, name, value... */
    static byte[] startupPacket(String user, String... params) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, 196608);
        for (String s : new String[] {"user", user, "database", "nodedb"}) {
            cstring(body, s);
        }
        for (String s : params) {
            cstring(body, s);
        }
        body.write(0);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        writeInt(framed, body.size() + 4);
        framed.writeBytes(body.toByteArray());
        return framed.toByteArray();
    }

    /** A typed frontend message: type, length, body. */
    static byte[] message(char type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        writeInt(b, body.length + 4);
        b.writeBytes(body);
        return b.toByteArray();
    }

    static byte[] query(String sql) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, sql);
        return message('Q', b.toByteArray());
    }

    static void writeInt(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    static void cstring(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        if (length < 4 || length > (1 << 26)) {
            throw new IOException("bad length " + length + " from server for '" + type + "'");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    /** Reads until ReadyForQuery; returns the messages before it. Fails on a FATAL close. */
    java.util.List<Message> readUntilReady() throws IOException {
        java.util.List<Message> got = new java.util.ArrayList<>();
        while (true) {
            Message m = read();
            if (m.type() == 'Z') {
                return got;
            }
            got.add(m);
        }
    }

    /** Startup in trust mode, up to the first ReadyForQuery. */
    void startup(String user) throws IOException {
        send(startupPacket(user));
        for (Message m : readUntilReady()) {
            if (m.type() == 'E') {
                throw new IOException("startup failed: " + new String(m.body(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Runs a simple query and returns the text of its first column in the first row, or null. */
    String queryFirstValue(String sql) throws IOException {
        send(query(sql));
        String first = null;
        for (Message m : readUntilReady()) {
            if (m.type() == 'E') {
                throw new IOException("query failed: " + new String(m.body(), StandardCharsets.UTF_8));
            }
            if (m.type() == 'D' && first == null) {
                DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(m.body()));
                d.readShort();
                int len = d.readInt();
                byte[] v = new byte[Math.max(len, 0)];
                d.readFully(v);
                first = len < 0 ? null : new String(v, StandardCharsets.UTF_8);
            }
        }
        return first;
    }

    /** Reads and discards until the server closes or the timeout passes; returns whether it closed. */
    boolean drain() {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
