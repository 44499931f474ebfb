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
