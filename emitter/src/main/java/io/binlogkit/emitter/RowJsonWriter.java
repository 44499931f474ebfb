package io.binlogkit.emitter;

import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.parser.ColumnType;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowImage;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TemporalValue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The {@code rows} of a row event in {@code --format json}: an array with one object per row,
 * {@code {"before": {…}}} (delete), {@code {"after": {…}}} (insert) or both (update), keyed by
 * column name ({@code @1}, {@code @2}, … when the table map carries no names), columns absent from
 * the image (minimal / noblob row images) omitted. Values are typed:
 *
 * <ul>
 * <li>integers, YEAR and BIT as JSON numbers, UNSIGNED as the table map's SIGNEDNESS field says
 *     (64-bit values above 2^63 exact); DECIMAL as an exact number with all its scale digits;
 *     FLOAT and DOUBLE as numbers;</li>
 * <li>DATE {@code "2024-01-31"}, DATETIME {@code "2024-01-31T12:34:56.789"}, TIME
 *     {@code "-12:34:56"} (hours may exceed 23), TIMESTAMP as a UTC instant
 *     {@code "2024-01-31T12:34:56.123456Z"}; fractions with the column's declared digits; zero
 *     dates keep their zeros ({@code "0000-00-00"});</li>
 * <li>ENUM as its member and SET as an array of members when the table map carries them
 *     ({@code binlog_row_metadata=FULL}), else the 1-based index and the member bitmask;</li>
 * <li>character columns as strings, decoded with the column's character set when the table map
 *     names it, else as UTF-8; bytes that are not text in that character set, binary columns
 *     (BINARY, VARBINARY, BLOB with the {@code binary} charset) and GEOMETRY as
 *     {@code {"base64": "…"}}, so that a string is always text;</li>
 * <li>SQL NULL as {@code null}.</li>
 * </ul>
 */
final class RowJsonWriter {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] bytes = new byte[256];
    private String[] names;

    /** @param names column names ({@code @N} where the table map has none), by column index */
    void write(RowCursor cursor, RowsEventView rows, TableMapEventView map, String[] names, JsonGenerator g)
            throws IOException {
        this.names = names;
        g.writeStartArray();
        while (cursor.next()) {
            g.writeStartObject();
            if (!rows.isWrite()) {
                g.writeFieldName("before");
                image(cursor.before(), map, g);
            }
            if (!rows.isDelete()) {
                g.writeFieldName("after");
                image(cursor.after(), map, g);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void image(RowImage r, TableMapEventView map, JsonGenerator g) throws IOException {
        g.writeStartObject();
        int n = r.columnCount();
        for (int i = 0; i < n; i++) {
            if (!r.isPresent(i)) {
                continue;
            }
            g.writeFieldName(names[i]);
            if (r.isNull(i)) {
                g.writeNull();
            } else {
                value(r, i, map, g);
            }
        }
        g.writeEndObject();
    }

    private void value(RowImage r, int i, TableMapEventView map, JsonGenerator g) throws IOException {
        ColumnType t = r.columnType(i);
        switch (t) {
            case TINY, SHORT, INT24, LONG -> g.writeNumber(r.getLong(i));
            case LONGLONG -> {
                long v = r.getLong(i);
                if (v < 0 && map.isUnsigned(i)) {
                    g.writeNumber(Long.toUnsignedString(v));
                } else {
                    g.writeNumber(v);
                }
            }
            case YEAR -> g.writeNumber(r.getLong(i));
            case BIT -> {
                long v = r.getBits(i);
                if (v < 0) {
                    g.writeNumber(Long.toUnsignedString(v));
                } else {
                    g.writeNumber(v);
                }
            }
            case FLOAT -> g.writeNumber(r.getFloat(i));
            case DOUBLE -> g.writeNumber(r.getDouble(i));
            case NEWDECIMAL -> g.writeNumber(decimal(r, i));
            case DATE, NEWDATE, TIME, TIME2, DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 ->
                    g.writeString(temporal(r.temporal(i)));
            case ENUM -> {
                int index = r.getEnumIndex(i);
                List<String> members = map.enumValues(i);
                if (members == null || members.isEmpty()) {
                    g.writeNumber(index);
                } else {
                    g.writeString(index >= 1 && index <= members.size() ? members.get(index - 1) : "");
                }
            }
            case SET -> {
                long bits = r.getSetBits(i);
                List<String> members = map.setValues(i);
                if (members == null || members.isEmpty()) {
                    g.writeNumber(bits);
                } else {
                    g.writeStartArray();
                    for (int k = 0; k < members.size() && k < 64; k++) {
                        if ((bits & (1L << k)) != 0) {
                            g.writeString(members.get(k));
                        }
                    }
                    g.writeEndArray();
                }
            }
            case JSON -> {
                if (r.isPartialJson(i)) {
                    binary(r, i, g);
                } else {
                    g.writeString(r.getJsonText(i));
                }
            }
            case STRING, VARCHAR, VAR_STRING, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB -> text(r, i, map, g);
            default -> binary(r, i, g);
        }
    }

    /** DECIMAL as a plain number string (Jackson would write some BigDecimals with an exponent). */
    private static String decimal(RowImage r, int i) {
        if (r.decimalFitsLong(i)) {
            return BigDecimal.valueOf(r.getDecimalUnscaled(i), r.decimalScale(i)).toPlainString();
        }
        return r.getBigDecimal(i).toPlainString();
    }

    private static String temporal(TemporalValue v) {
        String s = v.toString();
        return switch (v.type()) {
            case DATETIME, DATETIME2 -> s.replace(' ', 'T');
            case TIMESTAMP, TIMESTAMP2 -> v.epochSecond() == 0 && v.micros() == 0
                    ? "0000-00-00T00:00:00" + (v.fsp() > 0 ? "." + "000000".substring(0, v.fsp()) : "") + "Z"
                    : s.replace(' ', 'T') + "Z";
            default -> s;
        };
    }

    private void text(RowImage r, int i, TableMapEventView map, JsonGenerator g) throws IOException {
        int cs = map.charset(i);
        String name = cs >= 0 ? Charsets.name(cs) : null;
        if ("binary".equals(name)) {
            binary(r, i, g);
            return;
        }
        int n = r.length(i);
        byte[] b = copy(r, i, n);
        if (name == null || name.startsWith("utf8") || name.equals("ascii")) {
            try {
                utf8.reset();
                utf8.decode(ByteBuffer.wrap(b, 0, n));
                g.writeUTF8String(b, 0, n);
            } catch (CharacterCodingException e) {
                binary(r, i, g);
            }
            return;
        }
        Charset c = javaCharset(name);
        if (c == null) {
            binary(r, i, g);
            return;
        }
        try {
            g.writeString(c.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n)).toString());
        } catch (CharacterCodingException e) {
            binary(r, i, g);
        }
    }

    /** The Java charset of a server character set, or null. The server's latin1 is Windows-1252. */
    private static Charset javaCharset(String server) {
        try {
            return switch (server) {
                case "latin1" -> Charset.forName("windows-1252");
                case "ucs2", "utf16" -> StandardCharsets.UTF_16BE;
                case "utf16le" -> StandardCharsets.UTF_16LE;
                case "utf32" -> Charset.forName("UTF-32BE");
                case "cp1250", "cp1251", "cp1256", "cp1257" -> Charset.forName("windows-" + server.substring(2));
                case "latin2" -> Charset.forName("ISO-8859-2");
                case "greek" -> Charset.forName("ISO-8859-7");
                case "hebrew" -> Charset.forName("ISO-8859-8");
                case "latin5" -> Charset.forName("ISO-8859-9");
                case "latin7" -> Charset.forName("ISO-8859-13");
                case "koi8r" -> Charset.forName("KOI8-R");
                case "koi8u" -> Charset.forName("KOI8-U");
                case "sjis" -> Charset.forName("Shift_JIS");
                case "cp932" -> Charset.forName("windows-31j");
                case "ujis" -> Charset.forName("EUC-JP");
                case "euckr" -> Charset.forName("EUC-KR");
                case "gb2312" -> Charset.forName("GB2312");
                case "gbk" -> Charset.forName("GBK");
                case "big5" -> Charset.forName("Big5");
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void binary(RowImage r, int i, JsonGenerator g) throws IOException {
        int n = r.length(i);
        byte[] b = copy(r, i, n);
        g.writeStartObject();
        g.writeFieldName("base64");
        g.writeString(Base64.getEncoder().encodeToString(n == b.length ? b : java.util.Arrays.copyOf(b, n)));
        g.writeEndObject();
    }

    private byte[] copy(RowImage r, int i, int n) {
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        MemorySegment.copy(r.segment(), ValueLayout.JAVA_BYTE, r.offset(i), bytes, 0, n);
        return bytes;
    }
}
