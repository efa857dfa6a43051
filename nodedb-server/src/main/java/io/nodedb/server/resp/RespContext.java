package io.nodedb.server.resp;

import io.nodedb.core.db.Database;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/** What all connections of one listener share: the database, the auth check, pub/sub and the counters. */
final class RespContext {
    final Database database;
    /** {user, password} to accepted; null accepts any password and does not require AUTH. */
    final Predicate<String[]> authCheck;
    final RespPubSub pubSub = new RespPubSub();
    final long startedMillis = System.currentTimeMillis();
    final AtomicLong connectionIds = new AtomicLong();
    final AtomicLong openConnections = new AtomicLong();
    final LongAdder commands = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    /** submitKv calls made for write commands, and the commands they carried: their ratio is the batching gain. */
    final LongAdder writeBatches = new LongAdder();
    final LongAdder batchedCommands = new LongAdder();
    final LongAdder casRetries = new LongAdder();

    RespContext(Database database, Predicate<String[]> authCheck) {
        this.database = database;
        this.authCheck = authCheck;
    }
}
