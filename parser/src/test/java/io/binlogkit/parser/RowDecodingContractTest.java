package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract tests: hand-built Table_map and rows events (bytes in) against the typed accessors
 * (values out). Layouts follow {@code calc_field_size} (MySQL binary_log_funcs.cpp) and
 * {@code log_event_print_value} (MySQL sql/log_event.cc); every value's bytes are spelled out.
 */
class RowDecodingContractTest {
    private static final long TABLE_ID = 42;

    /** Column types (binlog codes) and their Table_map metadata bytes. */
    static final int[] TYPES = {
            1, 2, 9, 8, 246, 5, 4, 13, 10, 18, 19, 17, 15, 254, 254, 254, 16, 252, 245, 15, 3};
    static final String METADATA = String.join(" ",
            "0a 04",   // NEWDECIMAL(10,4): precision, scale
            "08",      // DOUBLE: pack length
            "04",      // FLOAT
            "03",      // DATETIME2(3)
            "00",      // TIME2(0)
            "06",      // TIMESTAMP2(6)
            "2c 01",   // VARCHAR(300): 2-byte length prefix
            "fe 0a",   // CHAR(10): real type STRING, length 10
            "f7 01",   // ENUM written as STRING: real type ENUM, pack length 1
            "f8 01",   // SET as STRING: real type SET, 1 byte
            "04 01",   // BIT(12): 4 extra bits, 1 whole byte
            "02",      // BLOB: 2-byte length
            "04",      // JSON: 4-byte length
            "0a 00");  // VARCHAR(10)

    static byte[] tableMap(int[] types, String metadata, String optional) {
        byte[] md = new TestBinlog.Bytes().hex(metadata).bytes();
        TestBinlog.Bytes b = new TestBinlog.Bytes().u48(TABLE_ID).u16(1)
                .u8(1).str("d").u8(0).u8(1).str("t").u8(0)
                .packed(types.length);
        for (int t : types) {
            b.u8(t);
        }
        b.packed(md.length).raw(md);
        byte[] nullable = new byte[(types.length + 7) / 8];
        Arrays.fill(nullable, (byte) 0xff);
        return b.raw(nullable).hex(optional).bytes();
    }

    static String bitmap(int columns, int... absent) {
        byte[] bits = new byte[(columns + 7) / 8];
        for (int i = 0; i < columns; i++) {
            bits[i >> 3] |= (byte) (1 << (i & 7));
        }
        for (int a : absent) {
            bits[a >> 3] &= (byte) ~(1 << (a & 7));
        }
        StringBuilder sb = new StringBuilder();
        for (byte x : bits) {
            sb.append(String.format("%02x ", x));
        }
        return sb.toString();
    }

    /** One row over all the columns of TYPES; column 19 NULL, column 20 absent from the image. */
    static String row() {
        return String.join(" ",
                "00 00 08",            // NULL bitmap over the 20 present columns: bit 19 (column 19) set
                "fb",                  // TINY -5
                "ff ff",               // SHORT 65535 (UNSIGNED per SIGNEDNESS)
                "fe ff ff",            // INT24 -2
                "00 00 00 00 00 00 00 80", // LONGLONG Long.MIN_VALUE
                "7f fb 2d e9 d1",      // DECIMAL(10,4) -1234.5678: 0x8004d2 | 0x162e, all bytes inverted
                "00 00 00 00 00 00 04 40", // DOUBLE 2.5
                "00 00 c0 3f",         // FLOAT 1.5
                "7c",                  // YEAR 1900 + 124
                "5d d0 0f",            // DATE 2024-02-29: 2024 << 9 | 2 << 5 | 29 = 0x0fd05d
                "99 b2 ba d3 8f 04 ce", // DATETIME2(3) 2024-02-29 13:14:15.123 (see datetime2Bytes)
                "7f ef 7d",            // TIME2(0) -01:02:03: 0x800000 - (1 << 12 | 2 << 6 | 3)
                "65 53 f1 00 09 fb f1", // TIMESTAMP2(6) 1700000000.654321
                "06 00 68 c3 a9 6c 6c 6f", // VARCHAR(300) "héllo", 2-byte length
                "02 61 62",            // CHAR(10) "ab"
                "02",                  // ENUM index 2
                "05",                  // SET members 1 and 3
                "0a bc",               // BIT(12) 0xabc, big-endian
                "05 00 62 6c 6f 62 21", // BLOB "blob!"
                "11 00 00 00 02 03 00 10 00 05 01 00 0c 0d 00 04 01 00 02 78 0a"); // JSON [1, "x\n", true]
    }

    @Test
    void datetime2Bytes() {
        // 40 bits big-endian: (year * 13 + month) << 22 | day << 17 | hour << 12 | minute << 6 | second,
        // plus 2^39; then fsp 3 -> 2 bytes of micros / 100
        long ym = 2024L * 13 + 2;
        long v = (((ym << 5) | 29) << 17 | (13 << 12) | (14 << 6) | 15) + (1L << 39);
        assertThat(String.format("%010x", v)).isEqualTo("99b2bad38f");
        assertThat(String.format("%04x", 123000 / 100)).isEqualTo("04ce");
    }

    /**
     * Negative TIME2 values with a fraction: {@code my_time_packed_to_binary} stores the integer part
     * rounded down and the fraction as a negative two's complement, which
     * {@code my_time_packed_from_binary} reads back <em>unsigned</em> ({@code (uint) ptr[3]},
     * {@code mi_uint2korr}) and corrects by 0x100 / 0x10000. Values checked against mariadb-binlog -v.
     */
    @Test
    void negativeTime2FractionsOfEveryWidth() {
        int[] types = {19, 19, 19, 19};
        String metadata = "01 01 03 06";
        String rows = String.join(" ",
                "00",                  // NULL bitmap
                "7f ff ff ce",         // TIME2(1) -00:00:00.5: int part -1, fraction -50 as a byte (0xce)
                "7f 37 47 ba",         // TIME2(1) -12:34:56.7: -(12:34:56) - 1, fraction -70 -> (256 - 70)
                "7f ff fe ff f6",      // TIME2(3) -00:00:01.001: int part -2, fraction -10 as two bytes
                "7f ff ff ff f8 30");  // TIME2(6) -00:00:00.002000, six bytes - 0x800000000000
        String body = "2a 00 00 00 00 00 01 00 04 0f " + rows;
        try (BinlogFile f = new TestBinlog()
                .event(EventType.TABLE_MAP.code(), tableMap(types, metadata, ""))
                .event(EventType.WRITE_ROWS_V1.code(), new TestBinlog.Bytes().hex(body).bytes())
                .open()) {
            EventCursor c = f.cursor();
            TableMapRegistry tables = new TableMapRegistry();
            c.next();
            c.next();
            tables.put(c.tableMap());
            c.next();
            RowCursor rc = new RowCursor().wrap(c.rows(), tables.require(c.rows()));
            assertThat(rc.next()).isTrue();
            RowImage r = rc.after();
            assertThat(r.temporal(0).toString()).isEqualTo("-00:00:00.5");
            assertThat(r.temporal(1).toString()).isEqualTo("-12:34:56.7");
            assertThat(r.temporal(2).toString()).isEqualTo("-00:00:01.001");
            assertThat(r.temporal(3).toString()).isEqualTo("-00:00:00.002000");
        }
    }

    private static BinlogFile binlog(String optional, int rowsType, String rowsBody) {
        return new TestBinlog()
                .event(EventType.TABLE_MAP.code(), tableMap(TYPES, METADATA, optional))
                .event(rowsType, new TestBinlog.Bytes().hex(rowsBody).bytes())
                .open();
    }

    static String writeRowsBody(String rows) {
        return "2a 00 00 00 00 00 01 00 " + String.format("%02x ", TYPES.length) + bitmap(TYPES.length, 20) + rows;
    }

    @Test
    void everyColumnTypeOfOneRow() {
        // SIGNEDNESS over the numeric columns TINY, SHORT, INT24, LONGLONG, DECIMAL, DOUBLE, FLOAT, LONG:
        // MSB first, only the second (SHORT) unsigned -> 0x40
        String optional = "01 01 40";
        try (BinlogFile f = binlog(optional, EventType.WRITE_ROWS_V1.code(), writeRowsBody(row()))) {
            EventCursor c = f.cursor();
            TableMapRegistry tables = new TableMapRegistry();
            c.next();
            c.next();
            TableMapEventView tm = tables.put(c.tableMap());
            assertThat(tm.columnType(14)).isEqualTo(ColumnType.ENUM);
            assertThat(tm.columnType(15)).isEqualTo(ColumnType.SET);
            assertThat(tm.columnType(13)).isEqualTo(ColumnType.STRING);
            assertThat(tm.columnMetadata(4)).isEqualTo(10 << 8 | 4);
            assertThat(tm.columnMetadata(16)).isEqualTo(1 << 8 | 4);
            assertThat(tm.isUnsigned(1)).isTrue();
            assertThat(tm.isUnsigned(0)).isFalse();
            c.next();
            RowsEventView rows = c.rows();
            RowCursor rc = new RowCursor().wrap(rows, tables.require(rows));
            assertThat(c.next()).isFalse(); // the cursor moved on: the row cursor must not care
            assertThat(rc.next()).isTrue();
            RowImage r = rc.after();
            assertThat(r.getLong(0)).isEqualTo(-5);
            assertThat(r.getLong(1)).isEqualTo(65535);
            assertThat(r.getLong(2)).isEqualTo(-2);
            assertThat(r.getUnsignedLong(2)).isEqualTo(0xfffffe);
            assertThat(r.getLong(3)).isEqualTo(Long.MIN_VALUE);
            assertThat(r.decimalFitsLong(4)).isTrue();
            assertThat(r.getDecimalUnscaled(4)).isEqualTo(-12345678);
            assertThat(r.decimalScale(4)).isEqualTo(4);
            assertThat(r.getBigDecimal(4)).isEqualTo(new BigDecimal("-1234.5678"));
            assertThat(r.getDouble(5)).isEqualTo(2.5);
            assertThat(r.getFloat(6)).isEqualTo(1.5f);
            assertThat(r.getLong(7)).isEqualTo(2024);
            assertThat(r.temporal(8).toString()).isEqualTo("2024-02-29");
            TemporalValue dt = r.temporal(9);
            assertThat(new int[] {dt.year(), dt.month(), dt.day(), dt.hour(), dt.minute(), dt.second(), dt.micros()})
                    .containsExactly(2024, 2, 29, 13, 14, 15, 123000);
            assertThat(dt.toString()).isEqualTo("2024-02-29 13:14:15.123");
            TemporalValue t = r.temporal(10);
            assertThat(t.negative()).isTrue();
            assertThat(t.toString()).isEqualTo("-01:02:03");
            TemporalValue ts = r.temporal(11);
            assertThat(ts.epochSecond()).isEqualTo(1_700_000_000L);
            assertThat(ts.micros()).isEqualTo(654321);
            assertThat(ts.toString()).isEqualTo("2023-11-14 22:13:20.654321");
            assertThat(r.getString(12)).isEqualTo("héllo");
            assertThat(r.length(12)).isEqualTo(6);
            assertThat(r.getString(13)).isEqualTo("ab");
            assertThat(r.getEnumIndex(14)).isEqualTo(2);
            assertThat(r.getSetBits(15)).isEqualTo(0b101);
            assertThat(r.getBits(16)).isEqualTo(0xabc);
            assertThat(r.getString(17)).isEqualTo("blob!");
            assertThat(r.getJsonText(18)).isEqualTo("[1, \"x\\n\", true]");
            assertThat(r.isNull(19)).isTrue();
            assertThat(r.isPresent(20)).isFalse();
            assertThat(r.isNull(20)).isFalse();
            assertThatThrownBy(() -> r.getLong(19)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> r.getLong(12)).isInstanceOf(IllegalStateException.class);
            assertThat(rc.next()).isFalse();
        }
    }

    @Test
    void updateBeforeAndAfterImagesWithMinimalColumns() {
        int[] types = {3, 15};
        String md = "14 00"; // VARCHAR(20)
        // Update_rows_v1: before image has column 0 only, after image columns 0 and 1.
        String body = "2a 00 00 00 00 00 01 00 02 01 03 "
                + "00 07 00 00 00 "                 // before: NULL bitmap, id 7
                + "00 07 00 00 00 03 6e 65 77 "     // after: id 7, "new"
                + "00 08 00 00 00 02 00 00 00 00 "; // second row: before id 8; after id 8, NULL name
        body = body.replace("02 00 00 00 00 ", "02 08 00 00 00 ");
        try (BinlogFile f = new TestBinlog()
                .event(EventType.TABLE_MAP.code(), tableMap(types, md, ""))
                .event(EventType.UPDATE_ROWS_V1.code(), new TestBinlog.Bytes().hex(body).bytes()).open()) {
            EventCursor c = f.cursor();
            c.next();
            c.next();
            TableMapRegistry tables = new TableMapRegistry();
            tables.put(c.tableMap());
            c.next();
            RowsEventView rows = c.rows();
            RowCursor rc = new RowCursor().wrap(rows, tables.require(rows));
            assertThat(rc.next()).isTrue();
            assertThat(rc.before().getLong(0)).isEqualTo(7);
            assertThat(rc.before().isPresent(1)).isFalse();
            assertThat(rc.after().getString(1)).isEqualTo("new");
            assertThat(rc.next()).isTrue();
            assertThat(rc.before().getLong(0)).isEqualTo(8);
            assertThat(rc.after().isNull(1)).isTrue();
            assertThat(rc.next()).isFalse();
        }
    }

    @Test
    void mariadbCompressedRowsInflateIntoTheCursorBuffer() {
        // Write_rows_compressed_v1 (166): bitmaps plain, then 0x80|n, n-byte big-endian length, zlib.
        byte[] plain = new TestBinlog.Bytes().hex(row()).raw(new TestBinlog.Bytes().hex(row()).bytes()).bytes();
        byte[] z = TestBinlog.deflate(plain);
        String head = "2a 00 00 00 00 00 01 00 " + String.format("%02x ", TYPES.length) + bitmap(TYPES.length, 20);
        byte[] body = new TestBinlog.Bytes().hex(head).u8(0x82).u8(plain.length >> 8).u8(plain.length)
                .raw(z).bytes();
        try (BinlogFile f = new TestBinlog()
                .event(EventType.TABLE_MAP.code(), tableMap(TYPES, METADATA, ""))
                .event(EventType.WRITE_ROWS_COMPRESSED_V1.code(), body).open()) {
            EventCursor c = f.cursor();
            c.next();
            c.next();
            TableMapRegistry tables = new TableMapRegistry();
            tables.put(c.tableMap());
            c.next();
            RowsEventView rows = c.rows();
            RowCursor rc = new RowCursor().wrap(rows, tables.require(rows));
            assertThat(rc.isCompressed()).isTrue();
            int n = 0;
            while (rc.next()) {
                assertThat(rc.after().getString(12)).isEqualTo("héllo");
                assertThat(rc.after().getJsonText(18)).isEqualTo("[1, \"x\\n\", true]");
                // no SIGNEDNESS field: SHORT reads signed, the unsigned view is still there
                assertThat(rc.after().getLong(1)).isEqualTo(-1);
                assertThat(rc.after().getUnsignedLong(1)).isEqualTo(65535);
                n++;
            }
            assertThat(n).isEqualTo(2);
        }
    }

    @Test
    void everyTruncationOfARowsEventFailsWithBinlogFormatException() {
        byte[] full = new TestBinlog.Bytes().hex(writeRowsBody(row())).bytes();
        byte[] tm = tableMap(TYPES, METADATA, "01 01 40");
        for (int cut = 0; cut < full.length; cut++) {
            byte[] body = Arrays.copyOf(full, cut);
            try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tm)
                    .event(EventType.WRITE_ROWS_V1.code(), body).open()) {
                EventCursor c = f.cursor();
                c.next();
                c.next();
                TableMapRegistry tables = new TableMapRegistry();
                tables.put(c.tableMap());
                c.next();
                int rowsSeen = 0;
                try {
                    RowsEventView rows = c.rows();
                    RowCursor rc = new RowCursor().wrap(rows, tables.require(rows));
                    while (rc.next()) {
                        Fixtures.render(rc.after());
                        rowsSeen++;
                    }
                } catch (BinlogFormatException e) {
                    assertThat(e.getMessage()).contains("test.bin");
                    continue;
                }
                // only a cut that leaves no row images at all may read cleanly
                assertThat(rowsSeen).as("cut at %d", cut).isZero();
            }
        }
    }

    @Test
    void everyTruncationOfATableMapFailsWithBinlogFormatException() {
        byte[] full = tableMap(TYPES, METADATA, "01 01 40 04 02 01 61");
        for (int cut = 0; cut < full.length; cut++) {
            byte[] body = Arrays.copyOf(full, cut);
            try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), body).open()) {
                EventCursor c = f.cursor();
                c.next();
                c.next();
                try {
                    TableMapEventView tm = c.tableMap();
                    for (int i = 0; i < tm.columnCount(); i++) {
                        tm.columnName(i);
                        tm.isUnsigned(i);
                    }
                } catch (BinlogFormatException expected) {
                    // fine: named field and offset
                }
            }
        }
    }
}
