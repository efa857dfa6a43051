package io.nodedb.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.nodedb.core.testing.Seeds;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Untrusted bytes may only ever produce a value or a {@link ValueFormatException}: never an
 * ArrayIndexOutOfBoundsException, NegativeArraySizeException, OutOfMemoryError or StackOverflowError.
 */
@ExtendWith(Seeds.class)
class ValueDecoderFuzzTest {
    /** Headers whose length fields the random tail will fill in, so huge declared sizes come up often. */
    private static final int[] HEADERS = {
        0x91, 0x9f, 0xdc, 0xdd, 0x81, 0x8f, 0xde, 0xdf, 0xa5, 0xd9, 0xda, 0xdb, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9,
        0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd3, 0xc1
    };

    private static void decodeOnlyFailsCleanly(byte[] input, String how) {
        Value v;
        try {
            v = ValueCodec.decode(input);
        } catch (ValueFormatException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) input.length);
            return;
        } catch (Throwable t) {
            throw new AssertionError(how + ": decoding " + HexFormat.of().formatHex(input) + " threw " + t, t);
        }
        // Whatever decodes must be a value we can write and read again.
        byte[] again = ValueCodec.encode(v);
        assertThat(ValueCodec.decode(again)).as(how).isEqualTo(v);
    }

    @Test
    void everyStrictPrefixIsRejected(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        RandomValues gen = new RandomValues(r, true);
        for (int i = 0; i < 2_000; i++) {
            byte[] encoded = ValueCodec.encode(gen.next());
            // MessagePack is prefix-free: no strict prefix of a value is itself a complete value.
            int step = Math.max(1, encoded.length / 64);
            for (int len = 0; len < encoded.length; len += step) {
                byte[] prefix = Arrays.copyOf(encoded, len);
                try {
                    ValueCodec.decode(prefix);
                    fail("prefix of length " + len + " decoded: " + HexFormat.of().formatHex(prefix));
                } catch (ValueFormatException expected) {
                    // the only acceptable outcome
                } catch (RuntimeException e) {
                    throw new AssertionError("prefix " + HexFormat.of().formatHex(prefix) + " threw " + e, e);
                }
            }
        }
    }

    @Test
    void mutatedEncodingsFailCleanly(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        RandomValues gen = new RandomValues(r, true);
        for (int i = 0; i < 30_000; i++) {
            byte[] input = ValueCodec.encode(gen.next());
            if (input.length > 4096) {
                continue;
            }
            String how;
            switch (r.nextInt(5)) {
                case 0 -> {
                    int flips = 1 + r.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        input[r.nextInt(input.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    how = flips + " bit flips";
                }
                case 1 -> {
                    input[r.nextInt(input.length)] = (byte) r.nextInt(256);
                    how = "byte overwrite";
                }
                case 2 -> {
                    int at = r.nextInt(input.length + 1);
                    byte[] longer = new byte[input.length + 1];
                    System.arraycopy(input, 0, longer, 0, at);
                    longer[at] = (byte) r.nextInt(256);
                    System.arraycopy(input, at, longer, at + 1, input.length - at);
                    input = longer;
                    how = "byte insertion";
                }
                case 3 -> {
                    int at = r.nextInt(input.length);
                    byte[] shorter = new byte[input.length - 1];
                    System.arraycopy(input, 0, shorter, 0, at);
                    System.arraycopy(input, at + 1, shorter, at, input.length - at - 1);
                    input = shorter;
                    how = "byte deletion";
                }
                default -> {
                    input = Arrays.copyOf(input, r.nextInt(input.length + 1));
                    if (input.length > 0) {
                        input[r.nextInt(input.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    how = "truncation and bit flip";
                }
            }
            decodeOnlyFailsCleanly(input, how);
        }
    }

    @Test
    void randomBytesFailCleanly(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        for (int i = 0; i < 100_000; i++) {
            byte[] input = new byte[r.nextInt(24)];
            r.nextBytes(input);
            if (input.length > 0 && r.nextBoolean()) {
                input[0] = (byte) HEADERS[r.nextInt(HEADERS.length)];
                if (r.nextBoolean()) {
                    // A plausible header followed by 0xff lengths: declares up to 4 GB in a few bytes.
                    for (int j = 1; j < Math.min(input.length, 5); j++) {
                        input[j] = (byte) 0xff;
                    }
                }
            }
            decodeOnlyFailsCleanly(input, "random bytes");
        }
    }

    @Test
    void deeplyNestedGarbageFailsCleanly() {
        for (int header : new int[] {0x91, 0x9f, 0xdc, 0x81}) {
            byte[] input = new byte[100_000];
            Arrays.fill(input, (byte) header);
            decodeOnlyFailsCleanly(input, "nested headers 0x" + Integer.toHexString(header));
        }
    }
}
