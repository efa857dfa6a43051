package io.nodedb.server.pgwire;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps the (process id, secret) pairs handed out in BackendKeyData to sessions, so a CancelRequest arriving on
 * a new connection can stop the right statement. A wrong secret is ignored silently, as PostgreSQL does.
 */
final class PgCancelRegistry {
    record Key(int processId, int secret) {
    }

    private final Map<Integer, Entry> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final SecureRandom random = new SecureRandom();

    private record Entry(int secret, PgSession session) {
    }

    Key register(PgSession session) {
        Key key = new Key(nextId.getAndIncrement(), random.nextInt());
        sessions.put(key.processId(), new Entry(key.secret(), session));
        return key;
    }

    void remove(Key key) {
        sessions.remove(key.processId());
    }

    /** Returns whether a session matched. */
    boolean cancel(int processId, int secret) {
        Entry e = sessions.get(processId);
        if (e == null || e.secret() != secret) {
            return false;
        }
        e.session().cancel();
        return true;
    }
}
