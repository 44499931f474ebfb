package io.binlogkit.emitter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Base64 the way MariaDB's {@code my_base64_encode} (mysys/base64.c) writes it inside
 * {@code BINLOG '…'}: standard alphabet with padding, a newline after every 76 characters, no
 * newline at the end. The input is copied from the mapping in blocks into a reused array (per-byte
 * segment reads do not vectorise), and the text is written straight into the sink's array.
 * Not thread-safe: one instance per printer.
 */
final class Base64Text {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
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
            int lineChars = 0;
            int full = len - len % 3;
            while (i < full) {
                if (lineChars == LINE) {
                    b[p++] = '\n';
                    lineChars = 0;
                }
                int c = (in[i] & 0xFF) << 16 | (in[i + 1] & 0xFF) << 8 | (in[i + 2] & 0xFF);
                b[p] = ALPHABET[c >>> 18];
                b[p + 1] = ALPHABET[(c >>> 12) & 0x3f];
                b[p + 2] = ALPHABET[(c >>> 6) & 0x3f];
                b[p + 3] = ALPHABET[c & 0x3f];
                p += 4;
                lineChars += 4;
                i += 3;
            }
            int left = len - full;
            if (left > 0) {
                if (lineChars == LINE) {
                    b[p++] = '\n';
                }
                int c = (in[i] & 0xFF) << 16 | (left > 1 ? (in[i + 1] & 0xFF) << 8 : 0);
                b[p++] = ALPHABET[c >>> 18];
                b[p++] = ALPHABET[(c >>> 12) & 0x3f];
                b[p++] = left > 1 ? ALPHABET[(c >>> 6) & 0x3f] : (byte) '=';
                b[p++] = '=';
            }
            out.advance(p - out.position());
            done += len;
        }
    }
}
