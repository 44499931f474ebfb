package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.binlogkit.parser.RowDecodingContractTest.tableMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract tests of the walks that only measure row images ({@link RowCursor#countRows},
 * {@link RowCursor#measure}, {@link RowCursor#imageLength}) and of their {@link SizePlan}s:
 * hand-built Table_map and rows events (bytes in) against row counts and image lengths (numbers
 * out). The {@code MARIADB_*} plans are checked against {@link Official}, a transcription of
 * MariaDB 10.11's {@code count_row_events} / {@code calc_row_event_length} /
 * {@code calc_field_event_length} over the raw type codes and metadata, on random tables, rows,
 * cuts and flipped bytes; {@link SizePlan#SERVER} against the row decoder.
 */
class RowMeasureContractTest {
    private static final int WRITE = 23;
    private static final int UPDATE = 24;
    private static final int DELETE = 25;
    private static final int WRITE_COMPRESSED = 166;

    @Test
    void eachPlanSizesTheColumnsAsItsWalkDoes() {
        int[] types = {4, 5, 255, 245, 140, 141, 249, 16, 254, 254, 254, 254, 246, 246, 17, 17, 15, 3};
        String metadata = String.join(" ",
                "04",       // FLOAT
                "04",       // DOUBLE of pack length 4: the server reads 4 bytes, mariadb-binlog 8
                "04",       // GEOMETRY: 4-byte length
                "04",       // JSON (MySQL's binary JSON)
                "02",       // compressed BLOB: 2-byte length
                "2c 01",    // compressed VARCHAR(300)
                "01",       // TINY_BLOB (249): no server writes it, mariadb-binlog does not know it
                "04 01",    // BIT(12)
                "ee 90",    // CHAR of 400 bytes: the length's high bits in the real type byte (bug #37426)
                "f7 01",    // ENUM, 1 byte
                "f8 02",    // SET, 2 bytes
                "f7 03",    // ENUM of pack length 3: nobody sizes it
                "0a 04",    // DECIMAL(10,4)
                "46 00",    // DECIMAL(70,0): over the server's 65 digits
                "03",       // TIMESTAMP2(3)
                "09",       // TIMESTAMP2(9): over the server's 6 digits
                "0a 00");   // VARCHAR(10)
        int x = ColumnPlan.INVALID;
        int[] server = {4, 4, -4, -4, -2, -2, -1, 2, -2, 1, 2, x, 5, x, 6, x, -1, 4};
        int[] count = {4, 8, x, x, x, x, x, 2, -2, 1, 2, x, 5, 32, 6, 9, -1, 4};
        int[] flashback = {4, 8, -4, -4, -2, -2, x, 2, -2, 1, 2, x, 5, 32, 6, 9, -1, 4};
        try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tableMap(types, metadata, "")).open()) {
            EventCursor c = f.cursor();
            c.next();
            c.next();
            TableMapEventView tm = c.tableMap();
            assertThat(tm.columnType(8)).isEqualTo(ColumnType.STRING);
            assertThat(tm.charLength(8)).isEqualTo(400);
            ColumnPlan p = tm.plan();
            assertThat(Arrays.copyOf(p.sizes(SizePlan.SERVER, tm), types.length)).containsExactly(server);
            assertThat(Arrays.copyOf(p.sizes(SizePlan.MARIADB_COUNT, tm), types.length)).containsExactly(count);
            assertThat(Arrays.copyOf(p.sizes(SizePlan.MARIADB_FLASHBACK, tm), types.length)).containsExactly(flashback);
        }
    }

    /** {@code INT, GEOMETRY NULL}: rows (1, NULL), (2, POINT), (3, NULL). */
    private static final int[] POINTS = {3, 255};
    private static final String POINTS_META = "04";
    private static final String POINT_ROWS = String.join(" ",
            "02 01 00 00 00",                             // 1, NULL
            "00 02 00 00 00 05 00 00 00 01 02 03 04 05",  // 2, 5 bytes of geometry
            "02 03 00 00 00");                            // 3, NULL

    @Test
    void theOfficialCountStopsAfterTheFirstRowWithAValueItCannotSize() {
        byte[] rows = rowsBody(2, "03", null, hex(POINT_ROWS));
        assertThat(count(POINTS, POINTS_META, WRITE, rows, SizePlan.MARIADB_COUNT)).isEqualTo(2);
        assertThat(count(POINTS, POINTS_META, WRITE, rows, SizePlan.MARIADB_FLASHBACK)).isEqualTo(3);
        assertThat(count(POINTS, POINTS_META, WRITE, rows, SizePlan.SERVER)).isEqualTo(3);
    }

    @Test
    void anEmptyWriteCountsOneAndAnUnknownTableNothingElse() {
        try (BinlogFile f = new TestBinlog()
                .event(WRITE, rowsBody(2, "03", null, new byte[0]))
                .event(DELETE, rowsBody(2, "03", null, hex(POINT_ROWS)))
                .event(EventType.TABLE_MAP.code(), tableMap(POINTS, POINTS_META, ""))
                .event(WRITE, rowsBody(2, "03", null, new byte[0])).open()) {
            EventCursor c = f.cursor();
            c.next();
            RowCursor rc = new RowCursor();
            c.next();
            assertThat(rc.countRows(c.rows(), null, SizePlan.MARIADB_COUNT)).isEqualTo(1);
            c.next();
            assertThat(rc.countRows(c.rows(), null, SizePlan.SERVER)).isZero();
            assertThat(rc.measure(c.rows(), null, SizePlan.SERVER).imageLength(c.rows().seg, 0, 1, false)).isZero();
            c.next();
            TableMapEventView tm = c.tableMap();
            c.next();
            assertThat(rc.countRows(c.rows(), tm, SizePlan.MARIADB_COUNT)).isEqualTo(1);
        }
    }

    @Test
    void updatesWalkTheAfterImageWithItsOwnBitmap() {
        // INT, VARCHAR(10), INT; before image: all three; after image: column 1 only
        int[] types = {3, 15, 3};
        String rows = String.join(" ",
                "00 01 00 00 00 02 61 62 07 00 00 00", "00 03 78 79 7a",
                "02 02 00 00 00 07 00 00 00", "01");         // second row: VARCHAR NULL before and after
        byte[] body = rowsBody(3, "07", "02", hex(rows));
        for (SizePlan plan : SizePlan.values()) {
            assertThat(count(types, "0a 00", UPDATE, body, plan)).as("%s", plan).isEqualTo(2);
        }
        try (BinlogFile f = open(types, "0a 00", UPDATE, body)) {
            EventCursor c = f.cursor();
            TableMapEventView tm = tableMapAndRows(c);
            RowCursor rc = new RowCursor().measure(c.rows(), tm, SizePlan.MARIADB_COUNT);
            MemorySegment images = c.rows().seg;
            long at = c.rows().rowsOffset();
            long end = c.rows().rowsEnd();
            assertThat(rc.imageLength(images, at, end, false)).isEqualTo(12);
            assertThat(rc.imageLength(images, at + 12, end, true)).isEqualTo(5);
            // measured with the before image's columns (--flashback's walk), the after image seems longer
            assertThat(rc.imageLength(images, at + 12, end, false)).isEqualTo(12);
        }
    }

    @Test
    void rowsCutShortAreCountedUpToTheCutRowWhileTheDecoderNamesTheOffset() {
        int[] types = {3, 15};
        byte[] full = hex("00 01 00 00 00 02 61 62  00 02 00 00 00 03 63 64 65  00 03 00 00 00 01 66");
        for (int cut = 1; cut < full.length; cut++) {
            byte[] body = rowsBody(2, "03", null, Arrays.copyOf(full, cut));
            long expected = cut <= 8 ? 1 : cut <= 17 ? 2 : 3;
            for (SizePlan plan : SizePlan.values()) {
                assertThat(count(types, "0a 00", WRITE, body, plan)).as("cut %d, %s", cut, plan).isEqualTo(expected);
            }
            if (cut == 8 || cut == 17) {
                continue; // a whole number of rows: nothing to report
            }
            try (BinlogFile f = open(types, "0a 00", WRITE, body)) {
                EventCursor c = f.cursor();
                TableMapEventView tm = tableMapAndRows(c);
                RowCursor rc = new RowCursor().wrap(c.rows(), tm);
                long eventAt = c.rows().position();
                assertThatThrownBy(() -> {
                    while (rc.next()) {
                        rc.after();
                    }
                }).isInstanceOf(BinlogFormatException.class)
                        .hasMessageContaining("test.bin")
                        .hasMessageContaining("row " + (expected - 1) + " ")
                        .hasMessageContaining(" at offset ")
                        .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset()).isEqualTo(eventAt));
            }
        }
    }

    @Test
    void aCompressedBlockThatDoesNotInflateFailsWithTheEventOffsetAsTheImagesDo() {
        byte[] head = hex("2a 00 00 00 00 00 01 00 02 03");
        byte[] body = new TestBinlog.Bytes().raw(head).u8(0x81).u8(20).hex("78 9c 01 02 03 04 05").bytes();
        try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tableMap(POINTS, POINTS_META, ""))
                .event(WRITE_COMPRESSED, body).open()) {
            EventCursor c = f.cursor();
            TableMapEventView tm = tableMapAndRows(c);
            RowsEventView rows = c.rows();
            String expected = null;
            try {
                rows.rowImages();
            } catch (BinlogFormatException e) {
                expected = e.getMessage();
            }
            assertThat(expected).contains("test.bin").contains("compressed rows");
            for (TableMapEventView table : new TableMapEventView[]{tm, null}) {
                assertThatThrownBy(() -> new RowCursor().countRows(rows, table, SizePlan.MARIADB_COUNT))
                        .isInstanceOf(BinlogFormatException.class).hasMessage(expected);
            }
        }
    }

    @Test
    void compressedRowsAreCountedFromTheCursorsBuffer() {
        byte[] plain = hex(POINT_ROWS);
        byte[] z = TestBinlog.deflate(plain);
        byte[] body = new TestBinlog.Bytes().hex("2a 00 00 00 00 00 01 00 02 03").u8(0x81).u8(plain.length).raw(z).bytes();
        try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tableMap(POINTS, POINTS_META, ""))
                .event(WRITE_COMPRESSED, body).open()) {
            EventCursor c = f.cursor();
            TableMapEventView tm = tableMapAndRows(c);
            RowCursor rc = new RowCursor();
            assertThat(rc.countRows(c.rows(), tm, SizePlan.MARIADB_COUNT)).isEqualTo(2);
            assertThat(rc.countRows(c.rows(), tm, SizePlan.SERVER)).isEqualTo(3);
            // the cursor stays usable for decoding afterwards
            rc.wrap(c.rows(), tm);
            int n = 0;
            while (rc.next()) {
                assertThat(rc.after().getLong(0)).isEqualTo(++n);
            }
            assertThat(n).isEqualTo(3);
        }
    }

    @Test
    void columnsBeyondTheTableMapCountInTheBitmapButAreNotWalked() {
        // the event says 3 columns, the table map 2: the third's NULL bit is in the bitmap, no value
        int[] types = {3, 15};
        byte[] body = rowsBody(3, "07", null, hex("04 01 00 00 00 01 61  00 02 00 00 00 01 62"));
        try (BinlogFile f = open(types, "0a 00", WRITE, body)) {
            EventCursor c = f.cursor();
            TableMapEventView tm = tableMapAndRows(c);
            assertThat(new RowCursor().countRows(c.rows(), tm, SizePlan.MARIADB_COUNT)).isEqualTo(2);
            assertThatThrownBy(() -> new RowCursor().wrap(c.rows(), tm)).isInstanceOf(BinlogFormatException.class);
        }
    }

    @Test
    void otherImagesAreMeasuredWithTheEventsLayout() {
        // what --flashback does: the rows of a Write_rows, turned round into a Delete_rows, counted
        byte[] rows = hex(POINT_ROWS);
        try (BinlogFile f = open(POINTS, POINTS_META, WRITE, rowsBody(2, "03", null, rows))) {
            EventCursor c = f.cursor();
            TableMapEventView tm = tableMapAndRows(c);
            RowCursor rc = new RowCursor().measure(c.rows(), tm, SizePlan.MARIADB_FLASHBACK);
            MemorySegment own = c.rows().seg;
            long at = c.rows().rowsOffset();
            long end = c.rows().rowsEnd();
            long a = rc.imageLength(own, at, end, false);
            long b = rc.imageLength(own, at + a, end, false);
            long d = rc.imageLength(own, at + a + b, end, false);
            assertThat(new long[]{a, b, d}).containsExactly(5, 14, 5);
            assertThat(at + a + b + d).isEqualTo(end);
            byte[] reversed = new byte[rows.length + 3];
            System.arraycopy(rows, 19, reversed, 3, 5);
            System.arraycopy(rows, 5, reversed, 8, 14);
            System.arraycopy(rows, 0, reversed, 22, 5);
            MemorySegment other = MemorySegment.ofArray(reversed);
            rc.measure(c.rows(), tm, SizePlan.MARIADB_COUNT);
            assertThat(rc.countRows(other, 3, reversed.length, false)).isEqualTo(2);
            assertThat(rc.countRows(other, 3, 3, true)).isEqualTo(1);
            assertThat(rc.countRows(other, 3, 3, false)).isZero();
        }
    }

    @Test
    void aTableIdMappedAgainIsPlannedAgain() {
        int[] wide = {3, 3};
        int[] narrow = {1, 1};
        byte[] rows = hex("00 01 00 00 00 02 00 00 00");
        try (BinlogFile f = new TestBinlog()
                .event(EventType.TABLE_MAP.code(), tableMap(wide, "", ""))
                .event(WRITE, rowsBody(2, "03", null, rows))
                .event(EventType.TABLE_MAP.code(), tableMap(narrow, "", ""))
                .event(WRITE, rowsBody(2, "03", null, rows)).open()) {
            EventCursor c = f.cursor();
            c.next();
            TableMapRegistry tables = new TableMapRegistry();
            RowCursor rc = new RowCursor();
            c.next();
            tables.put(c.tableMap());
            c.next();
            assertThat(rc.countRows(c.rows(), tables.get(42), SizePlan.MARIADB_COUNT)).isEqualTo(1);
            c.next();
            tables.put(c.tableMap());
            c.next();
            // 1-byte columns: the 9 bytes are three rows of 3
            assertThat(rc.countRows(c.rows(), tables.get(42), SizePlan.MARIADB_COUNT)).isEqualTo(3);
        }
    }

    @Test
    void registryAttachmentsLastUntilTheTableIdIsMappedToAnotherTableMap() {
        byte[] other = tableMap(new int[]{3}, "", "");
        try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tableMap(POINTS, POINTS_META, ""))
                .event(EventType.TABLE_MAP.code(), tableMap(POINTS, POINTS_META, ""))
                .event(EventType.TABLE_MAP.code(), other).open()) {
            EventCursor c = f.cursor();
            c.next();
            c.next();
            TableMapRegistry tables = new TableMapRegistry();
            assertThatThrownBy(() -> tables.attach(42, "x")).isInstanceOf(IllegalStateException.class);
            TableMapEventView first = tables.put(c.tableMap());
            assertThat(tables.attachment(42)).isNull();
            tables.attach(42, "shown once");
            assertThat(tables.attachment(42)).isEqualTo("shown once");
            assertThat(tables.attachment(43)).isNull();
            // the same table map sent again: the registry's view moves to it, decoded once
            long firstAt = first.position();
            c.next();
            long againAt = c.position();
            assertThat(tables.put(c.tableMap())).isSameAs(first);
            assertThat(tables.attachment(42)).isEqualTo("shown once");
            assertThat(first.position()).isEqualTo(againAt).isNotEqualTo(firstAt);
            assertThat(first.table()).isEqualTo("t");
            assertThat(first.columnType(1)).isEqualTo(ColumnType.GEOMETRY);
            // another table map under the id
            c.next();
            tables.put(c.tableMap());
            assertThat(tables.attachment(42)).isNull();
            assertThat(tables.get(42).columnCount()).isEqualTo(1);
            tables.attach(42, "again");
            tables.clear();
            assertThat(tables.attachment(42)).isNull();
        }
    }

    @Test
    void aTableMapMovedToNewBytesReadsThemAndANamedOneKeepsItsNames() {
        String names = "04 04 01 61 01 62"; // COLUMN_NAME: "a", "b"
        byte[] tm = tableMap(POINTS, POINTS_META, names);
        try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tm)
                .event(WRITE, rowsBody(2, "03", null, hex(POINT_ROWS)))
                .event(EventType.TABLE_MAP.code(), tm)
                .event(WRITE, rowsBody(2, "03", null, hex(POINT_ROWS))).open()) {
            EventCursor c = f.cursor();
            c.next();
            TableMapRegistry tables = new TableMapRegistry();
            RowCursor rc = new RowCursor();
            for (int k = 0; k < 2; k++) {
                c.next();
                TableMapEventView v = tables.put(c.tableMap());
                assertThat(v.columnName(0)).isEqualTo("a");
                assertThat(v.columnName(1)).isEqualTo("b");
                assertThat(v.optionalMetadataOffset()).isEqualTo(c.tableMap().optionalMetadataOffset());
                c.next();
                assertThat(rc.countRows(c.rows(), v, SizePlan.MARIADB_COUNT)).isEqualTo(2);
                rc.wrap(c.rows(), v);
                rc.next();
                assertThat(rc.after().getLong(0)).isEqualTo(1);
            }
        }
    }

    @Test
    void aRegistryThatOutlivesItsFileDecodesTheNextOnesTableMapsAfresh() {
        TableMapRegistry tables = new TableMapRegistry();
        for (int k = 0; k < 2; k++) {
            try (BinlogFile f = new TestBinlog().event(EventType.TABLE_MAP.code(), tableMap(POINTS, POINTS_META, "")).open()) {
                EventCursor c = f.cursor();
                c.next();
                c.next();
                assertThat(tables.put(c.tableMap()).columnCount()).isEqualTo(2);
            }
        }
    }

    // ---- against the official walk, on random tables and rows ----------------------------------

    /** A column type the random tables use: binlog code, metadata bytes, and how its values are written. */
    private record Col(int code, String metaHex, int meta, int fixed, int prefix, int maxLength) {
    }

    private static final Col[] COLS = {
            new Col(1, "", 0, 1, 0, 0), new Col(2, "", 0, 2, 0, 0), new Col(9, "", 0, 3, 0, 0),
            new Col(3, "", 0, 4, 0, 0), new Col(8, "", 0, 8, 0, 0), new Col(4, "04", 4, 4, 0, 0),
            new Col(5, "08", 8, 8, 0, 0), new Col(13, "", 0, 1, 0, 0), new Col(10, "", 0, 3, 0, 0),
            new Col(11, "", 0, 3, 0, 0), new Col(12, "", 0, 8, 0, 0), new Col(7, "", 0, 4, 0, 0),
            new Col(17, "00", 0, 4, 0, 0), new Col(17, "06", 6, 7, 0, 0), new Col(18, "03", 3, 7, 0, 0),
            new Col(19, "05", 5, 6, 0, 0), new Col(246, "0a 04", 0x0a04, 5, 0, 0),
            new Col(246, "24 0a", 0x240a, 17, 0, 0), new Col(16, "04 01", 0x0104, 2, 0, 0),
            new Col(254, "f7 01", 0xf701, 1, 0, 0), new Col(254, "f7 02", 0xf702, 2, 0, 0),
            new Col(254, "f8 03", 0xf803, 3, 0, 0), new Col(15, "0a 00", 10, 0, 1, 10),
            new Col(15, "2c 01", 300, 0, 2, 300), new Col(254, "fe 0a", 0xfe0a, 0, 1, 10),
            new Col(254, "ee 90", 0xee90, 0, 2, 400), new Col(252, "01", 1, 0, 1, 20),
            new Col(252, "02", 2, 0, 2, 40), new Col(252, "03", 3, 0, 3, 30), new Col(252, "04", 4, 0, 4, 30),
            new Col(255, "04", 4, 0, 4, 25), new Col(245, "04", 4, 0, 4, 12), new Col(140, "02", 2, 0, 2, 9),
            new Col(141, "0a 00", 10, 0, 1, 10)};

    @Test
    void countsAndLengthsAreThoseOfTheOfficialWalkOnRandomAndDamagedRows() {
        SplittableRandom rnd = new SplittableRandom(20261207);
        int damaged = 0;
        for (int round = 0; round < 1500; round++) {
            int columns = rnd.nextInt(20) == 0 ? 60 + rnd.nextInt(12) : 1 + rnd.nextInt(12);
            List<Col> cols = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                // mostly columns every plan sizes, so that the walks go on
                cols.add(COLS[rnd.nextInt(4) == 0 ? rnd.nextInt(COLS.length) : rnd.nextInt(24)]);
            }
            int width = rnd.nextInt(15) == 0 ? columns + 1 + rnd.nextInt(3) : columns;
            int type = new int[]{WRITE, UPDATE, DELETE}[rnd.nextInt(3)];
            boolean[] before = presence(rnd, width);
            boolean[] after = type == UPDATE ? presence(rnd, width) : before;
            ByteArrayOutputStream images = new ByteArrayOutputStream();
            int rows = rnd.nextInt(6);
            for (int r = 0; r < rows; r++) {
                image(rnd, cols, before, images);
                if (type == UPDATE) {
                    image(rnd, cols, after, images);
                }
            }
            byte[] img = images.toByteArray();
            boolean intact = true;
            if (img.length > 0 && rnd.nextInt(3) == 0) {
                intact = false;
                if (rnd.nextBoolean()) {
                    img = Arrays.copyOf(img, rnd.nextInt(img.length));
                } else {
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                        img[rnd.nextInt(img.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
            }
            int[] types = cols.stream().mapToInt(Col::code).toArray();
            String meta = String.join(" ", cols.stream().map(Col::metaHex).filter(m -> !m.isEmpty()).toList());
            byte[] body = rowsBody(width, bits(before), type == UPDATE ? bits(after) : null, img);
            try (BinlogFile f = open(types, meta, type, body)) {
                EventCursor c = f.cursor();
                TableMapEventView tm = tableMapAndRows(c);
                RowsEventView ev = c.rows();
                int[] code = types;
                int[] md = cols.stream().mapToInt(Col::meta).toArray();
                for (SizePlan plan : new SizePlan[]{SizePlan.MARIADB_COUNT, SizePlan.MARIADB_FLASHBACK}) {
                    boolean flashback = plan == SizePlan.MARIADB_FLASHBACK;
                    long expected = Official.count(code, md, width, before, after, type == WRITE, type == UPDATE,
                            img, flashback);
                    RowCursor rc = new RowCursor();
                    assertThat(rc.countRows(ev, tm, plan)).as("round %d, %s", round, plan).isEqualTo(expected);
                    // image by image, from every offset (damage makes any offset a row start)
                    rc.measure(ev, tm, plan);
                    MemorySegment seg = MemorySegment.ofArray(img);
                    for (int at = 0; at < img.length; at += 1 + rnd.nextInt(4)) {
                        assertThat(rc.imageLength(seg, at, img.length, false)).as("round %d, %s, at %d", round, plan, at)
                                .isEqualTo(Official.rowLength(code, md, width, before, img, at, flashback));
                    }
                }
                long server = new RowCursor().countRows(ev, tm, SizePlan.SERVER);
                if (intact && width == columns) {
                    RowCursor decoder = new RowCursor().wrap(ev, tm);
                    int n = 0;
                    while (decoder.next()) {
                        n++;
                    }
                    assertThat(server).as("round %d", round).isEqualTo(type == WRITE && rows == 0 ? 1 : n);
                } else {
                    damaged++;
                }
            }
        }
        assertThat(damaged).isGreaterThan(300);
    }

    private static boolean[] presence(SplittableRandom rnd, int width) {
        boolean[] p = new boolean[width];
        boolean all = rnd.nextInt(3) > 0;
        for (int i = 0; i < width; i++) {
            p[i] = all || rnd.nextInt(4) > 0;
        }
        p[rnd.nextInt(width)] = true; // an image of no columns is damage to the row decoder
        return p;
    }

    /** One valid image: NULL bits over the present columns, then the non-NULL values of the table's columns. */
    private static void image(SplittableRandom rnd, List<Col> cols, boolean[] present, ByteArrayOutputStream out) {
        int n = 0;
        for (boolean b : present) {
            n += b ? 1 : 0;
        }
        byte[] nulls = new byte[(n + 7) / 8];
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        boolean someNulls = rnd.nextInt(3) == 0;
        int bit = 0;
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                continue;
            }
            if (i >= cols.size() || someNulls && rnd.nextInt(3) == 0) {
                nulls[bit >> 3] |= (byte) (1 << (bit & 7));
            } else {
                Col c = cols.get(i);
                int len = c.fixed;
                if (c.prefix > 0) {
                    len = rnd.nextInt(c.maxLength + 1);
                    for (int k = 0; k < c.prefix; k++) {
                        values.write(len >> (8 * k));
                    }
                }
                for (int k = 0; k < len; k++) {
                    values.write(rnd.nextInt(256));
                }
            }
            bit++;
        }
        out.writeBytes(nulls);
        out.writeBytes(values.toByteArray());
    }

    /**
     * MariaDB 10.11's walks, transcribed from {@code sql/log_event_client.cc} and {@code table_def}
     * over the raw type codes and metadata as {@code table_def} holds them, independently of the
     * parser's plans.
     */
    static final class Official {
        /** {@code table_def::type()}: ENUM and SET hide behind STRING; DATE means NEWDATE. */
        static int type(int code, int meta) {
            if (code == 254 && ((meta >> 8) == 247 || (meta >> 8) == 248)) {
                return meta >> 8;
            }
            return code == 10 ? 14 : code;
        }

        /** {@code calc_field_event_length}; with {@code flashback} the types its value printer adds. */
        static long fieldLength(byte[] b, int p, int type, int meta, boolean flashback) {
            if (flashback) {
                type = switch (type) {
                    case 255, 245, 140 -> 252;
                    case 141 -> 15;
                    default -> type;
                };
            }
            int length = 0;
            if (type == 254) {
                if (meta >= 256) {
                    int byte0 = meta >> 8;
                    int byte1 = meta & 0xFF;
                    if ((byte0 & 0x30) != 0x30) {
                        length = byte1 | (((byte0 & 0x30) ^ 0x30) << 4);
                        type = byte0 | 0x30;
                    } else {
                        length = meta & 0xFF;
                    }
                } else {
                    length = meta;
                }
            }
            return switch (type) {
                case 3, 7, 4 -> 4;
                case 1, 13 -> 1;
                case 2 -> 2;
                case 9, 11, 14, 10 -> 3;
                case 8, 12, 5 -> 8;
                case 246 -> {
                    int[] dig2bytes = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
                    int precision = meta >> 8;
                    int scale = meta & 0xFF;
                    int intg = precision - scale;
                    yield intg / 9 * 4 + dig2bytes[intg % 9] + scale / 9 * 4 + dig2bytes[scale % 9];
                }
                case 16 -> ((meta >> 8) * 8 + (meta & 0xFF) + 7) / 8;
                case 17 -> 4 + (meta + 1) / 2;
                case 18 -> 5 + (meta + 1) / 2;
                case 19 -> 3 + (meta + 1) / 2;
                case 247 -> (meta & 0xFF) == 1 || (meta & 0xFF) == 2 ? meta & 0xFF : 0;
                case 248 -> meta & 0xFF;
                case 252 -> switch (meta) {
                    case 1 -> p + 1 <= b.length ? u(b, p, 1) + 1 : -1;
                    case 2 -> p + 2 <= b.length ? u(b, p, 2) + 2 : -1;
                    case 3 -> p + 3 <= b.length ? u(b, p, 3) + 3 : -1;
                    case 4 -> p + 4 <= b.length ? u(b, p, 4) + 4 : -1;
                    default -> 0;
                };
                case 15, 253, 254 -> {
                    if (type != 254) {
                        length = meta;
                    }
                    int n = length < 256 ? 1 : 2;
                    yield p + n <= b.length ? u(b, p, n) + n : -1;
                }
                default -> 0;
            };
        }

        /** {@code calc_row_event_length} of the image at {@code start}, the row images ending at {@code b.length}. */
        static long rowLength(int[] code, int[] meta, int width, boolean[] present, byte[] b, int start,
                              boolean flashback) {
            int end = b.length;
            int n = 0;
            for (int i = 0; i < width; i++) {
                n += present[i] ? 1 : 0;
            }
            long p = start + (n + 7) / 8;
            int nullIndex = 0;
            for (int i = 0; i < code.length; i++) {
                if (i >= width || !present[i]) {
                    continue;
                }
                int nb = start + nullIndex / 8;
                boolean isNull = nb < end && ((b[nb] >> (nullIndex % 8)) & 1) != 0;
                if (!isNull) {
                    // reading a length prefix past the end: the walk cannot tell (-1)
                    long size = p > end ? -1 : fieldLength(b, (int) p, type(code[i], meta[i]), meta[i], flashback);
                    if (size <= 0 || p + size > end) {
                        return 0;
                    }
                    p += size;
                }
                nullIndex++;
            }
            return p - start;
        }

        /** {@code count_row_events}. */
        static long count(int[] code, int[] meta, int width, boolean[] before, boolean[] after, boolean write,
                          boolean update, byte[] b, boolean flashback) {
            long n = write && b.length == 0 ? 1 : 0;
            int p = 0;
            while (p < b.length) {
                n++;
                long len = rowLength(code, meta, width, before, b, p, flashback);
                if (len == 0) {
                    break;
                }
                p += (int) len;
                if (update) {
                    len = rowLength(code, meta, width, after, b, p, flashback);
                    if (len == 0) {
                        break;
                    }
                    p += (int) len;
                }
            }
            return n;
        }

        private static long u(byte[] b, int p, int n) {
            long v = 0;
            for (int k = n - 1; k >= 0; k--) {
                v = v << 8 | (b[p + k] & 0xFF);
            }
            return v;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static byte[] hex(String h) {
        return new TestBinlog.Bytes().hex(h).bytes();
    }

    private static String bits(boolean[] p) {
        byte[] b = new byte[(p.length + 7) / 8];
        for (int i = 0; i < p.length; i++) {
            if (p[i]) {
                b[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x));
        }
        return sb.toString();
    }

    /** A v1 rows event body of table 42: post-header, column count, bitmap(s), row images. */
    static byte[] rowsBody(int columns, String present, String presentAfter, byte[] images) {
        TestBinlog.Bytes b = new TestBinlog.Bytes().hex("2a 00 00 00 00 00 01 00").packed(columns).hex(present);
        if (presentAfter != null) {
            b.hex(presentAfter);
        }
        return b.raw(images).bytes();
    }

    private static BinlogFile open(int[] types, String meta, int rowsType, byte[] rowsBody) {
        return new TestBinlog().event(EventType.TABLE_MAP.code(), tableMap(types, meta, ""))
                .event(rowsType, rowsBody).open();
    }

    /** Moves the cursor over the Format_description and the table map onto the rows event; returns the table map. */
    private static TableMapEventView tableMapAndRows(EventCursor c) {
        c.next();
        c.next();
        TableMapRegistry tables = new TableMapRegistry();
        TableMapEventView tm = tables.put(c.tableMap());
        c.next();
        return tm;
    }

    private static long count(int[] types, String meta, int rowsType, byte[] rowsBody, SizePlan plan) {
        try (BinlogFile f = open(types, meta, rowsType, rowsBody)) {
            EventCursor c = f.cursor();
            TableMapEventView tm = tableMapAndRows(c);
            return new RowCursor().countRows(c.rows(), tm, plan);
        }
    }
}
