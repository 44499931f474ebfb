package io.binlogkit.emitter;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSinkTest {
    @Test
    void onlyCommittedBytesReachTheStream() {
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        ByteSink s = new ByteSink(os);
        s.ascii("complete\n").commit();
        // Far more than the buffer: the sink must grow rather than drain a half event.
        for (int i = 0; i < 100_000; i++) {
            s.ascii("half an event ");
        }
        assertThat(os.toString()).isEqualTo("complete\n");
        s.discardUncommitted();
        s.flush();
        assertThat(os.toString()).isEqualTo("complete\n");
        s.ascii("next\n").commit();
        s.ascii("uncommitted");
        s.flush();
        assertThat(os.toString()).isEqualTo("complete\nnext\n");
        assertThat(s.pending()).isEqualTo("uncommitted".length());
    }

    @Test
    void withoutMarksEverythingIsDrained() {
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        ByteSink s = new ByteSink(os);
        s.dec(-42).byte_(' ').udec(-1).byte_(' ').zeroPadded(7, 3);
        s.flush();
        assertThat(os.toString()).isEqualTo("-42 18446744073709551615 007");
    }

    @Test
    void numbersAroundEveryPowerOfTen() {
        ByteSink s = new ByteSink(null);
        long p = 1;
        for (int i = 0; i <= 18; i++) {
            for (long v : new long[]{p - 1, p, p + 1, p * 9 / 5}) {
                s.truncate(0);
                s.dec(v).byte_(' ').dec(-v);
                assertThat(s.toString()).isEqualTo(v + " " + (-v));
            }
            p *= 10;
        }
        s.truncate(0);
        s.dec(Long.MAX_VALUE).byte_(' ').dec(Long.MIN_VALUE);
        assertThat(s.toString()).isEqualTo(Long.MAX_VALUE + " " + Long.MIN_VALUE);
    }

    @Test
    void queryLinesSplitsOnRunsOfCrLfAsAnnotateRowsPrints() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        byte[] alphabet = {'a', 'b', '\r', '\n', (byte) 0x8a, (byte) 0x0b, 0x0c, ' '};
        for (int n = 0; n < 300; n++) {
            byte[] src = new byte[n + 3];
            for (int i = 0; i < src.length; i++) {
                src[i] = alphabet[r.nextInt(alphabet.length)];
            }
            // the reference: the byte loop of Annotate_rows_log_event::print
            ByteSink expected = new ByteSink(null);
            int p = 3;
            while (p < src.length) {
                while (p < src.length && (src[p] == '\r' || src[p] == '\n')) {
                    p++;
                }
                int e = p + 1;
                while (e < src.length && src[e] != '\r' && src[e] != '\n') {
                    e++;
                }
                if (p < src.length) {
                    expected.ascii("#Q> ").bytes(src, p, e - p).byte_('\n');
                }
                p = e;
            }
            ByteSink s = new ByteSink(null);
            s.queryLines(src, 3, src.length);
            assertThat(s.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    /** The last {@code width} digits of {@code v}, with leading zeros, on every path. */
    @Test
    void zeroPaddedKeepsTheLastDigits() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int round = 0; round < 20_000; round++) {
            int width = 1 + rnd.nextInt(12);
            long v = switch (round % 4) {
                case 0 -> rnd.nextLong(100);
                case 1 -> rnd.nextLong(Integer.MAX_VALUE + 1L);
                case 2 -> rnd.nextLong(Long.MAX_VALUE);
                default -> rnd.nextLong((long) Math.pow(10, Math.min(width, 18)));
            };
            String digits = Long.toString(v);
            String expected = digits.length() >= width ? digits.substring(digits.length() - width)
                    : "0".repeat(width - digits.length()) + digits;
            ByteSink s = new ByteSink(null);
            s.byte_('x').zeroPadded(v, width);
            assertThat(new String(s.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII))
                    .as("v=%d width=%d", v, width).isEqualTo("x" + expected);
        }
    }

    /** The segment version of queryLines prints what the array version prints. */
    @Test
    void queryLinesFromASegmentEqualsTheArrayVersion() {
        String[] texts = {"insert into t values (1)", "", "\n", "a\nb", "\r\nselect 1\r\n\r\nfrom t\n",
                "x".repeat(70_000), "tail\r"};
        for (String text : texts) {
            byte[] src = ("abc" + text).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteSink expected = new ByteSink(null);
            expected.queryLines(src, 3, src.length);
            ByteSink actual = new ByteSink(null);
            actual.byte_('>');
            actual.queryLines(java.lang.foreign.MemorySegment.ofArray(src), 3, src.length);
            assertThat(new String(actual.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(">" + new String(expected.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** Decimal numbers on every path (one to ten digits, int and long, signed and unsigned). */
    @Test
    void decimalsAreLongToString() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 9L, 10L, 99L, 100L, 999L, 1000L,
                9999L, 10_000L, 99_999_999L, 100_000_000L, 2_147_483_647L, -2_147_483_648L, 2_147_483_648L,
                Long.MAX_VALUE, Long.MIN_VALUE, -1L));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long bound = (long) Math.pow(10, 1 + rnd.nextInt(18));
            values.add(rnd.nextLong(bound) * (rnd.nextBoolean() ? 1 : -1));
        }
        for (long v : values) {
            ByteSink s = new ByteSink(null);
            s.byte_('x').dec(v).byte_(' ').udec(v);
            if (v == (int) v) {
                s.byte_(' ').dec((int) v);
            }
            String expected = "x" + v + " " + Long.toUnsignedString(v) + (v == (int) v ? " " + v : "");
            assertThat(new String(s.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    /** quoted() escapes exactly the bytes below 0x20, whatever the length and the position. */
    @Test
    void quotedEscapesControlBytesOnly() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        for (int round = 0; round < 50_000; round++) {
            byte[] v = new byte[rnd.nextInt(41)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (byte) (rnd.nextInt(6) == 0 ? rnd.nextInt(0x21) : rnd.nextInt(256));
            }
            StringBuilder expected = new StringBuilder("'");
            for (byte b : v) {
                if ((b & 0xFF) < 0x20) {
                    expected.append(String.format("\\x%02x", b));
                } else {
                    expected.append((char) (b & 0xFF));
                }
            }
            expected.append('\'');
            ByteSink s = new ByteSink(null);
            String prefix = "p".repeat(rnd.nextInt(9));
            s.ascii(prefix);
            s.quoted(java.lang.foreign.MemorySegment.ofArray(v), 0, v.length);
            assertThat(new String(s.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(prefix + expected);
        }
    }
}
