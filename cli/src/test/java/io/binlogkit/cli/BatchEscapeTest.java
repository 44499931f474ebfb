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
}
