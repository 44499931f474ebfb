package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * MySQL's binary JSON ({@code sql-common/json_binary.h}) to text, as {@code Json_wrapper::to_string}
 * ({@code wrapper_to_string} in {@code sql-common/json_dom.cc}) writes it, which is what
 * {@code mysqlbinlog -v} puts between quotes: objects as {@code {"k": v, "k2": v2}}, arrays as
 * {@code [1, 2]}, doubles through {@code my_gcvt} with ".0" appended to integral values, opaque
 * DECIMAL/DATE/TIME/DATETIME/TIMESTAMP values as numbers / quoted date strings with 6 fraction
 * digits, other opaque values as {@code "base64:typeNN:…"}.
 *
 * <p>Layout: a type byte, then the value. Objects and arrays (small: 2-byte counts and offsets,
 * large: 4-byte) hold element count, byte size, key entries (offset, u16 length) for objects,
 * then value entries of a type byte and either an offset (relative to the start of the container,
 * after its type byte) or, for literals and 16-bit integers (and 32-bit ones in large
 * containers), the value itself. Strings carry a length of 7-bit groups, low group first.
 */
final class JsonBinary {
    static final int SMALL_OBJECT = 0;
    static final int LARGE_OBJECT = 1;
    static final int SMALL_ARRAY = 2;
    static final int LARGE_ARRAY = 3;
    static final int LITERAL = 4;
    static final int INT16 = 5;
    static final int UINT16 = 6;
    static final int INT32 = 7;
    static final int UINT32 = 8;
    static final int INT64 = 9;
    static final int UINT64 = 10;
    static final int DOUBLE = 11;
    static final int STRING = 12;
    static final int OPAQUE = 15;

    /** JSON_DOCUMENT_MAX_DEPTH in MySQL's json_syntax_check.h. */
    private static final int MAX_DEPTH = 100;

    private final MemorySegment seg;
    private final long docStart;
    private final long docEnd;

    private JsonBinary(MemorySegment seg, long off, long len) {
        this.seg = seg;
        this.docStart = off;
        this.docEnd = off + len;
    }

    /** Thrown on malformed input; callers turn it into a {@link BinlogFormatException} with their context. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long offset;

        Malformed(String message, long offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /**
     * Text of the document at {@code [off, off + len)}; an empty document is JSON null (as in
     * {@code json_binary::parse_binary}). Top-level strings and dates are not double-quoted, as in
     * {@code to_string(buffer, json_quoted = false, …)}.
     */
    static String toText(MemorySegment seg, long off, long len) {
        StringBuilder sb = new StringBuilder((int) Math.min(len * 2 + 8, 1 << 16));
        appendText(seg, off, len, sb, false);
        return sb.toString();
    }

    static void appendText(MemorySegment seg, long off, long len, StringBuilder sb, boolean quoted) {
        if (len == 0) {
            sb.append("null");
            return;
        }
        JsonBinary j = new JsonBinary(seg, off, len);
        int type = j.u8(off);
        j.value(type, off + 1, j.docEnd, sb, quoted, 0);
    }

    /** The JSON type byte of a document (for the emitter's choice of quoting), -1 when empty. */
    static int documentType(MemorySegment seg, long off, long len) {
        return len == 0 ? -1 : Bytes.u8(seg, off);
    }

    private int u8(long p) {
        need(p, 1);
        return Bytes.u8(seg, p);
    }

    private void need(long p, long n) {
        if (p < docStart || n < 0 || p + n > docEnd) {
            throw new Malformed("JSON value of " + n + " bytes at document offset " + (p - docStart)
                    + " past the document of " + (docEnd - docStart) + " bytes", p);
        }
    }

    private void value(int type, long p, long limit, StringBuilder sb, boolean quoted, int depth) {
        switch (type) {
            case SMALL_OBJECT, LARGE_OBJECT, SMALL_ARRAY, LARGE_ARRAY -> container(type, p, sb, depth);
            case LITERAL -> {
                int v = u8(p);
                switch (v) {
                    case 0 -> sb.append("null");
                    case 1 -> sb.append("true");
                    case 2 -> sb.append("false");
                    default -> throw new Malformed("JSON literal " + v, p);
                }
            }
            case INT16 -> {
                need(p, 2);
                sb.append((short) Bytes.u16(seg, p));
            }
            case UINT16 -> {
                need(p, 2);
                sb.append(Bytes.u16(seg, p));
            }
            case INT32 -> {
                need(p, 4);
                sb.append(Bytes.i32(seg, p));
            }
            case UINT32 -> {
                need(p, 4);
                sb.append(Bytes.u32(seg, p));
            }
            case INT64 -> {
                need(p, 8);
                sb.append(Bytes.i64(seg, p));
            }
            case UINT64 -> {
                need(p, 8);
                sb.append(Long.toUnsignedString(Bytes.i64(seg, p)));
            }
            case DOUBLE -> {
                need(p, 8);
                appendDouble(sb, Double.longBitsToDouble(Bytes.i64(seg, p)));
            }
            case STRING -> {
                long len = varLength(p);
                long data = p + varLengthSize(p);
                need(data, len);
                String s = Bytes.utf8(seg, data, (int) len);
                if (quoted) {
                    doubleQuote(sb, s);
                } else {
                    sb.append(s);
                }
            }
            case OPAQUE -> opaque(p, sb, quoted);
            default -> throw new Malformed("JSON type " + type, p - 1);
        }
    }

    private void container(int type, long base, StringBuilder sb, int depth) {
        if (depth + 1 > MAX_DEPTH) {
            throw new Malformed("JSON nesting deeper than " + MAX_DEPTH, base);
        }
        boolean large = type == LARGE_OBJECT || type == LARGE_ARRAY;
        boolean object = type == SMALL_OBJECT || type == LARGE_OBJECT;
        int os = large ? 4 : 2;
        need(base, 2L * os);
        long count = large ? Bytes.u32(seg, base) : Bytes.u16(seg, base);
        long size = large ? Bytes.u32(seg, base + os) : Bytes.u16(seg, base + os);
        need(base, size);
        long keyEntries = base + 2L * os;
        long keyEntrySize = os + 2;
        long valueEntrySize = 1 + os;
        long valueEntries = keyEntries + (object ? count * keyEntrySize : 0);
        if ((valueEntries - base) + count * valueEntrySize > size) {
            throw new Malformed("JSON container header of " + count + " entries larger than its " + size
                    + " bytes", base);
        }
        long limit = base + size;
        sb.append(object ? '{' : '[');
        for (long i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (object) {
                long ke = keyEntries + i * keyEntrySize;
                long keyOff = large ? Bytes.u32(seg, ke) : Bytes.u16(seg, ke);
                int keyLen = Bytes.u16(seg, ke + os);
                if (keyOff + keyLen > size) {
                    throw new Malformed("JSON key past its object", ke);
                }
                doubleQuote(sb, Bytes.utf8(seg, base + keyOff, keyLen));
                sb.append(": ");
            }
            long ve = valueEntries + i * valueEntrySize;
            int vt = Bytes.u8(seg, ve);
            if (inlined(vt, large)) {
                value(vt, ve + 1, limit, sb, true, depth + 1);
            } else {
                long vOff = large ? Bytes.u32(seg, ve + 1) : Bytes.u16(seg, ve + 1);
                if (vOff >= size) {
                    throw new Malformed("JSON value offset " + vOff + " past its container of " + size + " bytes", ve);
                }
                value(vt, base + vOff, limit, sb, true, depth + 1);
            }
        }
        sb.append(object ? '}' : ']');
    }

    private static boolean inlined(int type, boolean large) {
        return switch (type) {
            case LITERAL, INT16, UINT16 -> true;
            case INT32, UINT32 -> large;
            default -> false;
        };
    }

    private long varLength(long p) {
        long v = 0;
        for (int i = 0; i < 5; i++) {
            int b = u8(p + i);
            v |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (v > 0xFFFF_FFFFL) {
                    break;
                }
                return v;
            }
        }
        throw new Malformed("JSON variable-length integer", p);
    }

    private int varLengthSize(long p) {
        int i = 0;
        while ((Bytes.u8(seg, p + i) & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    private void opaque(long p, StringBuilder sb, boolean quoted) {
        int fieldType = u8(p);
        long len = varLength(p + 1);
        long data = p + 1 + varLengthSize(p + 1);
        need(data, len);
        if (fieldType == ColumnType.NEWDECIMAL.code()) {
            // Json_decimal::convert_from_binary: precision byte, scale byte, binary decimal
            need(data, 2);
            int precision = Bytes.u8(seg, data);
            int scale = Bytes.u8(seg, data + 1);
            if (!DecimalBinary.validPrecision(precision, scale)
                    || DecimalBinary.size(precision, scale) > len - 2) {
                throw new Malformed("JSON decimal (" + precision + "," + scale + ")", data);
            }
            BigDecimal d;
            try {
                d = DecimalBinary.toBigDecimal(seg, data + 2, precision, scale);
            } catch (IllegalArgumentException e) {
                throw new Malformed("JSON decimal: " + e.getMessage(), data);
            }
            sb.append(d.toPlainString());
            return;
        }
        if (fieldType == ColumnType.DATE.code() || fieldType == ColumnType.TIME.code()
                || fieldType == ColumnType.DATETIME.code() || fieldType == ColumnType.TIMESTAMP.code()) {
            if (len < 8) {
                throw new Malformed("JSON temporal of " + len + " bytes", data);
            }
            long packed = Bytes.i64(seg, data);
            if (quoted) {
                sb.append('"');
            }
            appendPackedTemporal(sb, fieldType, packed);
            if (quoted) {
                sb.append('"');
            }
            return;
        }
        String text;
        if (fieldType == ColumnType.VAR_STRING.code()) {
            text = Bytes.utf8(seg, data, (int) len);
        } else {
            // base64_encode in mysys/base64.cc breaks lines every 76 characters with '\n'
            String b64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(Bytes.copy(seg, data, (int) len));
            text = "base64:type" + fieldType + ":" + b64;
        }
        if (quoted) {
            doubleQuote(sb, text);
        } else {
            sb.append(text);
        }
    }

    /**
     * {@code my_TIME_to_str(t, to, 6)} of a packed temporal ({@code TIME_from_longlong_*_packed}):
     * DATE as YYYY-MM-DD, TIME as [-]hh:mm:ss.ffffff, DATETIME/TIMESTAMP as YYYY-MM-DD hh:mm:ss.ffffff.
     */
    static void appendPackedTemporal(StringBuilder sb, int fieldType, long packed) {
        boolean neg = packed < 0;
        long v = neg ? -packed : packed;
        long micros = v % (1L << 24);
        long intPart = v >> 24;
        if (fieldType == ColumnType.TIME.code()) {
            long hour = (intPart >> 12) % (1 << 10);
            long minute = (intPart >> 6) % (1 << 6);
            long second = intPart % (1 << 6);
            if (neg) {
                sb.append('-');
            }
            pad(sb, hour, 2).append(':');
            pad(sb, minute, 2).append(':');
            pad(sb, second, 2).append('.');
            pad(sb, micros, 6);
            return;
        }
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1 << 17);
        if (neg) {
            sb.append('-');
        }
        pad(sb, ym / 13, 4).append('-');
        pad(sb, ym % 13, 2).append('-');
        pad(sb, ymd % (1 << 5), 2);
        if (fieldType == ColumnType.DATE.code()) {
            return;
        }
        sb.append(' ');
        pad(sb, hms >> 12, 2).append(':');
        pad(sb, (hms >> 6) % (1 << 6), 2).append(':');
        pad(sb, hms % (1 << 6), 2).append('.');
        pad(sb, micros, 6);
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /**
     * {@code double_quote} in MySQL's json_dom.cc: quote, escape {@code "} and {@code \}, the usual
     * short escapes for \b \f \n \r \t, backslash-u00XX (lower-case hex) for other ASCII control
     * characters.
     */
    static void doubleQuote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * {@code my_gcvt(d, MY_GCVT_ARG_DOUBLE, MY_GCVT_MAX_FIELD_WIDTH, …)} (strings/dtoa.cc) plus the
     * ".0" json_dom.cc appends when the result has neither '.' nor 'e'. With a field width of
     * {@code DBL_DIG + 4 + max(5, MAX_DECPT_FOR_F_FORMAT)} = 34 the shortest round-trip digits always
     * fit, so only the choice between 'f' and 'e' notation remains: 'f' when the number fits the
     * width and its decimal exponent {@code decpt} (value = 0.DIGITS × 10^decpt) satisfies
     * {@code -14 <= decpt} and ({@code decpt <= 15} or there are more digits than decpt).
     */
    static void appendDouble(StringBuilder sb, double d) {
        String s = gcvt(d);
        sb.append(s);
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0) {
            sb.append(".0");
        }
    }

    static String gcvt(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "0"; // dtoa overflow: my_gcvt prints "0" and sets the error flag
        }
        boolean negative = (Double.doubleToRawLongBits(d) & Long.MIN_VALUE) != 0;
        String digits;
        int decpt;
        if (d == 0) {
            digits = "0";
            decpt = 1;
        } else {
            // Java's Double.toString (JDK 19+) yields the shortest digits that round-trip, as dtoa mode 0.
            BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
            digits = bd.unscaledValue().toString();
            decpt = digits.length() - bd.scale();
        }
        int width = 34 - (negative ? 1 : 0);
        int len = digits.length();
        boolean haveSpace = (decpt <= 0 ? len - decpt + 2 : decpt < len ? len + 1 : decpt) <= width;
        StringBuilder out = new StringBuilder(len + 8);
        if (negative) {
            out.append('-');
        }
        if (haveSpace && decpt >= -14 && (decpt <= 15 || len > decpt)) {
            if (decpt <= 0) {
                out.append("0.");
                for (int i = decpt; i < 0; i++) {
                    out.append('0');
                }
                out.append(digits);
            } else if (decpt < len) {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, len);
            } else {
                out.append(digits);
                for (int i = len; i < decpt; i++) {
                    out.append('0');
                }
            }
        } else {
            out.append(digits.charAt(0));
            if (len > 1) {
                out.append('.').append(digits, 1, len);
            }
            out.append('e').append(decpt - 1);
        }
        return out.toString();
    }

    /** UTF-8 bytes of the document's text; convenience for the emitter. */
    static byte[] toTextBytes(MemorySegment seg, long off, long len) {
        return toText(seg, off, len).getBytes(StandardCharsets.UTF_8);
    }
}
