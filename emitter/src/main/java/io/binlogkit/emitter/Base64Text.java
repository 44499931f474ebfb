package io.binlogkit.emitter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Base64 the way MariaDB's {@code my_base64_encode} (mysys/base64.c) writes it inside
 * {@code BINLOG '…'}: standard alphabet with padding, a newline after every 76 characters, no
 * newline at the end. The input is copied from the mapping in blocks into a reused array (per-byte
 * segment reads do not vectorise), and the text is written straight into the sink's array.
 *
 * <p>The inner loop works a whole line (57 input bytes, 76 characters) at a time, six input bytes
 * per step: one big-endian long read, four look-ups in a table of the 4096 two-character pairs, one
 * little-endian long store of the eight characters. No per-character line check, no allocation.
 * Not thread-safe: one instance per printer.
 */
final class Base64Text {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
    /** Every 12-bit value as its two characters, the first in the low byte (little-endian store order). */
    private static final short[] PAIRS = new short[4096];
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 4096; i++) {
            PAIRS[i] = (short) ((ALPHABET[i >>> 6] & 0xFF) | (ALPHABET[i & 0x3f] & 0xFF) << 8);
        }
    }

    static final int LINE = 76;
    /** Input bytes per line (76 characters / 4 * 3). */
    private static final int LINE_BYTES = LINE / 4 * 3;
    /** Input block: a whole number of lines. */
    private static final int BLOCK = LINE_BYTES * 256;

    private final byte[] in = new byte[BLOCK];

    /** Characters {@link #encode} writes for {@code n} input bytes, newlines included. */
    static long encodedLength(long n) {
        if (n == 0) {
            return 0;
        }
        long chars = (n + 2) / 3 * 4;
        return chars + (chars - 1) / LINE;
    }

    void encode(MemorySegment src, long off, long n, ByteSink out) {
        long done = 0;
        byte[] in = this.in;
        while (done < n) {
            int len = (int) Math.min(BLOCK, n - done);
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, off + done, in, 0, len);
            // Blocks hold whole lines, so a block after the first starts a new line.
            int room = (len + 2) / 3 * 4 + len / LINE_BYTES + 2;
            byte[] b = out.reserve(room);
            int p = out.position();
            if (done > 0) {
                b[p++] = '\n';
            }
            int i = 0;
            int lines = len / LINE_BYTES;
            for (int l = 0; l < lines; l++) {
                if (l > 0) {
                    b[p++] = '\n';
                }
                // 9 steps of 6 bytes (the last long read ends at byte 56 of the line: inside it)
                for (int s = 0; s < 9; s++) {
                    long v = (long) BE_LONG.get(in, i);
                    long chars = (PAIRS[(int) (v >>> 52)] & 0xFFFFL)
                            | (PAIRS[(int) (v >>> 40) & 0xFFF] & 0xFFFFL) << 16
                            | (PAIRS[(int) (v >>> 28) & 0xFFF] & 0xFFFFL) << 32
                            | (PAIRS[(int) (v >>> 16) & 0xFFF] & 0xFFFFL) << 48;
                    LE_LONG.set(b, p, chars);
                    i += 6;
                    p += 8;
                }
                int c = (in[i] & 0xFF) << 16 | (in[i + 1] & 0xFF) << 8 | (in[i + 2] & 0xFF);
                LE_INT.set(b, p, (PAIRS[c >>> 12] & 0xFFFF) | (PAIRS[c & 0xFFF] & 0xFFFF) << 16);
                i += 3;
                p += 4;
            }
            if (i < len) {
                // a last, partial line
                if (lines > 0) {
                    b[p++] = '\n';
                }
                int full = len - (len - i) % 3;
                while (i < full) {
                    int c = (in[i] & 0xFF) << 16 | (in[i + 1] & 0xFF) << 8 | (in[i + 2] & 0xFF);
                    LE_INT.set(b, p, (PAIRS[c >>> 12] & 0xFFFF) | (PAIRS[c & 0xFFF] & 0xFFFF) << 16);
                    i += 3;
                    p += 4;
                }
                int left = len - full;
                if (left > 0) {
                    int c = (in[i] & 0xFF) << 16 | (left > 1 ? (in[i + 1] & 0xFF) << 8 : 0);
                    b[p++] = ALPHABET[c >>> 18];
                    b[p++] = ALPHABET[(c >>> 12) & 0x3f];
                    b[p++] = left > 1 ? ALPHABET[(c >>> 6) & 0x3f] : (byte) '=';
                    b[p++] = '=';
                }
            }
            out.advance(p - out.position());
            done += len;
        }
    }
}
