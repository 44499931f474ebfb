package io.binlogkit.cli;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEscapeTest {
    @Test
    void findsEverySpecialByteLikeAPlainScan() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] alphabet = {0, '\t', '\n', '\\', 'a', (byte) 0x80, (byte) 0xff, (byte) 0x89, (byte) 0x8a, (byte) 0xdc, 1};
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int expected = from;
            while (expected < b.length && BatchEscape.letter(b[expected]) == 0) {
                expected++;
            }
            assertThat(BatchEscape.next(b, from, b.length)).isEqualTo(expected);
        }
    }

    @Test
    void asciiCheckSeesAnyHighByte() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            boolean ascii = true;
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (rnd.nextInt(20) == 0 ? rnd.nextInt(256) : rnd.nextInt(128));
                ascii &= b[i] >= 0;
            }
            assertThat(BatchEscape.isAscii(b, b.length)).isEqualTo(ascii);
        }
    }

    /** binlog events --format json writes ASCII text itself: it must escape exactly as Jackson. */
    @Test
    void jsonEscapesOfAsciiTextAreJacksons() throws Exception {
        com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
        SplittableRandom rnd = new SplittableRandom(13);
        for (int round = 0; round < 3000; round++) {
            byte[] b = new byte[round < 128 ? 1 : rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (round < 128 ? round : rnd.nextInt(4) == 0 ? rnd.nextInt(0x20) : rnd.nextInt(128));
            }
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(expected)) {
                g.writeString(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
            }
            io.binlogkit.emitter.ByteSink out = new io.binlogkit.emitter.ByteSink(null);
            EventsCommand.jsonAscii(b, b.length, out);
            assertThat(new String(out.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(expected.toString(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
