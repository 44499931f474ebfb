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
 * <p>Whole lines (57 input bytes, 76 characters) go through {@link java.util.Base64}'s encoder, whose
 * {@code encodeBlock} is a vectorised JIT intrinsic (AVX2 / AVX-512), into a reused array, then out
 * 76 characters and a newline at a time. The last partial line is encoded here, three input bytes
 * per step with a table of the 4096 two-character pairs. No allocation after the first blocks.
 * Not thread-safe: one instance per printer.
 */
final class Base64Text {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
    /** Every 12-bit value as its two characters, the first in the low byte (little-endian store order). */
    private static final short[] PAIRS = new short[4096];
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

    private static final java.util.Base64.Encoder PLAIN = java.util.Base64.getEncoder();

    private final byte[] in = new byte[LINE_BYTES];
    /** Input arrays of exactly 1..256 lines, made when first needed (at most ~1.9 MB in all). */
    private final byte[][] exact = new byte[BLOCK / LINE_BYTES + 1][];
    /** The characters of a block's whole lines, without newlines. */
    private final byte[] chars = new byte[BLOCK / LINE_BYTES * LINE];

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
            // Blocks hold whole lines, so a block after the first starts a new line.
            int room = (len + 2) / 3 * 4 + len / LINE_BYTES + 2;
            byte[] b = out.reserve(room);
            int p = out.position();
            if (done > 0) {
                b[p++] = '\n';
            }
            int lines = len / LINE_BYTES;
            if (lines > 0) {
                // The whole lines: the JDK's encoder (a vectorised intrinsic) makes the characters
                // in one go, then they are copied out 76 at a time with the newlines between.
                byte[] exact = exactInput(lines);
                MemorySegment.copy(src, ValueLayout.JAVA_BYTE, off + done, exact, 0, exact.length);
                byte[] chars = this.chars;
                PLAIN.encode(exact, chars);
                for (int l = 0; l < lines; l++) {
                    System.arraycopy(chars, l * LINE, b, p, LINE);
                    b[p + LINE] = '\n';
                    p += LINE + 1;
                }
                p--; // no newline after the last whole line (yet)
            }
            int rest = len - lines * LINE_BYTES;
            if (rest > 0) {
                // a last, partial line
                MemorySegment.copy(src, ValueLayout.JAVA_BYTE, off + done + lines * LINE_BYTES, in, 0, rest);
                if (lines > 0) {
                    b[p++] = '\n';
                }
                p = partialLine(in, rest, b, p);
            }
            out.advance(p - out.position());
            done += len;
        }
    }

    /** Encodes {@code in[0, len)} (less than a line) at {@code b[p]}; returns the new position. */
    private static int partialLine(byte[] in, int len, byte[] b, int p) {
        int i = 0;
        int full = len - len % 3;
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
        return p;
    }

    /** A reused array of exactly {@code lines} lines of input (the JDK encoder takes whole arrays). */
    private byte[] exactInput(int lines) {
        byte[] a = exact[lines];
        if (a == null) {
            a = new byte[lines * LINE_BYTES];
            exact[lines] = a;
        }
        return a;
    }
}
