package io.binlogkit.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binary JSON (json_binary.h layout) to mysqlbinlog's text, decimals, and serialization varlens. */
class JsonBinaryTest {
    private static String text(String hex) {
        byte[] b = new TestBinlog.Bytes().hex(hex).bytes();
        return JsonBinary.toText(MemorySegment.ofArray(b), 0, b.length);
    }

    @Test
    void smallObjectWithInlinedAndOffsetValues() {
        // {"a": 1, "bc": "q\"\u0001"}: type 00; count 2, size; key entries (offset, length) x2;
        // value entries: (05 int16 inline 1), (0c string at offset 21); keys "a" "bc"; string varlen 3;
        // size = 4 + 2 * 4 + 2 * 3 + 3 + 4 = 25
        String doc = "00 02 00 19 00 "
                + "12 00 01 00  13 00 02 00 "
                + "05 01 00  0c 15 00 "
                + "61 62 63 "
                + "03 71 22 01";
        assertThat(text(doc)).isEqualTo("{\"a\": 1, \"bc\": \"q\\\"\\u0001\"}");
    }

    @Test
    void largeArrayScalars() {
        // type 03 (large array): count 4, size (u32); entries of 5 bytes: int32 inline (large only),
        // uint64 at offset, double at offset, literal false
        String doc = "03 04 00 00 00 2c 00 00 00 "
                + "07 ff ff ff ff  0a 1c 00 00 00  0b 24 00 00 00  04 02 00 00 00 "
                + "ff ff ff ff ff ff ff ff "
                + "00 00 00 00 00 00 f0 3f";
        assertThat(text(doc)).isEqualTo("[-1, 18446744073709551615, 1.0, false]");
    }

    @Test
    void topLevelScalarsAreNotQuoted() {
        assertThat(text("0c 03 61 62 63")).isEqualTo("abc");
        assertThat(text("04 00")).isEqualTo("null");
        assertThat(text("")).isEqualTo("null"); // empty document: parse_binary reads it as null
        assertThat(text("09 fe ff ff ff ff ff ff ff")).isEqualTo("-2");
    }

    @Test
    void opaqueDecimalDateAndOther() {
        // opaque: type 0f, field type, varlen length, data. DECIMAL: precision 4, scale 2, 12.50 -> 8c 32
        assertThat(text("0f f6 04 04 02 8c 32")).isEqualTo("12.50");
        // DATETIME packed: ((2015 * 13 + 1) << 22 | 15 << 17 | 23 << 12 | 24 << 6 | 25) << 24, LE
        long ymdhms = ((2015L * 13 + 1) << 22) | (15L << 17) | (23 << 12) | (24 << 6) | 25;
        long packed = ymdhms << 24;
        TestBinlog.Bytes b = new TestBinlog.Bytes().hex("02 01 00 08 00 0f 07 00").u8(0x0c).u8(8).u64(packed);
        // array of one opaque value at offset 7: nested dates are double-quoted, with 6 fraction digits
        byte[] arr = b.bytes();
        arr[3] = (byte) (arr.length - 1);
        assertThat(JsonBinary.toText(MemorySegment.ofArray(arr), 0, arr.length))
                .isEqualTo("[\"2015-01-15 23:24:25.000000\"]");
        // other opaque types print as base64:typeNN:...
        assertThat(text("0f fc 02 01 02")).isEqualTo("base64:type252:AQI=");
    }

    @ParameterizedTest
    @CsvSource({
            "1.0, 1",
            "0.1, 0.1",
            "-2.5, -2.5",
            "1e20, 1e20",
            "1e15, 1e15",
            "123456789012345.0, 123456789012345",
            "1234567890123456.7, 1234567890123456.8",
            "1.5e-7, 0.00000015",
            "1e-14, 0.00000000000001",
            "1e-15, 0.000000000000001",
            "1e-16, 1e-16",
            "3.141592653589793, 3.141592653589793",
            "-1.7976931348623157e308, -1.7976931348623157e308",
    })
    void doublesFollowMyGcvt(double d, String expected) {
        assertThat(JsonBinary.gcvt(d)).isEqualTo(expected);
    }

    @Test
    void integralDoublesGetPointZero() {
        StringBuilder sb = new StringBuilder();
        JsonBinary.appendDouble(sb, 3.0);
        assertThat(sb).hasToString("3.0");
        sb.setLength(0);
        JsonBinary.appendDouble(sb, 1e20);
        assertThat(sb).hasToString("1e20");
    }

    @Test
    void malformedDocumentsThrowWithOffsets() {
        assertThatThrownBy(() -> text("02 05 00 40 00")).isInstanceOf(JsonBinary.Malformed.class);
        assertThatThrownBy(() -> text("0d 00")).isInstanceOf(JsonBinary.Malformed.class);
        assertThatThrownBy(() -> text("0c 85 80 80 80 80 01")).isInstanceOf(JsonBinary.Malformed.class);
    }

    @Test
    void decimalsBeyondALong() {
        // DECIMAL(30,10) 12345678901234567890.0123456789: intg 20 = 2 digits (1 byte) + 2 x 9;
        // frac 10 = 9 + 1 digit (1 byte); sign bit set on the first byte
        byte[] b = new TestBinlog.Bytes().u8(0x80 | 12)
                .hex(String.format("%08x", 345678901)).hex(String.format("%08x", 234567890))
                .hex(String.format("%08x", 12345678)).u8(9).bytes();
        MemorySegment s = MemorySegment.ofArray(b);
        assertThat(DecimalBinary.size(30, 10)).isEqualTo(b.length);
        assertThat(DecimalBinary.toBigDecimal(s, 0, 30, 10)).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ~b[i];
        }
        assertThat(DecimalBinary.toText(s, 0, 30, 10)).isEqualTo("-12345678901234567890.0123456789");
    }

    @ParameterizedTest
    @CsvSource({"00, 0", "02, 1", "fe, 127", "01 02, 128", "fb ff ff, 2097151", "ff ff ff ff ff ff ff ff ff, -1"})
    void serializationVarlen(String hex, long expected) {
        MemorySegment s = MemorySegment.ofArray(new TestBinlog.Bytes().hex(hex).bytes());
        assertThat(Bytes.varlen(s, 0)).isEqualTo(expected);
        assertThat(Bytes.varlenSize(s, 0)).isEqualTo(hex.split(" ").length);
    }
}
