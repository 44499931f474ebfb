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
}
