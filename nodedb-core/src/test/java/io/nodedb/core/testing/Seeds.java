package io.nodedb.core.testing;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Reproducible randomness for tests, in the manner of Lucene's RandomizedTesting. One master seed per JVM comes
 * from {@code -Dtests.seed=HEX} or, when absent, at random; each test derives its own generator from the master
 * seed and its name, so a test's randomness does not depend on which other tests ran before it.
 *
 * <p>Register with {@code @ExtendWith(Seeds.class)}: any failure escaping a test is rethrown with the
 * {@code -Dtests.seed=...} that reproduces it appended to its message.
 */
public final class Seeds implements TestExecutionExceptionHandler {
    public static final String PROPERTY = "tests.seed";

    private static final long MASTER = initialSeed();

    private static long initialSeed() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) {
            return ThreadLocalRandom.current().nextLong();
        }
        s = s.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        try {
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be hexadecimal, got '" + s + "'", e);
        }
    }

    public static long master() {
        return MASTER;
    }

    /** The flag that reproduces this run, e.g. {@code -Dtests.seed=3A9F0C11D2E4B807}. */
    public static String repro() {
        return "-D" + PROPERTY + "=" + Long.toHexString(MASTER).toUpperCase(Locale.ROOT);
    }

    /** A generator for the named test, fixed by the master seed. */
    public static SplittableRandom random(String testName) {
        return new SplittableRandom(MASTER ^ (testName.hashCode() * 0x9E3779B97F4A7C15L));
    }

    public static SplittableRandom random(TestInfo info) {
        return random(info.getTestClass().map(Class::getName).orElse("") + "#" + info.getDisplayName());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String note = "reproduce with: " + repro() + " (" + context.getDisplayName() + ")";
        String message = failure.getMessage();
        if (message != null && message.contains(repro())) {
            throw failure;
        }
        AssertionError withSeed = new AssertionError((message == null ? failure.getClass().getName() : message)
                + "\n" + note, failure);
        withSeed.setStackTrace(failure.getStackTrace());
        throw withSeed;
    }
}
