package io.nodedb.server.resp;

import io.nodedb.core.kv.KvCollectionStats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Connection and server commands: PING, ECHO, AUTH, QUIT, INFO, COMMAND, CLIENT, pub/sub. */
final class RespServerCommands {
    /** Every command name the listener answers, for COMMAND COUNT and COMMAND INFO. */
    static final List<String> COMMANDS = List.of("GET", "SET", "SETNX", "SETEX", "PSETEX", "GETSET", "STRLEN",
            "MGET", "MSET", "DEL", "UNLINK", "EXISTS", "TYPE", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "TTL",
            "PTTL", "PERSIST", "SCAN", "KEYS", "INCR", "DECR", "INCRBY", "DECRBY", "INCRBYFLOAT", "HGET", "HSET",
            "HMSET", "HSETNX", "HMGET", "HDEL", "HGETALL", "HLEN", "HEXISTS", "HKEYS", "HVALS", "ZADD", "ZREM",
            "ZRANK", "ZREVRANK", "ZRANGE", "ZCARD", "ZSCORE", "FLUSHDB", "FLUSHALL", "DBSIZE", "SELECT", "PING",
            "ECHO", "INFO", "QUIT", "AUTH", "SUBSCRIBE", "UNSUBSCRIBE", "PUBLISH", "COMMAND", "CLIENT");
    private static final Set<String> WHILE_SUBSCRIBED = Set.of("SUBSCRIBE", "UNSUBSCRIBE", "PSUBSCRIBE",
            "PUNSUBSCRIBE", "SSUBSCRIBE", "SUNSUBSCRIBE", "PING", "QUIT", "RESET");
    /** What INFO reports as redis_version: clients gate features on it, and these are the semantics we follow. */
    static final String REDIS_COMPAT_VERSION = "7.0.0";

    private final RespSession session;
    private final RespOut out;

    RespServerCommands(RespSession session) {
        this.session = session;
        this.out = session.out();
    }

    static boolean allowedWhileSubscribed(String name) {
        return WHILE_SUBSCRIBED.contains(name);
    }

    /** Returns true if the connection must close after the reply. */
    boolean execute(String name, byte[][] a) {
        switch (name) {
            case "PING" -> {
                RespSession.arity(a, 1, 2);
                if (!session.subscriptions().isEmpty()) {
                    out.array(2);
                    out.bulk("pong");
                    out.bulk(a.length == 2 ? a[1] : new byte[0]);
                } else if (a.length == 2) {
                    out.bulk(a[1]);
                } else {
                    out.simple("PONG");
                }
            }
            case "ECHO" -> {
                RespSession.arity(a, 2, 2);
                out.bulk(a[1]);
            }
            case "QUIT" -> {
                out.ok();
                return true;
            }
            case "AUTH" -> auth(a);
            case "INFO" -> info(a);
            case "COMMAND" -> command(a);
            case "CLIENT" -> client(a);
            case "SUBSCRIBE" -> {
                RespSession.arity(a, 2, Integer.MAX_VALUE);
                for (int i = 1; i < a.length; i++) {
                    if (session.subscriptions().add(RespPubSub.name(a[i]))) {
                        session.context.pubSub.subscribe(a[i], session.connection);
                    }
                    push("subscribe", a[i]);
                }
            }
            case "UNSUBSCRIBE" -> {
                List<byte[]> channels = new ArrayList<>();
                if (a.length == 1) {
                    session.subscriptions().forEach(c -> channels.add(c.getBytes(StandardCharsets.ISO_8859_1)));
                } else {
                    channels.addAll(List.of(a).subList(1, a.length));
                }
                if (channels.isEmpty()) {
                    push("unsubscribe", null);
                }
                for (byte[] c : channels) {
                    if (session.subscriptions().remove(RespPubSub.name(c))) {
                        session.context.pubSub.unsubscribe(c, session.connection);
                    }
                    push("unsubscribe", c);
                }
            }
            case "PUBLISH" -> {
                RespSession.arity(a, 3, 3);
                out.integer(session.context.pubSub.publish(a[1], a[2]));
            }
            default -> throw new RespError("ERR unknown command '" + name.toLowerCase(Locale.ROOT)
                    + "', with args beginning with: " + argsPreview(a));
        }
        return false;
    }

    /** A subscription confirmation: [kind, channel, subscriptions now held]. */
    private void push(String kind, byte[] channel) {
        out.array(3);
        out.bulk(kind);
        out.bulk(channel);
        out.integer(session.subscriptions().size());
    }

    private void auth(byte[][] a) {
        RespSession.arity(a, 2, 3);
        String user = a.length == 3 ? new String(a[1], StandardCharsets.UTF_8) : "default";
        String password = new String(a[a.length - 1], StandardCharsets.UTF_8);
        if (session.context.authCheck == null || session.context.authCheck.test(new String[]{user, password})) {
            session.authenticated(true);
            out.ok();
        } else {
            session.authenticated(session.context.authCheck == null);
            throw new RespError("WRONGPASS invalid username-password pair or user is disabled.");
        }
    }

    private void info(byte[][] a) {
        String section = a.length > 1 ? new String(a[1], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT) : "all";
        boolean all = section.equals("all") || section.equals("default") || section.equals("everything");
        RespContext c = session.context;
        List<KvCollectionStats> stats = session.kv.stats();
        StringBuilder s = new StringBuilder();
        if (all || section.equals("server")) {
            s.append("# Server\r\n")
                    .append("redis_version:").append(REDIS_COMPAT_VERSION).append("\r\n")
                    .append("server_name:nodedb\r\n")
                    .append("redis_mode:standalone\r\n")
                    .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
                    .append("uptime_in_seconds:").append((System.currentTimeMillis() - c.startedMillis) / 1000)
                    .append("\r\n\r\n");
        }
        if (all || section.equals("clients")) {
            s.append("# Clients\r\nconnected_clients:").append(c.openConnections.get()).append("\r\n")
                    .append("pubsub_channels:").append(c.pubSub.channelCount()).append("\r\n\r\n");
        }
        if (all || section.equals("memory")) {
            long used = stats.stream().mapToLong(KvCollectionStats::usedBytes).sum();
            long table = stats.stream().mapToLong(KvCollectionStats::tableBytes).sum();
            s.append("# Memory\r\nused_memory:").append(used).append("\r\n")
                    .append("used_memory_human:").append(human(used)).append("\r\n")
                    .append("kv_table_bytes:").append(table).append("\r\n")
                    .append("used_memory_rss:").append(Runtime.getRuntime().totalMemory()).append("\r\n")
                    .append("maxmemory:").append(stats.stream().mapToLong(KvCollectionStats::memoryBudgetBytes).sum())
                    .append("\r\n\r\n");
        }
        if (all || section.equals("stats")) {
            s.append("# Stats\r\ntotal_connections_received:").append(c.connectionIds.get()).append("\r\n")
                    .append("total_commands_processed:").append(c.commands.sum()).append("\r\n")
                    .append("total_error_replies:").append(c.errors.sum()).append("\r\n")
                    .append("kv_write_batches:").append(c.writeBatches.sum()).append("\r\n")
                    .append("kv_batched_commands:").append(c.batchedCommands.sum()).append("\r\n")
                    .append("pubsub_messages:").append(c.pubSub.published()).append("\r\n\r\n");
        }
        if (all || section.equals("keyspace")) {
            // Redis names databases db0, db1...; here every KV collection is a database, named by itself
            s.append("# Keyspace\r\n");
            for (KvCollectionStats st : stats) {
                s.append(st.name()).append(":keys=").append(st.keys()).append(",expires=")
                        .append(st.expiryWheelEntries()).append(",avg_ttl=0\r\n");
            }
        }
        out.bulk(s.toString());
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        int u = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.2f%c", bytes / Math.pow(1024, u), units.charAt(u - 1));
    }

    /**
     * Enough of COMMAND for redis-cli, which asks for COMMAND DOCS at start to drive its hints and works without
     * them: the command table itself is not exposed.
     */
    private void command(byte[][] a) {
        String sub = a.length > 1 ? new String(a[1], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT) : "";
        switch (sub) {
            case "", "DOCS" -> out.array(0);
            case "COUNT" -> out.integer(COMMANDS.size());
            case "INFO" -> {
                out.array(a.length - 2);
                for (int i = 2; i < a.length; i++) {
                    out.nullArray();
                }
            }
            default -> throw new RespError("ERR unknown subcommand '" + sub.toLowerCase(Locale.ROOT)
                    + "'. Try COMMAND HELP.");
        }
    }

    private void client(byte[][] a) {
        RespSession.arity(a, 2, Integer.MAX_VALUE);
        String sub = new String(a[1], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "SETNAME" -> {
                RespSession.arity(a, 3, 3);
                session.clientName(new String(a[2], StandardCharsets.UTF_8));
                out.ok();
            }
            case "GETNAME" -> out.bulk(session.clientName());
            case "ID" -> out.integer(session.connection.id());
            case "SETINFO" -> out.ok();
            default -> throw new RespError("ERR unknown subcommand '" + sub.toLowerCase(Locale.ROOT)
                    + "'. Try CLIENT HELP.");
        }
    }

    private static String argsPreview(byte[][] a) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < a.length && i <= 3; i++) {
            String arg = new String(a[i], 0, Math.min(a[i].length, 64), StandardCharsets.UTF_8);
            s.append('\'').append(arg).append("' ");
        }
        return s.toString();
    }
}
