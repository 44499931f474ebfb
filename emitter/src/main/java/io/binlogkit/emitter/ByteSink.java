package io.binlogkit.emitter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that drains into an {@link OutputStream} when it passes its flush
 * threshold. Output text is assembled here byte by byte (numbers without {@code String}s, slices of
 * the mapping copied straight in), so the hot path of a dump makes no garbage per event.
 *
 * <p>A writer that must never emit half a unit (an event's text) calls {@link #commit()} after each
 * complete unit: from then on only committed bytes are drained, and {@link #discardUncommitted()}
 * drops a unit that failed half-way.
 */
public final class ByteSink {
    private static final int FLUSH_AT = 1 << 16;

    private final OutputStream out;
    private byte[] buf = new byte[FLUSH_AT * 2];
    private int len;
    private long flushed;
    /** End of the committed bytes, or -1 while {@link #commit()} has never been called. */
    private int mark = -1;

    /** A sink that writes to {@code out}; {@code null} keeps everything in memory. */
    public ByteSink(OutputStream out) {
        this.out = out;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            if (out != null && len > 0) {
                drain();
            }
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }
    }

    /** Marks a point where buffered output may be written out (between events). */
    public void maybeFlush() {
        if (out != null && len >= FLUSH_AT) {
            drain();
        }
    }

    /**
     * Declares everything written so far complete: only committed bytes are drained from now on,
     * and {@link #discardUncommitted()} returns to this point.
     */
    public void commit() {
        mark = len;
    }

    /** Drops what was written since the last {@link #commit()} (nothing when never committed). */
    public void discardUncommitted() {
        if (mark >= 0) {
            len = mark;
        }
    }

    /** Writes out the drainable bytes: all of them, or only the committed ones once marks are used. */
    private void drain() {
        int n = mark >= 0 ? mark : len;
        if (n == 0) {
            return;
        }
        try {
            out.write(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flushed += n;
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        if (mark >= 0) {
            mark = 0;
        }
    }

    /** Writes everything committed (everything, when marks are not used) out and flushes the stream. */
    public void flush() {
        if (out != null) {
            drain();
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public ByteSink byte_(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** Appends a string of ASCII (or Latin-1) characters, one byte each. */
    public ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    public ByteSink utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteSink bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteSink bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends bytes straight from a segment (a slice of the mapping). */
    public ByteSink bytes(MemorySegment s) {
        return bytes(s, 0, s.byteSize());
    }

    public ByteSink bytes(MemorySegment s, long off, long n) {
        ensure((int) n);
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, buf, len, (int) n);
        len += (int) n;
        return this;
    }

    /**
     * Appends {@code n} bytes of {@code s} between single quotes as {@code my_b_write_quoted} in
     * MariaDB's {@code sql/log_event_client.cc} does: bytes below 0x20 as {@code \xNN}, every other
     * byte (quotes and backslashes included) as it is. The bytes are copied in one go and escaped in
     * place only when one needs it.
     */
    public ByteSink quoted(MemorySegment s, long off, int n) {
        ensure(n + 10); // the closing quote, and room for an 8-byte read at the first byte
        buf[len] = '\'';
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, buf, len + 1, n);
        int from = len + 1;
        int end = from + n;
        int i = from;
        // Eight bytes at a time: a byte below 0x20 sets its high bit in (w - 0x20..) & ~w (bytes
        // above the first such byte may show a false hit, which the byte loop below clears).
        long controls;
        if (n < 8) {
            // one read of the whole value: the bytes after it (not the value's) are masked off
            long w = (long) LE_LONG.get(buf, from);
            controls = (w - 0x2020_2020_2020_2020L) & ~w & HIGHS & ((1L << (n << 3)) - 1);
        } else {
            while (i + 8 <= end) {
                long w = (long) LE_LONG.get(buf, i);
                if (((w - 0x2020_2020_2020_2020L) & ~w & HIGHS) != 0) {
                    break;
                }
                i += 8;
            }
            // the last bytes with one read that overlaps the ones already checked
            long w = (long) LE_LONG.get(buf, end - 8);
            controls = i + 8 <= end ? HIGHS : (w - 0x2020_2020_2020_2020L) & ~w & HIGHS;
        }
        if (controls == 0) {
            buf[end] = '\'';
            len = end + 1;
            return this;
        }
        while (i < end && (buf[i] & 0xFF) > 0x1F) {
            i++;
        }
        if (i == end) {
            buf[end] = '\'';
            len = end + 1;
            return this;
        }
        // Rare: a control byte. Escape from the first one on.
        byte[] rest = Arrays.copyOfRange(buf, i, end);
        len = i;
        for (byte b : rest) {
            if ((b & 0xFF) > 0x1F) {
                byte_(b);
            } else {
                ensure(4);
                buf[len++] = '\\';
                buf[len++] = 'x';
                buf[len++] = HEX[(b >> 4) & 0xF];
                buf[len++] = HEX[b & 0xF];
            }
        }
        return byte_('\'');
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /**
     * Appends the lines of {@code src[from, end)} as {@code Annotate_rows_log_event::print} does:
     * every run of CR / LF bytes is a line break, empty lines are dropped, each line is printed as
     * {@code #Q> line\n}. Line ends are found eight bytes at a time and each line is one bulk copy.
     */
    ByteSink queryLines(byte[] src, int from, int end) {
        int p = from;
        while (p < end) {
            while (p < end && (src[p] == '\r' || src[p] == '\n')) {
                p++;
            }
            if (p >= end) {
                break;
            }
            int e = lineBreak(src, p + 1, end);
            int n = e - p;
            ensure(n + 5);
            byte[] b = buf;
            int l = len;
            b[l] = '#';
            b[l + 1] = 'Q';
            b[l + 2] = '>';
            b[l + 3] = ' ';
            System.arraycopy(src, p, b, l + 4, n);
            b[l + 4 + n] = '\n';
            len = l + 5 + n;
            p = e;
        }
        return this;
    }

    /**
     * {@link #queryLines(byte[], int, int)} of {@code src[from, end)} of a segment (the mapping):
     * a text without CR or LF, the usual statement, is one line, copied once and scanned where it
     * landed; a text with line breaks is split by the array version.
     */
    ByteSink queryLines(MemorySegment src, long from, long end) {
        int n = (int) (end - from);
        if (n <= 0) {
            return this;
        }
        ensure(n + 5);
        byte[] b = buf;
        int l = len;
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, from, b, l + 4, n);
        if (lineBreak(b, l + 4, l + 4 + n) == l + 4 + n) {
            b[l] = '#';
            b[l + 1] = 'Q';
            b[l + 2] = '>';
            b[l + 3] = ' ';
            b[l + 4 + n] = '\n';
            len = l + 5 + n;
            return this;
        }
        if (lines.length < n) {
            lines = new byte[Math.max(n, lines.length * 2)];
        }
        System.arraycopy(b, l + 4, lines, 0, n);
        return queryLines(lines, 0, n);
    }

    /** The text of a multi-line statement, for {@link #queryLines(MemorySegment, long, long)}. */
    private byte[] lines = new byte[0];

    /** Index of the first CR or LF of {@code src[from, end)}, or {@code end}. */
    static int lineBreak(byte[] src, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LE_LONG.get(src, i);
            long lf = w ^ 0x0A0A_0A0A_0A0A_0A0AL;
            long cr = w ^ 0x0D0D_0D0D_0D0D_0D0DL;
            // a zero byte of lf or cr sets its high bit; borrows only mark bytes above the first hit
            long hit = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (src[i] == '\r' || src[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    /** Appends a signed decimal number. */
    public ByteSink dec(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii("-9223372036854775808");
        }
        if (v < 0) {
            byte_('-');
            v = -v;
        }
        return udecPositive(v);
    }

    /** Appends a signed decimal number (int arithmetic: cheaper divisions than {@link #dec(long)}). */
    public ByteSink dec(int v) {
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                return ascii("-2147483648");
            }
            byte_('-');
            v = -v;
        }
        return udecInt(v);
    }

    /** Appends {@code v} read as an unsigned 64-bit number. */
    public ByteSink udec(long v) {
        if (v < 0) {
            return ascii(Long.toUnsignedString(v));
        }
        return udecPositive(v);
    }

    private ByteSink udecPositive(long v) {
        if (v <= Integer.MAX_VALUE) {
            return udecInt((int) v);
        }
        if (v < 10) {
            ensure(1);
            buf[len++] = (byte) ('0' + v);
            return this;
        }
        int digits = digits(v);
        ensure(digits);
        int p = len + digits;
        len = p;
        byte[] b = buf;
        // two digits per division: rows are mostly numbers, and this loop was the top of the -v profile
        while (v >= 100) {
            int r = (int) (v % 100);
            v /= 100;
            b[--p] = DIGIT_ONES[r];
            b[--p] = DIGIT_TENS[r];
        }
        if (v >= 10) {
            b[--p] = DIGIT_ONES[(int) v];
            b[--p] = DIGIT_TENS[(int) v];
        } else {
            b[--p] = (byte) ('0' + v);
        }
        return this;
    }

    /**
     * {@code v >= 0} in decimal: four digits per step from {@link #FOUR_DIGITS}, each stored with
     * one 4-byte write (rows are mostly numbers: this was the top of the -v profile).
     */
    private ByteSink udecInt(int v) {
        ensure(12); // 10 digits, and the spare bytes of the 4-byte writes
        byte[] b = buf;
        int p = len;
        if (v < 10_000) {
            p = head(b, p, v);
        } else if (v < 100_000_000) {
            int hi = v / 10_000;
            p = head(b, p, hi);
            lastDigits(b, p, v - hi * 10_000, 4);
            p += 4;
        } else {
            int hi = v / 100_000_000;
            int rest = v - hi * 100_000_000;
            int mid = rest / 10_000;
            p = head(b, p, hi);
            lastDigits(b, p, mid, 4);
            lastDigits(b, p + 4, rest - mid * 10_000, 4);
            p += 8;
        }
        len = p;
        return this;
    }

    /** Writes {@code 0 <= v < 10000} without leading zeros at {@code b[p]}; needs 4 bytes of room. */
    private static int head(byte[] b, int p, int v) {
        int n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : 4;
        lastDigits(b, p, v, n);
        return p + n;
    }

    /**
     * Writes the last {@code n} (1..4) of the four digits of {@code 0 <= v < 10000} at {@code b[p]}
     * with one 4-byte store: they are the high {@code n} bytes of its little-endian word, shifted
     * down; the bytes after them are scratch the caller has room for.
     */
    private static void lastDigits(byte[] b, int p, int v, int n) {
        LE_INT.set(b, p, FOUR_DIGITS[v] >>> ((4 - n) << 3));
    }

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Every 0..9999 as four ASCII digits, the first in the low byte. */
    private static final int[] FOUR_DIGITS = new int[10_000];

    static {
        for (int i = 0; i < FOUR_DIGITS.length; i++) {
            FOUR_DIGITS[i] = ('0' + i / 1000) | ('0' + i / 100 % 10) << 8 | ('0' + i / 10 % 10) << 16
                    | ('0' + i % 10) << 24;
        }
    }

    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];
    private static final long[] POW10 = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Decimal digits of {@code v} (0 < v <= Long.MAX_VALUE). */
    private static int digits(long v) {
        // log10 from the bit length, then one comparison to correct it
        int guess = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12;
        return guess < POW10.length && v >= POW10[guess] ? guess + 1 : Math.max(guess, 1);
    }

    /** Appends {@code v} as {@code width} decimal digits with leading zeros. */
    public ByteSink zeroPadded(long v, int width) {
        ensure(width + 4); // room for the spare bytes of the 4-byte writes
        if (v >= 0 && v < 100_000_000 && width <= 8) {
            // the last `width` digits from FOUR_DIGITS: the temporal fields and fractions of -v
            int x = (int) v;
            if (width <= 4) {
                lastDigits(buf, len, x % 10_000, width);
            } else {
                int hi = x / 10_000;
                lastDigits(buf, len, hi, width - 4);
                lastDigits(buf, len + width - 4, x - hi * 10_000, 4);
            }
            len += width;
            return this;
        }
        for (int i = width - 1; i >= 0; i--) {
            buf[len + i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len += width;
        return this;
    }

    /**
     * Makes room for {@code n} more bytes and returns the backing array; write at
     * {@link #position()} and then call {@link #advance(int)}. For encoders in this package.
     */
    byte[] reserve(int n) {
        ensure(n);
        return buf;
    }

    /** Index in {@link #reserve(int)}'s array where the next byte goes. */
    int position() {
        return len;
    }

    /** Accounts for {@code n} bytes written directly into the reserved array. */
    void advance(int n) {
        len += n;
    }

    /** Bytes held and not yet written out. */
    public int pending() {
        return len;
    }

    /** Total bytes produced so far. */
    public long total() {
        return flushed + len;
    }

    /** Drops the buffered bytes past {@code newPending}. */
    public void truncate(int newPending) {
        len = newPending;
        if (mark > len) {
            mark = len;
        }
    }

    /** The internal buffer; its first {@link #pending()} bytes are the buffered output. */
    public byte[] buffer() {
        return buf;
    }

    /** A copy of the buffered bytes (for tests and in-memory sinks). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
