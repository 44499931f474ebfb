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
}
