package io.binlogkit.emitter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Base64 the way MariaDB's {@code my_base64_encode} (mysys/base64.c) writes it inside
 * {@code BINLOG '…'}: standard alphabet with padding, a newline after every 76 characters, no
 * newline at the end. Encodes straight from the mapping into the sink.
 */
final class Base64Text {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
    static final int LINE = 76;

    private Base64Text() {
    }

    /** Characters {@link #encode} writes for {@code n} input bytes, newlines included. */
    static long encodedLength(long n) {
        if (n == 0) {
            return 0;
        }
        long chars = (n + 2) / 3 * 4;
        return chars + (chars - 1) / LINE;
    }

    static void encode(MemorySegment src, long off, long n, ByteSink out) {
        long groups = (n + 2) / 3;
        long i = 0;
        int lineChars = 0;
        // Work in chunks so that a huge event does not need one huge reservation.
        while (i < n) {
            long chunkGroups = Math.min(groups - i / 3, 4096);
            int room = (int) (chunkGroups * 4 + chunkGroups * 4 / LINE + 2);
            byte[] b = out.reserve(room);
            int p = out.position();
            for (long g = 0; g < chunkGroups; g++) {
                if (lineChars == LINE) {
                    b[p++] = '\n';
                    lineChars = 0;
                }
                int c = (src.get(ValueLayout.JAVA_BYTE, off + i) & 0xFF) << 16;
                long left = n - i;
                if (left > 1) {
                    c |= (src.get(ValueLayout.JAVA_BYTE, off + i + 1) & 0xFF) << 8;
                }
                if (left > 2) {
                    c |= src.get(ValueLayout.JAVA_BYTE, off + i + 2) & 0xFF;
                }
                b[p++] = ALPHABET[(c >> 18) & 0x3f];
                b[p++] = ALPHABET[(c >> 12) & 0x3f];
                b[p++] = left > 1 ? ALPHABET[(c >> 6) & 0x3f] : (byte) '=';
                b[p++] = left > 2 ? ALPHABET[c & 0x3f] : (byte) '=';
                lineChars += 4;
                i += 3;
            }
            out.advance(p - out.position());
        }
    }
}
