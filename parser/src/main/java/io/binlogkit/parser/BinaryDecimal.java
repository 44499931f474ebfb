package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The server's binary DECIMAL format ({@code decimal2bin} / {@code bin2decimal} in
 * {@code strings/decimal.c}): integer and fraction digits in groups of nine, each group a
 * big-endian 4-byte number, leftover digits in 1–4 bytes; the sign is the inverted top bit of the
 * first byte, and a negative number has every byte inverted.
 */
public final class BinaryDecimal {
    private static final int DIG_PER_DEC = 9;
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    private BinaryDecimal() {
    }

    /** Bytes a DECIMAL(precision, scale) value takes ({@code decimal_bin_size}). */
    public static int binarySize(int precision, int scale) {
        int intg = precision - scale;
        return (intg / DIG_PER_DEC) * 4 + DIG2BYTES[intg % DIG_PER_DEC]
                + (scale / DIG_PER_DEC) * 4 + DIG2BYTES[scale % DIG_PER_DEC];
    }

    /** Reads the value at {@code off}; the caller has checked {@link #binarySize} bytes are there. */
    public static BigDecimal read(MemorySegment s, long off, int precision, int scale) {
        return new BigDecimal(unscaled(s, off, precision, scale), scale);
    }

    /** The value as text, as the server prints it ({@code decimal2string}: all scale digits kept). */
    public static String toString(MemorySegment s, long off, int precision, int scale) {
        return read(s, off, precision, scale).toPlainString();
    }

    private static BigInteger unscaled(MemorySegment s, long off, int precision, int scale) {
        int intg = precision - scale;
        int mask = (Bytes.u8(s, off) & 0x80) != 0 ? 0 : 0xFF;
        boolean negative = mask != 0;
        StringBuilder digits = new StringBuilder(precision + 1);
        long p = off;
        int lead = intg % DIG_PER_DEC;
        int n = DIG2BYTES[lead];
        boolean first = true;
        if (n > 0) {
            digits.append(group(s, p, n, mask, first));
            p += n;
            first = false;
        }
        for (int i = 0; i < intg / DIG_PER_DEC; i++) {
            digits.append(pad(group(s, p, 4, mask, first), DIG_PER_DEC));
            p += 4;
            first = false;
        }
        for (int i = 0; i < scale / DIG_PER_DEC; i++) {
            digits.append(pad(group(s, p, 4, mask, first), DIG_PER_DEC));
            p += 4;
            first = false;
        }
        int trail = scale % DIG_PER_DEC;
        if (trail > 0) {
            digits.append(pad(group(s, p, DIG2BYTES[trail], mask, first), trail));
        }
        BigInteger v = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits.toString());
        return negative ? v.negate() : v;
    }

    private static long group(MemorySegment s, long p, int n, int mask, boolean first) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = Bytes.u8(s, p + i);
            if (first && i == 0) {
                b ^= 0x80;
            }
            v = (v << 8) | (b ^ mask);
        }
        return v;
    }

    private static String pad(long v, int width) {
        String d = Long.toString(v);
        return d.length() >= width ? d : "0".repeat(width - d.length()) + d;
    }
}
