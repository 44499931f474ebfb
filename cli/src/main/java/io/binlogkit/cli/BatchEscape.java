package io.binlogkit.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bytes the client's batch mode escapes (NUL, tab, newline, backslash), found eight at a time:
 * statements in a binlog run to megabytes, and a byte-by-byte scan was the cost of
 * {@code binlog events --format tsv}.
 */
final class BatchEscape {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private BatchEscape() {
    }

    /** Index of the first byte to escape in {@code b[from, to)}, or {@code to}. */
    static int next(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            if ((zero(w) | zero(w ^ (ONES * '\t')) | zero(w ^ (ONES * '\n')) | zero(w ^ (ONES * '\\'))) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            if (letter(b[i]) != 0) {
                return i;
            }
        }
        return to;
    }

    /**
     * Index of the first byte of {@code b[from, to)} that a JSON string escapes (below 0x20, a
     * double quote or a backslash), or {@code to}; for ASCII text.
     */
    static int nextJson(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            // a byte below 0x20 of ASCII text: (byte - 0x20) borrows into its high bit
            long control = (w - ONES * 0x20) & ~w & HIGHS;
            if ((control | zero(w ^ (ONES * '"')) | zero(w ^ (ONES * '\\'))) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            int x = b[i];
            if (x < 0x20 || x == '"' || x == '\\') {
                return i;
            }
        }
        return to;
    }

    /** Whether {@code b[0, len)} is all ASCII (eight bytes at a time). */
    static boolean isAscii(byte[] b, int len) {
        int i = 0;
        long any = 0;
        for (; i + 8 <= len; i += 8) {
            any |= (long) LONGS.get(b, i);
        }
        for (; i < len; i++) {
            any |= b[i];
        }
        return (any & HIGHS) == 0;
    }

    /** Non-zero where a byte of {@code w} is zero (exact: no false positives in the high bits). */
    private static long zero(long w) {
        return ~(((w & ~HIGHS) + ~HIGHS) | w | ~HIGHS);
    }

    /** The letter after the backslash for a byte to escape, 0 for a byte printed as it is. */
    static char letter(byte x) {
        return switch (x) {
            case 0 -> '0';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\\' -> '\\';
            default -> 0;
        };
    }
}
