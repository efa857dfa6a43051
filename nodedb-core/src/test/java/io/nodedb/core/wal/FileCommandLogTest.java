package io.nodedb.core.wal;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.testing.NoLeakedFiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NoLeakedFiles.class)
class FileCommandLogTest {
    private static final short TYPE = (short) (LogRecord.REQUIRED | 1);

    @TempDir
    Path dir;

    private LogOptions options() {
        return LogOptions.defaults(dir).withSegmentBytes(64 << 10);
    }

    /** Per-commit forcing whose interval timer never fires during a test. */
    private LogOptions slowTimer() {
        return new LogOptions(dir, FsyncPolicy.PER_COMMIT, Duration.ofHours(1), 64 << 10, 1);
    }

    /**
     * Zeroes record {@code lsn} of the last segment (written as payload(1), payload(2), ...), as a write the disk
     * never received; returns its offset.
     */
    private long zeroRecord(int lsn) throws IOException {
        long offset = RecordFormat.SEGMENT_HEADER_SIZE;
        for (int i = 1; i < lsn; i++) {
            offset += RecordFormat.recordSize(payload(i).length);
        }
        try (RandomAccessFile f = new RandomAccessFile(segmentFiles().getLast().toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[RecordFormat.recordSize(payload(lsn).length)]);
        }
        return offset;
    }

    private static byte[] payload(int i) {
        return ("record-" + i + "-" + "x".repeat(i % 300)).getBytes(StandardCharsets.UTF_8);
    }

    private void appendMany(CommandLog log, int from, int count) {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            futures.add(log.append(TYPE, payload(i)));
        }
        futures.forEach(CompletableFuture::join);
    }

    private static List<LogRecord> readAll(CommandLog log, long from) {
        List<LogRecord> out = new ArrayList<>();
        try (LogCursor c = log.read(from)) {
            for (LogRecord r = c.next(); r != null; r = c.next()) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void appendsReadBackAcrossSegmentsAndReopen() {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 2000);
            assertThat(log.durableLsn()).isEqualTo(2000);
            assertThat(log.segments().size()).isGreaterThan(3);
        }
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            List<LogRecord> all = readAll(log, 1);
            assertThat(all).hasSize(2000);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).lsn()).isEqualTo(i + 1);
                assertThat(all.get(i).payload()).isEqualTo(payload(i + 1));
            }
            assertThat(readAll(log, 1500)).first().extracting(LogRecord::lsn).isEqualTo(1500L);
            long next = log.append(TYPE, payload(2001)).join();
            assertThat(next).isEqualTo(2001);
        }
    }

    @Test
    void concurrentWritersGetContiguousUniqueLsnsInListenerOrder() throws Exception {
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        int threads = 16;
        int perThread = 300;
        try (FileCommandLog log = FileCommandLog.open(options(), (r, ctx) -> seen.add(r.lsn()));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> lsns = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        lsns.add(log.append(TYPE, payload(i)).join());
                    }
                    return lsns;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (var f : results) {
                all.addAll(f.get());
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(all.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * perThread);
        }
        assertThat(new ArrayList<>(seen)).isSorted().hasSize(threads * perThread);
    }

    @Test
    void aLoneWaitingAppendIsWrittenAndReportedOnTheCallersThread() {
        List<String> listenerThreads = new ArrayList<>();
        try (FileCommandLog log = FileCommandLog.open(options(),
                (r, ctx) -> listenerThreads.add(Thread.currentThread().getName()))) {
            CompletableFuture<Long> lsn = log.appendWaiting(TYPE, payload(1), null, true);
            assertThat(lsn).isCompletedWithValue(1L);
            assertThat(log.durableLsn()).isEqualTo(1);
            assertThat(log.syncedLsn()).isEqualTo(1);
        }
        assertThat(listenerThreads).containsExactly(Thread.currentThread().getName());
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(readAll(log, 1)).extracting(LogRecord::payload).containsExactly(payload(1));
        }
    }

    @Test
    void waitingAndQueuedAppendsMixedAcrossThreadsKeepOneOrderWithoutOverlap() throws Exception {
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger inListener = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        int threads = 8;
        int perThread = 200;
        try (FileCommandLog log = FileCommandLog.open(options(), (r, ctx) -> {
            if (inListener.incrementAndGet() != 1) {
                overlapped.set(true);
            }
            seen.add(r.lsn());
            inListener.decrementAndGet();
        }); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean waiting = t % 2 == 0;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        (waiting ? log.appendWaiting(TYPE, payload(i), null, true) : log.append(TYPE, payload(i))).join();
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
            assertThat(readAll(log, 1)).extracting(LogRecord::lsn)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * perThread)
                            .boxed().toList());
        }
        assertThat(overlapped).isFalse();
        assertThat(new ArrayList<>(seen)).isSorted().hasSize(threads * perThread);
    }

    /**
     * Many virtual threads committing at once: one of them writes and forces for all waiting, and the records that
     * queue meanwhile are written by one of their own callers next. Every record is reported once, in LSN order,
     * with no report overlapping another, and groups form (fewer groups than records).
     */
    @Test
    void waitingCallersWriteEachOthersRecordsInGroups() throws Exception {
        int threads = 32;
        int perThread = 50;
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger inListener = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        try (FileCommandLog log = FileCommandLog.open(options(), (r, ctx) -> {
            if (inListener.incrementAndGet() != 1) {
                overlapped.set(true);
            }
            seen.add(r.lsn());
            inListener.decrementAndGet();
        }); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    long last = 0;
                    for (int i = 0; i < perThread; i++) {
                        CompletableFuture<Long> f = log.appendWaiting(TYPE, payload(i), null, true);
                        assertThat(f).as("done when appendWaiting returns").isDone();
                        long lsn = f.join();
                        assertThat(lsn).isGreaterThan(last);
                        last = lsn;
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(log.syncedLsn()).isEqualTo((long) threads * perThread);
            StringBuilder metrics = new StringBuilder();
            log.writeMetrics(new PrometheusWriter(metrics));
            long groups = metric(metrics, "nodedb_wal_groups_total");
            assertThat(groups).isLessThan((long) threads * perThread);
            assertThat(metric(metrics, "nodedb_wal_caller_groups_total")).isEqualTo(groups);
        }
        assertThat(overlapped).isFalse();
        assertThat(new ArrayList<>(seen)).isSorted().hasSize(threads * perThread).doesNotHaveDuplicates();
    }

    /** Callers waiting when the log closes are answered (written or refused), none left hanging. */
    @Test
    void closingAnswersEveryWaitingCaller() throws Exception {
        FileCommandLog log = FileCommandLog.open(options(), null);
        List<CompletableFuture<Long>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        CompletableFuture<Long> f = log.appendWaiting(TYPE, payload(i), null, true);
                        answers.add(f);
                        if (f.isCompletedExceptionally()) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(20);
            log.close();
        }
        assertThat(answers).allMatch(CompletableFuture::isDone);
        assertThat(answers).anyMatch(f -> !f.isCompletedExceptionally());
    }

    private static long metric(CharSequence metrics, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void anUnforcedAppendIsReportedOnceWrittenAndForcedByTheNextForcedOne() {
        LogOptions slowTimer = slowTimer();
        try (FileCommandLog log = FileCommandLog.open(slowTimer, null)) {
            assertThat(log.appendWaiting(TYPE, payload(1), null, false)).isCompletedWithValue(1L);
            assertThat(log.durableLsn()).isEqualTo(1);
            assertThat(log.syncedLsn()).isZero();
            assertThat(readAll(log, 1)).extracting(LogRecord::payload).containsExactly(payload(1));
            assertThat(log.appendWaiting(TYPE, payload(2), null, true)).isCompletedWithValue(2L);
            assertThat(log.syncedLsn()).isEqualTo(2);
            StringBuilder metrics = new StringBuilder();
            log.writeMetrics(new PrometheusWriter(metrics));
            assertThat(metrics).contains("nodedb_wal_caller_groups_total 2", "nodedb_wal_unforced_records_total 1");
        }
    }

    @Test
    void anUnforcedAppendIsForcedWithinTheFsyncInterval() throws InterruptedException {
        LogOptions shortTimer = new LogOptions(dir, FsyncPolicy.PER_COMMIT, Duration.ofMillis(20),
                64 << 10, 1);
        try (FileCommandLog log = FileCommandLog.open(shortTimer, null)) {
            log.appendWaiting(TYPE, payload(1), null, true).join();
            for (int i = 2; i <= 20; i++) {
                log.appendWaiting(TYPE, payload(i), null, false).join();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (log.syncedLsn() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(log.syncedLsn()).isEqualTo(20);
        }
    }

    @Test
    void aLoneCommitterCommitsInlineAgainOnceGroupsShrinkToOne() throws Exception {
        ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        try (FileCommandLog log = FileCommandLog.open(options(), (r, ctx) -> threads.add(
                Thread.currentThread().getName()))) {
            // A burst: many records wait together, so groups hold several and inline commits stop.
            List<CompletableFuture<Long>> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(log.append(TYPE, payload(i)));
            }
            burst.forEach(CompletableFuture::join);
            threads.clear();
            for (int i = 0; i < 5; i++) {
                log.appendWaiting(TYPE, payload(i), null, true).join();
            }
        }
        // the first lone record may still go through the writer (which then sees a group of one); then inline
        assertThat(new ArrayList<>(threads).subList(1, 5)).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void waitingAppendAfterCloseFails() {
        FileCommandLog log = FileCommandLog.open(options(), null);
        log.close();
        assertThat(log.appendWaiting(TYPE, payload(1), null, true)).isCompletedExceptionally();
    }

    @Test
    void tornTailIsCutOnOpen() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 10);
        }
        Path last = segmentFiles().getLast();
        long size = Files.size(last);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(size - 5); // the last record loses its final bytes, as in a crash mid-write
        }
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LogRecovery.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        logger.addAppender(events);
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(events.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains("cut torn tail of segment " + last.getFileName())
                    .contains("at offset " + (size - RecordFormat.recordSize(payload(10).length))));
            assertThat(log.durableLsn()).isEqualTo(9);
            assertThat(readAll(log, 1)).hasSize(9);
            assertThat(log.append(TYPE, payload(10)).join()).isEqualTo(10);
        } finally {
            logger.detachAppender(events);
        }
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(readAll(log, 1)).hasSize(10);
        }
    }

    @Test
    void garbageAfterTheLastRecordIsCut() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 5);
        }
        Path last = segmentFiles().getLast();
        Files.write(last, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33}, java.nio.file.StandardOpenOption.APPEND);
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(readAll(log, 1)).hasSize(5);
        }
    }

    @Test
    void zerosAfterTheLastRecordAreFreeSpaceNotDamage() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 10);
        }
        Path last = segmentFiles().getLast();
        long end = Files.size(last);
        // What a crash leaves behind: the writer had zero-filled the file ahead of its records.
        Files.write(last, new byte[100_000], java.nio.file.StandardOpenOption.APPEND);
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(log.durableLsn()).isEqualTo(10);
            assertThat(log.append(TYPE, payload(11)).join()).isEqualTo(11);
        }
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(readAll(log, 1)).hasSize(11);
            assertThat(Files.size(last)).as("a clean close cuts the zeros again")
                    .isEqualTo(end + RecordFormat.recordSize(payload(11).length));
        }
    }

    @Test
    void aTornRecordInsideZeroFilledSpaceIsCut() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 3);
        }
        Path last = segmentFiles().getLast();
        byte[] whole = Files.readAllBytes(last);
        int recordSize = RecordFormat.recordSize(payload(3).length);
        byte[] torn = java.util.Arrays.copyOfRange(whole, whole.length - recordSize, whole.length - recordSize + 20);
        Files.write(last, java.util.Arrays.copyOf(whole, whole.length - recordSize));
        Files.write(last, torn, java.nio.file.StandardOpenOption.APPEND);
        Files.write(last, new byte[8192], java.nio.file.StandardOpenOption.APPEND);
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(readAll(log, 1)).extracting(LogRecord::lsn).containsExactly(1L, 2L);
            assertThat(log.append(TYPE, payload(3)).join()).isEqualTo(3);
        }
    }

    @Test
    void aHoleInTheUnforcedTailIsCutWithTheRecordsAfterIt() throws IOException {
        LogOptions slowTimer = slowTimer();
        try (FileCommandLog log = FileCommandLog.open(slowTimer, null)) {
            log.appendWaiting(TYPE, payload(1), null, true).join();
            for (int i = 2; i <= 6; i++) {
                log.appendWaiting(TYPE, payload(i), null, false).join();
            }
        }
        // A machine crash wrote back records 2, 4, 5 and 6 of the unforced tail but not record 3.
        zeroRecord(3);
        try (FileCommandLog log = FileCommandLog.open(slowTimer, null)) {
            assertThat(readAll(log, 1)).extracting(LogRecord::lsn).containsExactly(1L, 2L);
            assertThat(log.append(TYPE, payload(3)).join()).isEqualTo(3);
        }
    }

    @Test
    void aHoleBeforeARecordThatProvesItWasForcedIsCorruption() throws IOException {
        LogOptions slowTimer = slowTimer();
        try (FileCommandLog log = FileCommandLog.open(slowTimer, null)) {
            for (int i = 1; i <= 3; i++) {
                log.appendWaiting(TYPE, payload(i), null, true).join();
            }
            log.appendWaiting(TYPE, payload(4), null, false).join();
        }
        long offset = zeroRecord(2);
        assertThatThrownBy(() -> FileCommandLog.open(slowTimer, null))
                .isInstanceOf(NodeDbException.class)
                .hasMessageContaining("offset " + offset)
                .satisfies(e -> assertThat(((NodeDbException) e).state()).isEqualTo(SqlState.DATA_CORRUPTED));
    }

    @Test
    void sealedSegmentsEndAtTheirLastRecord() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 1000);
            List<Path> segs = segmentFiles();
            for (Path sealed : segs.subList(0, segs.size() - 1)) {
                byte[] bytes = Files.readAllBytes(sealed);
                assertThat(bytes[bytes.length - 1]).as("last byte of %s is record data, not allocation", sealed)
                        .isNotZero();
                assertThat((long) bytes.length).isLessThanOrEqualTo(64 << 10);
            }
        }
    }

    @Test
    void corruptedRecordInTheMiddleStopsRecoveryNamingSegmentAndOffset() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 10);
            // written after the first ten were forced, so it proves they had reached the device
            appendMany(log, 11, 1);
        }
        Path last = segmentFiles().getLast();
        long offset = RecordFormat.SEGMENT_HEADER_SIZE + RecordFormat.recordSize(payload(1).length);
        flipByte(last, offset + RecordFormat.RECORD_HEADER_SIZE + 2); // a payload byte of record 2
        long sizeBefore = Files.size(last);
        assertThatThrownBy(() -> FileCommandLog.open(options(), null))
                .isInstanceOf(NodeDbException.class)
                .hasMessageContaining(last.getFileName().toString())
                .hasMessageContaining("offset " + offset)
                .hasMessageContaining("checksum")
                .satisfies(e -> assertThat(((NodeDbException) e).state()).isEqualTo(SqlState.DATA_CORRUPTED));
        assertThat(Files.size(last)).as("nothing truncated").isEqualTo(sizeBefore);
    }

    @Test
    void corruptedRecordInAnEarlierSegmentStopsRecovery() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 1000);
        }
        List<Path> segs = segmentFiles();
        assertThat(segs.size()).isGreaterThan(2);
        Path first = segs.getFirst();
        long lastRecordStart = Files.size(first) - 10;
        flipByte(first, lastRecordStart); // damage the tail of a sealed segment: never a torn write
        assertThatThrownBy(() -> FileCommandLog.open(options(), null))
                .isInstanceOf(NodeDbException.class)
                .hasMessageContaining(first.getFileName().toString());
    }

    @Test
    void truncateBeforeRemovesOnlyWholeSealedSegments() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 1000);
            int before = segmentFiles().size();
            long secondFirst = log.segments().higherKey(log.segments().firstKey());
            assertThat(log.truncateBefore(secondFirst - 1)).isZero();
            assertThat(log.truncateBefore(secondFirst)).isEqualTo(1);
            assertThat(segmentFiles()).hasSize(before - 1);
            assertThat(log.firstRetainedLsn()).isEqualTo(secondFirst);
            assertThatThrownBy(() -> readAll(log, 1)).hasMessageContaining("no longer in the command log");
            assertThat(readAll(log, secondFirst)).hasSize((int) (1000 - secondFirst + 1));
            log.truncateBefore(Long.MAX_VALUE);
            assertThat(segmentFiles()).hasSize(1);
        }
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(log.durableLsn()).isEqualTo(1000);
            assertThat(log.append(TYPE, payload(1)).join()).isEqualTo(1001);
        }
    }

    @Test
    void minNextLsnSkipsLsnsEnginesAlreadyUsed() {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 3);
        }
        try (FileCommandLog log = FileCommandLog.open(options().withMinNextLsn(50), null)) {
            assertThat(log.append(TYPE, payload(1)).join()).isEqualTo(50);
        }
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            assertThat(readAll(log, 1)).extracting(LogRecord::lsn).containsExactly(1L, 2L, 3L, 50L);
        }
    }

    @Test
    void newerSegmentFormatIsRefused() throws IOException {
        try (FileCommandLog log = FileCommandLog.open(options(), null)) {
            appendMany(log, 1, 1);
        }
        Path seg = segmentFiles().getFirst();
        byte[] bytes = Files.readAllBytes(seg);
        bytes[8] = 9; // segment format version 9
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, 36);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(36, (int) crc.getValue());
        Files.write(seg, bytes);
        assertThatThrownBy(() -> FileCommandLog.open(options(), null))
                .hasMessageContaining("format version 9")
                .hasMessageContaining(seg.getFileName().toString());
    }

    @Test
    void intervalAndOffPoliciesStillPersistOnClose() {
        for (FsyncPolicy p : new FsyncPolicy[] {FsyncPolicy.INTERVAL, FsyncPolicy.OFF}) {
            Path sub = dir.resolve(p.name());
            LogOptions o = LogOptions.defaults(sub).withFsyncPolicy(p);
            try (FileCommandLog log = FileCommandLog.open(o, null)) {
                appendMany(log, 1, 100);
            }
            try (FileCommandLog log = FileCommandLog.open(o, null)) {
                assertThat(readAll(log, 1)).hasSize(100);
            }
        }
    }

    @Test
    void appendAfterCloseFails() {
        FileCommandLog log = FileCommandLog.open(options(), null);
        log.close();
        assertThatThrownBy(() -> log.append(TYPE, payload(1)).join()).hasMessageContaining("closed");
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }

    @Test
    void anIdleWriterUnderIntervalFsyncDoesNotSpin() throws Exception {
        try (FileCommandLog log = FileCommandLog.open(options().withFsyncPolicy(FsyncPolicy.INTERVAL), null)) {
            log.append(TYPE, payload(1)).join();
            Thread.sleep(100); // the interval's fsync has happened; nothing is left to sync
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("nodedb-log-writer")).findFirst().orElseThrow();
            long cpu0 = mx.getThreadCpuTime(writer.threadId());
            Thread.sleep(500);
            long cpuMillis = (mx.getThreadCpuTime(writer.threadId()) - cpu0) / 1_000_000;
            // It used to poll with a 1 ns timeout in a loop, burning a whole core while idle.
            assertThat(cpuMillis).isLessThan(100);
            assertThat(log.append(TYPE, payload(2)).join()).isEqualTo(2);
        }
    }
}
