package io.binlogkit.parser;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link RowImage#decodeInto} against the per-column accessors, over every row of every committed
 * testdata binlog and public fixture: the same values (in the encodings its javadoc gives, computed
 * here from the accessors), the same NULL / not-present columns, and on damaged copies (rows events
 * cut short, single bit flips in rows events and table maps) the same {@link BinlogFormatException}
 * with the same field and offset, never any other exception.
 *
 * <p>Each file is walked four ways: the reference (an eager {@link RowCursor}, every column through
 * its accessor), {@code decodeInto} on an eager cursor (must give exactly the reference's trace),
 * and {@code decodeInto} and the accessors on a {@link RowCursor#lazy lazy} cursor (same error; the
 * trace may hold the images of the damaged row that were read before the damage was met).
 */
class DecodeIntoContractTest {
    private static final int CUTS_PER_EVENT = 48;
    private static final int EVENTS_PER_FILE = 12;
    private static final int FLIPS_PER_FILE = 1000;

    /** How a walk reads one image: appends (state, value) per column, state 0 absent, 1 NULL, 2 value. */
    private interface ImageReader {
        void read(RowImage r, List<Long> out);
    }

    /** What a walk saw: the images it read completely, and the message of the error that stopped it. */
    private record Trace(List<Long> values, long images, String error) {
    }

    private static final ImageReader PER_COLUMN = DecodeIntoContractTest::perColumn;
    private static final ImageReader BULK = DecodeIntoContractTest::bulk;

    // ---- the files ------------------------------------------------------------------------------

    private static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.testdata())) {
            s.filter(p -> p.getFileName().toString().matches(".*\\.\\d{6}")).sorted().forEach(out::add);
        }
        Path fixtures = Fixtures.repo().resolve("../shared/fixtures/rust_mysql_common").normalize();
        if (Files.isDirectory(fixtures)) {
            try (Stream<Path> s = Files.list(fixtures)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfEveryFileDecodesAsThePerColumnAccessorsSay() throws IOException {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(p);
            Trace reference = walk(p, bytes, false, PER_COLUMN, true);
            Trace eagerBulk = walk(p, bytes, false, BULK, true);
            assertThat(eagerBulk).isEqualTo(reference);
            // lazy: decodeInto first, then every accessor on the same image (which locates it)
            Trace lazyBulk = walk(p, bytes, true, (r, out) -> {
                List<Long> viaAccessors = new ArrayList<>();
                bulk(r, out);
                perColumn(r, viaAccessors);
                assertThat(viaAccessors).isEqualTo(out.subList(out.size() - viaAccessors.size(), out.size()));
            }, true);
            assertSameOutcome(reference, lazyBulk, "lazy decodeInto");
            assertSameOutcome(reference, walk(p, bytes, true, PER_COLUMN, true), "lazy accessors");
            for (int batch : new int[] {1, 3, 1000}) {
                assertThat(walkRows(p, bytes, false, batch, true)).as("nextRows by %d, eager", batch).isEqualTo(reference);
                assertThat(walkRows(p, bytes, true, batch, true)).as("nextRows by %d, lazy", batch).isEqualTo(reference);
            }
        }));
    }

    /** The committed testdata must exercise every column type it was made for; the walks above must see rows. */
    @Test
    void theFilesCoverEveryColumnType() throws IOException {
        Set<ColumnType> seen = EnumSet.noneOf(ColumnType.class);
        long images = 0;
        for (Path p : files()) {
            Trace t = walk(p, Files.readAllBytes(p), false, (r, out) -> {
                for (int i = 0; i < r.columnCount(); i++) {
                    if (r.isPresent(i) && !r.isNull(i)) {
                        seen.add(r.columnType(i));
                    }
                }
            }, true);
            images += t.images();
        }
        assertThat(images).isGreaterThan(100);
        // the testdata (MariaDB) has every type MariaDB writes
        assertThat(seen).contains(ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24, ColumnType.LONG,
                ColumnType.LONGLONG, ColumnType.FLOAT, ColumnType.DOUBLE, ColumnType.NEWDECIMAL, ColumnType.YEAR,
                ColumnType.DATE, ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2, ColumnType.BIT,
                ColumnType.ENUM, ColumnType.SET, ColumnType.VARCHAR, ColumnType.STRING, ColumnType.BLOB,
                ColumnType.GEOMETRY);
        if (Files.isDirectory(Fixtures.repo().resolve("../shared/fixtures/rust_mysql_common").normalize())) {
            assertThat(seen).contains(ColumnType.JSON); // MySQL's binary JSON, from the public fixtures
        }
    }

    /** Every rows event (a sample of them in the larger files) cut short by 1 .. all of its row bytes. */
    @TestFactory
    Stream<DynamicTest> truncatedRowsEventsFailAlike() throws IOException {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(p);
            List<long[]> events = rowsEvents(p, bytes);
            int step = Math.max(1, events.size() / EVENTS_PER_FILE);
            for (int e = 0; e < events.size(); e += step) {
                long[] ev = events.get(e);
                int start = (int) ev[0];
                int length = (int) ev[1];
                int rowBytes = (int) ev[2];
                int cutStep = Math.max(1, rowBytes / CUTS_PER_EVENT);
                int failed = 0;
                for (int k = 1; k <= rowBytes; k += (k < 16 ? 1 : cutStep)) {
                    // the event, k bytes shorter, is the last of the file; end_log_pos 0 is not checked
                    byte[] cut = java.util.Arrays.copyOf(bytes, start + length - k);
                    putU32(cut, start + 9, length - k);
                    putU32(cut, start + 13, 0);
                    failed += compareAllWays(p, cut, "rows event at " + start + " cut by " + k) ? 1 : 0;
                }
                // a cut that ends at a row boundary reads cleanly; most cut a value
                assertThat(failed).as("failing cuts of the rows event at %d", start).isPositive();
            }
        }));
    }

    /** Single bit flips inside rows events and table maps, read without checksums so that they reach the rows. */
    @TestFactory
    Stream<DynamicTest> bitFlipsInRowsAndTableMapsFailAlike() throws IOException {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(p);
            List<long[]> targets = new ArrayList<>(rowsEvents(p, bytes));
            targets.addAll(tableMaps(p, bytes));
            if (targets.isEmpty()) {
                return;
            }
            SplittableRandom rnd = new SplittableRandom(p.getFileName().toString().hashCode());
            int failed = 0;
            for (int n = 0; n < FLIPS_PER_FILE; n++) {
                long[] ev = targets.get(rnd.nextInt(targets.size()));
                int pos = (int) ev[0] + 19 + rnd.nextInt((int) ev[1] - 19);
                int bit = rnd.nextInt(8);
                bytes[pos] ^= (byte) (1 << bit);
                try {
                    failed += compareAllWays(p, bytes, "bit " + bit + " of byte " + pos + " flipped") ? 1 : 0;
                } finally {
                    bytes[pos] ^= (byte) (1 << bit);
                }
            }
            assertThat(failed).as("flips that damage a row").isPositive();
        }));
    }

    /** Compares the walks of a damaged file; true when the reference failed in a rows event. */
    private static boolean compareAllWays(Path p, byte[] bytes, String what) {
        Trace reference = walk(p, bytes, false, PER_COLUMN, false);
        assertThat(walk(p, bytes, false, BULK, false)).as(what).isEqualTo(reference);
        assertSameOutcome(reference, walk(p, bytes, true, BULK, false), what + ", lazy decodeInto");
        assertSameOutcome(reference, walk(p, bytes, true, PER_COLUMN, false), what + ", lazy accessors");
        for (boolean lazy : new boolean[] {false, true}) {
            assertSameBatchOutcome(reference, walkRows(p, bytes, lazy, 4, false), what + ", nextRows by 4, lazy " + lazy);
        }
        return reference.error() != null && reference.error().contains("row");
    }

    /**
     * nextRows reports the same error; the rows of the batch in which it met it are not returned,
     * so its trace is the reference's up to a row before the damaged one.
     */
    private static void assertSameBatchOutcome(Trace reference, Trace batch, String what) {
        assertThat(batch.error()).as(what).isEqualTo(reference.error());
        if (reference.error() == null) {
            assertThat(batch).as(what).isEqualTo(reference);
        } else {
            assertThat(batch.values()).as(what).isEqualTo(reference.values().subList(0, batch.values().size()));
        }
    }

    /**
     * A lazy cursor reports the same error, but may have read images of the damaged row before it
     * met the damage (the eager cursor's next() checks the whole row first): the before image of an
     * update, or both images when they are empty (reported by the next next()).
     */
    private static void assertSameOutcome(Trace reference, Trace lazy, String what) {
        assertThat(lazy.error()).as(what).isEqualTo(reference.error());
        if (reference.error() == null) {
            assertThat(lazy).as(what).isEqualTo(reference);
        } else {
            assertThat(lazy.values().subList(0, Math.min(lazy.values().size(), reference.values().size())))
                    .as(what).isEqualTo(reference.values());
            assertThat(lazy.images() - reference.images()).as(what).isBetween(0L, 2L);
        }
    }

    /** The hand-built row of {@link RowDecodingContractTest} (every type, values spelled out there), in bulk. */
    @Test
    void everyColumnTypeOfTheHandBuiltRow() {
        byte[] body = new TestBinlog.Bytes().hex(RowDecodingContractTest.writeRowsBody(RowDecodingContractTest.row())).bytes();
        try (BinlogFile f = new TestBinlog()
                .event(EventType.TABLE_MAP.code(), RowDecodingContractTest.tableMap(
                        RowDecodingContractTest.TYPES, RowDecodingContractTest.METADATA, "01 01 40"))
                .event(EventType.WRITE_ROWS_V1.code(), body).open()) {
            EventCursor c = f.cursor();
            TableMapRegistry tables = new TableMapRegistry();
            c.next();
            c.next();
            tables.put(c.tableMap());
            c.next();
            for (boolean lazy : new boolean[] {false, true}) {
                RowCursor rc = new RowCursor().lazy(lazy).wrap(c.rows(), tables.require(c.rows()));
                assertThat(rc.next()).isTrue();
                long[] values = new long[21];
                long[] nulls = new long[1];
                assertThat(rc.after().decodeInto(values, nulls)).isEqualTo(19);
                long ymd = (2024L * 13 + 2) << 5 | 29;
                assertThat(values).containsExactly(
                        -5, 65535, -2, Long.MIN_VALUE,
                        -12345678,                                        // DECIMAL(10,4) -1234.5678
                        Double.doubleToRawLongBits(2.5), Float.floatToRawIntBits(1.5f),
                        2024,                                             // YEAR
                        ymd << 41,                                        // DATE 2024-02-29
                        ((ymd << 17 | 13 << 12 | 14 << 6 | 15) << 24) + 123_000, // DATETIME2(3)
                        -((1L << 12 | 2 << 6 | 3) << 24),                 // TIME2 -01:02:03
                        1_700_000_000_654_321L,                           // TIMESTAMP2(6)
                        57L << 32 | 6,                                    // VARCHAR "héllo": after the 3-byte NULL bitmap and 54 bytes of values
                        64L << 32 | 2,                                    // CHAR "ab"
                        2, 0b101, 0xabc,                                  // ENUM, SET, BIT
                        72L << 32 | 5, 81L << 32 | 17,                    // BLOB, JSON
                        0, 0);                                            // NULL, not present
                assertThat(nulls[0]).isEqualTo(1L << 19 | 1L << 20);
                assertThat(rc.after().isPresent(19)).isTrue();
                assertThat(rc.after().isPresent(20)).isFalse();
                assertThat(rc.next()).isFalse();
            }
        }
    }

    @Test
    void arraysTooShortAreRejected() throws IOException {
        Path p = Fixtures.testdata().resolve("row.000001");
        try (BinlogFile f = BinlogFile.open(p)) {
            EventCursor c = f.cursor();
            TableMapRegistry tables = new TableMapRegistry();
            RowCursor rc = new RowCursor().lazy(true);
            while (c.next()) {
                if (c.type() == EventType.TABLE_MAP) {
                    tables.put(c.tableMap());
                } else if (c.type().isRows()) {
                    RowsEventView ev = c.rows();
                    rc.wrap(ev, tables.require(ev));
                    assertThat(rc.next()).isTrue();
                    RowImage r = rc.image();
                    int n = r.columnCount();
                    assertThatThrownBy(() -> r.decodeInto(new long[n - 1], new long[1]))
                            .isInstanceOf(IllegalArgumentException.class);
                    assertThatThrownBy(() -> r.decodeInto(new long[n], new long[0]))
                            .isInstanceOf(IllegalArgumentException.class);
                    assertThat(r.decodeInto(new long[n], new long[1])).isPositive();
                    return;
                }
            }
            fail("no rows event in " + p);
        }
    }

    /** The unpacking the javadoc of decodeInto gives yields the temporal() fields (for values a server writes). */
    @Test
    void packedTemporalsUnpackAsDocumented() throws IOException {
        long[] values = new long[4096];
        long[] nulls = new long[64];
        int checked = 0;
        for (Path p : files()) {
            int[] n = {0};
            walk(p, Files.readAllBytes(p), true, (r, out) -> {
                r.decodeInto(values, nulls);
                for (int i = 0; i < r.columnCount(); i++) {
                    ColumnType t = r.columnType(i);
                    if ((nulls[i >> 6] & (1L << i)) != 0 || t == null || !t.isTemporal() || t == ColumnType.YEAR) {
                        continue;
                    }
                    TemporalValue tv = r.temporal(i);
                    long v = values[i];
                    if (t == ColumnType.TIMESTAMP || t == ColumnType.TIMESTAMP2) {
                        assertThat(new long[] {Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L)})
                                .containsExactly(tv.epochSecond(), tv.micros());
                        n[0]++;
                        continue;
                    }
                    long a = Math.abs(v);
                    boolean time = t == ColumnType.TIME || t == ColumnType.TIME2;
                    long[] fields = time
                            ? new long[] {0, 0, 0, a >> 36 & 1023, a >> 30 & 63, a >> 24 & 63, a & 0xFFFFFF}
                            : new long[] {(a >> 46) / 13, (a >> 46) % 13, a >> 41 & 31, a >> 36 & 31, a >> 30 & 63,
                                    a >> 24 & 63, a & 0xFFFFFF};
                    assertThat(fields).as("%s column %d of %s", t, i, p.getFileName()).containsExactly(
                            time ? 0 : tv.year(), time ? 0 : tv.month(), time ? 0 : tv.day(), tv.hour(), tv.minute(),
                            tv.second(), tv.micros());
                    assertThat(v < 0).isEqualTo(tv.negative());
                    n[0]++;
                }
            }, true);
            checked += n[0];
        }
        assertThat(checked).isPositive();
    }

    // ---- the walks ------------------------------------------------------------------------------

    /**
     * Walks every event of the file (transaction payloads included), reading every image of every
     * rows event whose table map is known with {@code reader}.
     */
    private static Trace walk(Path p, byte[] bytes, boolean lazy, ImageReader reader, boolean verifyChecksums) {
        List<Long> out = new ArrayList<>();
        long[] images = {0};
        String error = null;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            BinlogFile f = BinlogFile.of(p, seg);
            walk(f.cursor().verifyChecksums(verifyChecksums), new TableMapRegistry(), new RowCursor().lazy(lazy),
                    arena, reader, out, images);
        } catch (BinlogFormatException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            throw new AssertionError(p.getFileName() + (lazy ? " (lazy)" : "") + " escaped as " + e, e);
        }
        return new Trace(out, images[0], error);
    }

    private static void walk(EventCursor c, TableMapRegistry tables, RowCursor rc, Arena arena, ImageReader reader,
                             List<Long> out, long[] images) {
        List<Long> image = new ArrayList<>();
        while (c.next()) {
            EventType t = c.type();
            if (t == EventType.TABLE_MAP) {
                tables.put(c.tableMap());
            } else if (t == EventType.TRANSACTION_PAYLOAD) {
                walk(c.transactionPayload().events(arena), tables, rc, arena, reader, out, images);
            } else if (t.isRows()) {
                RowsEventView rows = c.rows();
                TableMapEventView tm = tables.get(rows.tableId());
                if (tm == null) {
                    continue; // ver_5_1-wl2325_s.001: codes 20-22 of a development tree, no table maps
                }
                rc.wrap(rows, tm);
                while (rc.next()) {
                    // an image counts only when it was read whole
                    for (RowImage r : rows.isUpdate() ? List.of(rc.before(), rc.after()) : List.of(rc.image())) {
                        image.clear();
                        reader.read(r, image);
                        out.addAll(image);
                        images[0]++;
                    }
                }
            }
        }
    }

    /**
     * Like {@link #walk}, reading the rows with {@link RowCursor#nextRows} in batches of at most
     * {@code batch} rows, each image as (state, value) per column as the other readers do.
     */
    private static Trace walkRows(Path p, byte[] bytes, boolean lazy, int batch, boolean verifyChecksums) {
        List<Long> out = new ArrayList<>();
        long[] images = {0};
        String error = null;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            walkRows(BinlogFile.of(p, seg).cursor().verifyChecksums(verifyChecksums), new TableMapRegistry(),
                    new RowCursor().lazy(lazy), arena, batch, out, images);
        } catch (BinlogFormatException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            throw new AssertionError(p.getFileName() + " (nextRows" + (lazy ? ", lazy" : "") + ") escaped as " + e, e);
        }
        return new Trace(out, images[0], error);
    }

    private static void walkRows(EventCursor c, TableMapRegistry tables, RowCursor rc, Arena arena, int batch,
                                 List<Long> out, long[] images) {
        while (c.next()) {
            EventType t = c.type();
            if (t == EventType.TABLE_MAP) {
                tables.put(c.tableMap());
            } else if (t == EventType.TRANSACTION_PAYLOAD) {
                walkRows(c.transactionPayload().events(arena), tables, rc, arena, batch, out, images);
            } else if (t.isRows()) {
                RowsEventView rows = c.rows();
                TableMapEventView tm = tables.get(rows.tableId());
                if (tm == null) {
                    continue;
                }
                rc.wrap(rows, tm);
                int n = rc.columnCount();
                int words = (n + 63) / 64;
                int perRow = rows.isUpdate() ? 2 : 1;
                long[] values = new long[batch * perRow * n];
                long[] nulls = new long[batch * perRow * words];
                int got;
                while ((got = rc.nextRows(values, nulls)) > 0) {
                    assertThat(got).isLessThanOrEqualTo(Math.max(1, batch));
                    for (int k = 0; k < got * perRow; k++) {
                        RowImage r = perRow == 2 && (k & 1) == 0 ? rc.before() : perRow == 2 ? rc.after() : rc.image();
                        for (int i = 0; i < n; i++) {
                            boolean none = (nulls[k * words + (i >> 6)] & (1L << i)) != 0;
                            out.add(none ? (r.isPresent(i) ? 1L : 0L) : 2L);
                            out.add(none ? 0L : values[k * n + i]);
                        }
                        images[0]++;
                    }
                }
            }
        }
    }

    /** The reference: every column through its accessor, in the encoding decodeInto documents. */
    private static void perColumn(RowImage r, List<Long> out) {
        for (int i = 0; i < r.columnCount(); i++) {
            if (!r.isPresent(i)) {
                out.add(0L);
                out.add(0L);
            } else if (r.isNull(i)) {
                out.add(1L);
                out.add(0L);
            } else {
                out.add(2L);
                out.add(expected(r, i));
            }
        }
    }

    private static void bulk(RowImage r, List<Long> out) {
        int n = r.columnCount();
        long[] values = new long[n + 3];
        long[] nulls = new long[(n + 63) / 64 + 1];
        java.util.Arrays.fill(values, 0x5555_5555_5555_5555L);
        java.util.Arrays.fill(nulls, -1L);
        int count = r.decodeInto(values, nulls);
        int seen = 0;
        for (int i = 0; i < n; i++) {
            if ((nulls[i >> 6] & (1L << i)) != 0) {
                assertThat(values[i]).isZero();
                out.add(r.isPresent(i) ? 1L : 0L);
                out.add(0L);
            } else {
                seen++;
                out.add(2L);
                out.add(values[i]);
            }
        }
        assertThat(count).isEqualTo(seen);
        // nothing past the columns is touched but the rest of the last null word
        assertThat(values[n]).isEqualTo(0x5555_5555_5555_5555L);
        assertThat(nulls[(n + 63) / 64]).isEqualTo(-1L);
    }

    private static long expected(RowImage r, int i) {
        ColumnType t = r.columnType(i);
        return switch (t) {
            case TINY, SHORT, INT24, LONG, LONGLONG, YEAR -> r.getLong(i);
            case BIT -> r.getBits(i);
            case ENUM -> r.getEnumIndex(i);
            case SET -> r.getSetBits(i);
            case FLOAT -> Float.floatToRawIntBits(r.getFloat(i));
            case DOUBLE -> Double.doubleToRawLongBits(r.getDouble(i));
            case NEWDECIMAL -> r.decimalFitsLong(i) ? r.getDecimalUnscaled(i) : location(r, i);
            case DATE, NEWDATE, DATETIME, DATETIME2 -> {
                TemporalValue v = r.temporal(i);
                long ymd = ((v.year() * 13L + v.month()) << 5) | v.day();
                long hms = ((long) v.hour() << 12) | ((long) v.minute() << 6) | v.second();
                long packed = (((ymd << 17) | hms) << 24) + v.micros();
                yield v.negative() ? -packed : packed;
            }
            case TIME, TIME2 -> {
                TemporalValue v = r.temporal(i);
                long packed = ((((long) v.hour() << 12) | ((long) v.minute() << 6) | v.second()) << 24) + v.micros();
                yield v.negative() ? -packed : packed;
            }
            case TIMESTAMP, TIMESTAMP2 -> {
                TemporalValue v = r.temporal(i);
                yield v.epochSecond() * 1_000_000L + v.micros();
            }
            default -> location(r, i);
        };
    }

    private static long location(RowImage r, int i) {
        return (r.offset(i) - r.rowImagesOffset()) << 32 | (r.length(i) & 0xFFFF_FFFFL);
    }

    // ---- damage ---------------------------------------------------------------------------------

    /** {start, length, row bytes} of every rows event outside transaction payloads. */
    private static List<long[]> rowsEvents(Path p, byte[] bytes) {
        return events(p, bytes, true);
    }

    private static List<long[]> tableMaps(Path p, byte[] bytes) {
        return events(p, bytes, false);
    }

    private static List<long[]> events(Path p, byte[] bytes, boolean rows) {
        List<long[]> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            EventCursor c = BinlogFile.of(p, seg).cursor();
            while (c.next()) {
                if (rows && c.type().isRows()) {
                    RowsEventView ev = c.rows();
                    long rowBytes = ev.rowsEnd() - ev.rowsOffset();
                    if (rowBytes > 0) {
                        out.add(new long[] {c.position(), c.length(), rowBytes});
                    }
                } else if (!rows && c.type() == EventType.TABLE_MAP && c.length() > 19) {
                    out.add(new long[] {c.position(), c.length(), 0});
                }
            }
        } catch (BinlogFormatException e) {
            // the deliberately damaged fixtures: the events before the damage
        }
        return out;
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
