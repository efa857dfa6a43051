package io.nodedb.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process publish/subscribe between the RESP connections of one listener. Not durable and not replicated:
 * a message reaches the connections subscribed at the moment it is published, as in Redis.
 */
final class RespPubSub {
    /** Receives messages; implementations must not block (they are called on the publisher's thread). */
    interface Subscriber {
        void deliver(byte[] channel, byte[] message);
    }

    /** Channel names are binary; ISO-8859-1 maps every byte to one char, so the String key is lossless. */
    private final ConcurrentHashMap<String, Set<Subscriber>> channels = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();

    static String name(byte[] channel) {
        return new String(channel, StandardCharsets.ISO_8859_1);
    }

    void subscribe(byte[] channel, Subscriber s) {
        channels.computeIfAbsent(name(channel), k -> ConcurrentHashMap.newKeySet()).add(s);
    }

    void unsubscribe(byte[] channel, Subscriber s) {
        // computeIfPresent makes "remove the last subscriber and drop the entry" atomic against a new subscribe
        channels.computeIfPresent(name(channel), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /** Delivers to every current subscriber; returns how many received it. */
    int publish(byte[] channel, byte[] message) {
        published.incrementAndGet();
        Set<Subscriber> subs = channels.get(name(channel));
        if (subs == null) {
            return 0;
        }
        int n = 0;
        for (Subscriber s : subs) {
            s.deliver(channel, message);
            n++;
        }
        return n;
    }

    int channelCount() {
        return channels.size();
    }

    long published() {
        return published.get();
    }
}
