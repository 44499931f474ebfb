package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * MySQL's binary DECIMAL (NEWDECIMAL) format, {@code decimal2bin} / {@code bin2decimal} in
 * {@code strings/decimal.cc}: the integer part and the fraction are each stored as groups of nine
 * decimal digits in 4 big-endian bytes, with a shorter leading group for the integer part's
 * {@code intg % 9} high digits and a shorter trailing group for the fraction's {@code scale % 9}
 * low digits (1-2 digits: 1 byte, 3-4: 2, 5-6: 3, 7-9: 4). The sign is the inverted top bit of the
 * first byte; a negative number has every byte inverted.
 */
final class DecimalBinary {
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private DecimalBinary() {
    }

    /** 10^n, n in 0..18. */
    static long pow10(int n) {
        return POW10[n];
    }

    /** {@code decimal_binary_size}: bytes of a DECIMAL(precision, scale). */
    static int size(int precision, int scale) {
        int intg = precision - scale;
        return (intg / 9) * 4 + DIG2BYTES[intg % 9] + (scale / 9) * 4 + DIG2BYTES[scale % 9];
    }

    static boolean validPrecision(int precision, int scale) {
        return precision > 0 && precision <= 65 && scale >= 0 && scale <= 30 && scale <= precision;
    }

    /** Whether the unscaled value of any DECIMAL(precision, scale) fits a long. */
    static boolean fitsLong(int precision) {
        return precision <= 18;
    }

    /**
     * One digit group of {@code n} (1..4) bytes, read big-endian in one access; {@code flip} is
     * what to XOR into it: the inverted bytes of a negative number ({@code mask}) and, for the
     * first group, the sign bit. A value with more than {@code digits} digits is corrupt.
     */
    private static int group(MemorySegment s, long off, int n, int mask, boolean first, int digits) {
        long v = switch (n) {
            case 1 -> Bytes.u8(s, off);
            case 2 -> Bytes.u16be(s, off);
            case 3 -> (Bytes.u16be(s, off) << 8) | Bytes.u8(s, off + 2);
            default -> Bytes.u32be(s, off);
        };
        int bits = 8 * n;
        long flip = (mask & 0xFFFF_FFFFL) >>> (32 - bits);
        if (first) {
            flip ^= 0x80L << (bits - 8);
        }
        v ^= flip;
        if (v >= POW10[digits]) {
            throw tooManyDigits(v, digits);
        }
        return (int) v;
    }

    /** Kept out of {@link #group} so that the hot path stays small enough for the JIT to inline. */
    private static IllegalArgumentException tooManyDigits(long v, int digits) {
        return new IllegalArgumentException("digit group " + v + " has more than " + digits + " digits");
    }

    static boolean isNegative(MemorySegment s, long off) {
        return (Bytes.u8(s, off) & 0x80) == 0;
    }

    /** The unscaled value; only for precision <= 18. */
    static long unscaled(MemorySegment s, long off, int precision, int scale) {
        int mask = isNegative(s, off) ? -1 : 0;
        int intg = precision - scale;
        int intg0 = intg / 9, intg0x = intg % 9, frac0 = scale / 9, frac0x = scale % 9;
        long p = off;
        boolean first = true;
        long v = 0;
        if (intg0x > 0) {
            int n = DIG2BYTES[intg0x];
            v = group(s, p, n, mask, true, intg0x);
            p += n;
            first = false;
        }
        for (int i = 0; i < intg0; i++) {
            v = v * POW10[9] + group(s, p, 4, mask, first, 9);
            p += 4;
            first = false;
        }
        for (int i = 0; i < frac0; i++) {
            v = v * POW10[9] + group(s, p, 4, mask, first, 9);
            p += 4;
            first = false;
        }
        if (frac0x > 0) {
            v = v * POW10[frac0x] + group(s, p, DIG2BYTES[frac0x], mask, first, frac0x);
        }
        return mask != 0 ? -v : v;
    }

    /**
     * The digit groups of a DECIMAL(precision, scale) that fits a long in at most 8 bytes, for
     * {@link #unscaled(long, int, int)}: at most three groups (a partial one at each end and one
     * whole one, or two whole ones), counted from the least significant as groups 2, 1, 0 (a
     * missing group has no bits and no digits): bits 0-6 the shift of group 0, 7-12 the shift of
     * group 1 (group 2 is the low bits), then the digits of groups 0, 1 and 2, 4 bits each. -1 for
     * other columns (9 bytes, or more than 18 digits).
     */
    static int layout(int precision, int scale) {
        if (!validPrecision(precision, scale) || !fitsLong(precision) || size(precision, scale) > 8) {
            return -1;
        }
        int intg = precision - scale;
        int full = intg / 9 + scale / 9;
        int groups = (intg % 9 > 0 ? 1 : 0) + full + (scale % 9 > 0 ? 1 : 0);
        if (groups > 3) {
            return -1;
        }
        // each group as bytes | digits << 3, pushed in from the least significant end
        int g0 = 0;
        int g1 = 0;
        int g2 = 0;
        for (int j = 0; j < groups; j++) {
            int g;
            if (j == 0 && intg % 9 > 0) {
                g = DIG2BYTES[intg % 9] | (intg % 9) << 3;
            } else if (j == groups - 1 && scale % 9 > 0) {
                g = DIG2BYTES[scale % 9] | (scale % 9) << 3;
            } else {
                g = 4 | 9 << 3;
            }
            g0 = g1;
            g1 = g2;
            g2 = g;
        }
        int shift1 = 8 * (g2 & 7);
        int shift0 = shift1 + 8 * (g1 & 7);
        return shift0 | shift1 << 7 | (g0 >>> 3) << 13 | (g1 >>> 3) << 17 | (g2 >>> 3) << 21;
    }

    /**
     * The unscaled value of a DECIMAL of {@code n} (1..8) bytes with the groups of {@link #layout},
     * its bytes the first {@code n} of the big-endian {@code raw} (the rest ignored): what
     * {@link #unscaled(MemorySegment, long, int, int)} computes, without loops or branches on the
     * sign. {@link Long#MIN_VALUE} (which no 18-digit value is) when a group has more digits than
     * it may: read it again with the checked method for the error.
     */
    static long unscaled(long raw, int n, int layout) {
        // -1 for a negative number (sign bit clear), whose bytes are all inverted; then the first
        // n bytes right-aligned
        long negative = ~(raw >> 63);
        long x = (raw ^ Long.MIN_VALUE ^ negative) >>> -(n << 3);
        int shift0 = layout & 0x7F;
        int shift1 = layout >>> 7 & 0x3F;
        long g2 = x & ((1L << shift1) - 1);
        long g1 = x >>> shift1 & ((1L << (shift0 - shift1)) - 1);
        long g0 = x >>> (shift0 - 1) >>> 1;
        long p0 = POW10[layout >>> 13 & 15];
        long p1 = POW10[layout >>> 17 & 15];
        long p2 = POW10[layout >>> 21 & 15];
        if (g0 >= p0 | g1 >= p1 | g2 >= p2) {
            return Long.MIN_VALUE;
        }
        long v = (g0 * p1 + g1) * p2 + g2;
        return (v ^ negative) - negative;
    }

    static BigDecimal toBigDecimal(MemorySegment s, long off, int precision, int scale) {
        if (fitsLong(precision)) {
            return BigDecimal.valueOf(unscaled(s, off, precision, scale), scale);
        }
        int mask = isNegative(s, off) ? -1 : 0;
        int intg = precision - scale;
        int intg0 = intg / 9, intg0x = intg % 9, frac0 = scale / 9, frac0x = scale % 9;
        StringBuilder digits = new StringBuilder(precision + 1);
        long p = off;
        boolean first = true;
        if (intg0x > 0) {
            int n = DIG2BYTES[intg0x];
            digits.append(group(s, p, n, mask, true, intg0x));
            p += n;
            first = false;
        }
        for (int i = 0; i < intg0; i++) {
            pad(digits, group(s, p, 4, mask, first, 9), 9);
            p += 4;
            first = false;
        }
        for (int i = 0; i < frac0; i++) {
            pad(digits, group(s, p, 4, mask, first, 9), 9);
            p += 4;
            first = false;
        }
        if (frac0x > 0) {
            pad(digits, group(s, p, DIG2BYTES[frac0x], mask, first, frac0x), frac0x);
        }
        if (digits.isEmpty()) {
            digits.append('0');
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        return new BigDecimal(mask != 0 ? unscaled.negate() : unscaled, scale);
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String d = Integer.toString(v);
        for (int i = d.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(d);
    }

    /** Text as {@code decimal2string} prints it: plain notation with exactly {@code scale} decimals. */
    static String toText(MemorySegment s, long off, int precision, int scale) {
        return toBigDecimal(s, off, precision, scale).toPlainString();
    }
}
