package io.binlogkit.emitter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Base64Text} is RFC 4648 base64 broken into 76-character lines, no newline at the end. */
class Base64TextTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 56, 57, 58, 113, 114, 115, 171, 1000, 14_591, 14_592, 14_593, 100_000})
    void matchesTheJdkEncoderWithMariadbLineBreaks(int n) {
        byte[] data = new byte[n];
        new SplittableRandom(n).nextBytes(data);
        ByteSink out = new ByteSink(null);
        new Base64Text().encode(MemorySegment.ofArray(data), 0, n, out);
        String expected = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        assertThat(out.toString()).isEqualTo(expected);
        assertThat(Base64Text.encodedLength(n)).isEqualTo(expected.length());
    }
}
