package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The branch-free DECIMAL read of the bulk path ({@link DecimalBinary#unscaled(long, int, int)})
 * against the checked one, for every DECIMAL(precision, scale) whose unscaled value fits a long:
 * encoded values (as {@code decimal2bin} writes them, both signs) and random bytes (mostly
 * digit groups out of range, which the checked read rejects).
 */
class DecimalBinaryTest {
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    @Test
    void branchFreeReadAgreesWithTheCheckedRead() {
        SplittableRandom rnd = new SplittableRandom(7);
        int layouts = 0;
        for (int precision = 1; precision <= 18; precision++) {
            for (int scale = 0; scale <= precision; scale++) {
                int layout = DecimalBinary.layout(precision, scale);
                int n = DecimalBinary.size(precision, scale);
                assertThat(layout < 0).as("DECIMAL(%d,%d) of %d bytes", precision, scale, n).isEqualTo(n > 8);
                if (layout < 0) {
                    continue;
                }
                layouts++;
                for (int k = 0; k < 2000; k++) {
                    byte[] b = new byte[n];
                    BigDecimal expected = null;
                    if (k % 2 == 0) {
                        rnd.nextBytes(b);
                    } else {
                        expected = encode(b, precision, scale, rnd);
                    }
                    // the bytes first in a big-endian long, the rest of it garbage
                    long raw = rnd.nextLong();
                    for (int j = 0; j < n; j++) {
                        raw = raw & ~(0xFFL << (56 - 8 * j)) | (long) (b[j] & 0xFF) << (56 - 8 * j);
                    }
                    long checked;
                    try {
                        checked = DecimalBinary.unscaled(MemorySegment.ofArray(b), 0, precision, scale);
                    } catch (IllegalArgumentException e) {
                        checked = Long.MIN_VALUE;
                    }
                    assertThat(DecimalBinary.unscaled(raw, n, layout))
                            .as("DECIMAL(%d,%d) bytes %s", precision, scale, java.util.HexFormat.of().formatHex(b))
                            .isEqualTo(checked);
                    if (expected != null) {
                        assertThat(BigDecimal.valueOf(checked, scale)).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(layouts).isGreaterThan(150);
    }

    /** decimal2bin of a random value of the column's digits (strings/decimal.cc), into {@code b}; returns it. */
    private static BigDecimal encode(byte[] b, int precision, int scale, SplittableRandom rnd) {
        int intg = precision - scale;
        int digits = rnd.nextInt(precision + 1);
        long unscaled = digits == 0 ? 0 : rnd.nextLong((long) Math.pow(10, digits));
        boolean negative = rnd.nextBoolean();
        long intPart = unscaled / (long) Math.pow(10, scale);
        long frac = unscaled % (long) Math.pow(10, scale);
        int p = 0;
        // integer part: intg % 9 leading digits, then groups of 9
        int lead = intg % 9;
        long[] intGroups = new long[intg / 9];
        for (int i = intGroups.length - 1; i >= 0; i--) {
            intGroups[i] = intPart % 1_000_000_000L;
            intPart /= 1_000_000_000L;
        }
        if (lead > 0) {
            p = put(b, p, DIG2BYTES[lead], intPart);
        }
        for (long g : intGroups) {
            p = put(b, p, 4, g);
        }
        // fraction: groups of 9 from the point, then scale % 9 trailing digits
        int whole = scale / 9;
        int trail = scale % 9;
        long[] fracGroups = new long[whole];
        long trailing = frac % (long) Math.pow(10, trail);
        long rest = frac / (long) Math.pow(10, trail);
        for (int i = whole - 1; i >= 0; i--) {
            fracGroups[i] = rest % 1_000_000_000L;
            rest /= 1_000_000_000L;
        }
        for (long g : fracGroups) {
            p = put(b, p, 4, g);
        }
        if (trail > 0) {
            put(b, p, DIG2BYTES[trail], trailing);
        }
        if (negative) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ~b[i];
            }
        }
        b[0] ^= (byte) 0x80;
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    private static int put(byte[] b, int p, int n, long v) {
        for (int i = n - 1; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
        return p + n;
    }
}
