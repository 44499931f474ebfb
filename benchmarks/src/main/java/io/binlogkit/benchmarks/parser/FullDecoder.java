package io.binlogkit.benchmarks.parser;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.ColumnType;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowImage;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TableMapRegistry;
import io.binlogkit.parser.TemporalValue;

/**
 * Full decode of every row value of a binlog as primitives, the work a change-data-capture consumer
 * does: frames every event with CRC32, registers every Table_map, and reads every present column of
 * every row image (both images of an update) as a {@code long}, in the encodings of
 * {@link RowImage#decodeInto}: integers, YEAR, BIT, ENUM and SET as {@code getLong} gives them,
 * FLOAT/DOUBLE as their bits, DECIMAL as its unscaled value (wider than 18 digits: the unscaled
 * {@code getBigDecimal}, cut to a long), temporals packed, strings, blobs and JSON as their location
 * (tier 1; nothing is copied). Two ways to the same values:
 * <ul>
 *   <li>{@link #bulk()}: {@link RowCursor#nextRows} on a {@link RowCursor#lazy lazy} cursor, many
 *       rows per call (row by row with {@link RowImage#decodeInto} for the events of a table with
 *       a DECIMAL wider than 18 digits, read with {@code getBigDecimal});</li>
 *   <li>{@link #perColumn()}: an eager cursor and the typed per-column accessors, column by column.</li>
 * </ul>
 * Every value is folded into {@link #checksum()} in column order (NULL as 1, columns not in the
 * image skipped), identical for both ways; the caller consumes it (a JMH Blackhole, or printed by
 * {@link io.binlogkit.benchmarks.DecodeAll}), so the JIT cannot drop any read. One instance per
 * thread; reusable.
 */
public final class FullDecoder {
    /** Values a {@link RowCursor#nextRows} batch holds at most (fewer rows for wide tables). */
    private static final int BATCH_VALUES = 1 << 14;
    /** 31^j, for folding values into the checksum with independent multiplies (see fold). */
    private static final long[] POW31 = new long[BATCH_VALUES + 1];

    static {
        POW31[0] = 1;
        for (int j = 1; j < POW31.length; j++) {
            POW31[j] = POW31[j - 1] * 31;
        }
    }

    private final boolean perColumn;
    private final TableMapRegistry tables = new TableMapRegistry();
    private final RowCursor rowCursor;
    private long[] buffer = new long[BATCH_VALUES];
    private long[] nullBits = new long[BATCH_VALUES];
    /** Per column of the current rows event: a DECIMAL wider than 18 digits (read with getBigDecimal). */
    private boolean[] wide = new boolean[64];
    private boolean anyWide;
    /** Per column of the current rows event: in the before image, in the after image (writes: the row). */
    private boolean[] inBefore = new boolean[64];
    private boolean[] inAfter = new boolean[64];
    /** Columns in the before and after images of the current rows event. */
    private int presentBefore;
    private int presentAfter;
    private long events;
    private long rowsEvents;
    private long rows;
    private long values;
    private long nulls;
    private long checksum;

    private FullDecoder(boolean perColumn) {
        this.perColumn = perColumn;
        this.rowCursor = new RowCursor().lazy(!perColumn);
    }

    /** {@link RowCursor#nextRows} on a lazy cursor. */
    public static FullDecoder bulk() {
        return new FullDecoder(false);
    }

    /** The per-column accessors on an eager cursor. */
    public static FullDecoder perColumn() {
        return new FullDecoder(true);
    }

    /** Decodes the whole file; the counts and checksum accumulate over calls until {@link #reset()}. */
    public FullDecoder decode(BinlogFile file) {
        tables.clear();
        EventCursor c = file.cursor();
        while (c.next()) {
            events++;
            int type = c.typeCode();
            if (type == EventType.TABLE_MAP.code()) {
                tables.put(c.tableMap());
            } else if (c.type().isRows()) {
                RowsEventView ev = c.rows();
                rowsEvents++;
                TableMapEventView table = tables.require(ev);
                RowCursor rc = rowCursor.wrap(ev, table);
                plan(ev, table, rc.columnCount());
                if (perColumn) {
                    rowByRow(rc, ev);
                } else if (anyWide) {
                    rowByRow(rc, ev);
                } else {
                    inBatches(rc, ev);
                }
            }
        }
        return this;
    }

    private void plan(RowsEventView ev, TableMapEventView table, int n) {
        if (wide.length < n) {
            wide = new boolean[Math.max(n, wide.length * 2)];
            inBefore = new boolean[wide.length];
            inAfter = new boolean[wide.length];
        }
        if (buffer.length < 2 * n) {
            buffer = new long[2 * n];
            nullBits = new long[2 * ((n + 63) / 64)];
        }
        boolean update = ev.isUpdate();
        boolean any = false;
        presentBefore = 0;
        presentAfter = 0;
        for (int i = 0; i < n; i++) {
            boolean w = table.columnType(i) == ColumnType.NEWDECIMAL && (table.columnMetadata(i) >> 8) > 18;
            wide[i] = w;
            any |= w;
            inBefore[i] = ev.columnPresent(i);
            inAfter[i] = update ? ev.columnPresentAfter(i) : ev.columnPresent(i);
            presentBefore += inBefore[i] ? 1 : 0;
            presentAfter += inAfter[i] ? 1 : 0;
        }
        anyWide = any;
    }

    private void rowByRow(RowCursor rc, RowsEventView ev) {
        boolean write = ev.isWrite();
        boolean update = ev.isUpdate();
        while (rc.next()) {
            rows++;
            if (write) {
                image(rc.after(), inAfter, presentAfter);
            } else {
                image(rc.before(), inBefore, presentBefore);
                if (update) {
                    image(rc.after(), inAfter, presentAfter);
                }
            }
        }
    }

    private void inBatches(RowCursor rc, RowsEventView ev) {
        int n = rc.columnCount();
        int words = (n + 63) >>> 6;
        boolean write = ev.isWrite();
        boolean update = ev.isUpdate();
        long[] v = buffer;
        long[] none = nullBits;
        int got;
        boolean allPresent = presentBefore == n && presentAfter == n;
        while ((got = rc.nextRows(v, none)) > 0) {
            rows += got;
            int images = update ? 2 * got : got;
            if (allPresent && noNulls(none, images * words)) {
                // the whole batch is one run of images * n folded values, none NULL
                int total = images * n;
                long g = 0;
                for (int j = 0; j < total; j++) {
                    g += v[j] * POW31[total - 1 - j];
                }
                values += total;
                checksum = checksum * POW31[total] + g;
                continue;
            }
            long h = checksum;
            for (int k = 0; k < images; k++) {
                boolean afterImage = write || update && (k & 1) == 1;
                h = fold(h, v, k * n, none, k * words, n,
                        afterImage ? inAfter : inBefore, afterImage ? presentAfter : presentBefore);
            }
            checksum = h;
        }
    }

    private static boolean noNulls(long[] none, int words) {
        long any = 0;
        for (int j = 0; j < words; j++) {
            any |= none[j];
        }
        return any == 0;
    }

    private void image(RowImage r, boolean[] present, int k) {
        if (perColumn) {
            imagePerColumn(r);
        } else {
            imageBulk(r, present, k);
        }
    }

    /** One image with {@link RowImage#decodeInto}, DECIMALs wider than 18 digits with getBigDecimal. */
    private void imageBulk(RowImage r, boolean[] present, int k) {
        long[] v = buffer;
        int n = r.columnCount();
        r.decodeInto(v, nullBits);
        if (anyWide) {
            for (int i = 0; i < n; i++) {
                if (wide[i] && (nullBits[i >>> 6] & (1L << i)) == 0) {
                    v[i] = r.getBigDecimal(i).unscaledValue().longValue();
                }
            }
        }
        checksum = fold(checksum, v, 0, nullBits, 0, n, present, k);
    }

    /**
     * The same fold as {@link #imagePerColumn}, {@code h = 31 * h + x} over the image's {@code k}
     * present columns, computed as {@code h * 31^k + sum(x_j * 31^(k-1-j))}: equal modulo 2^64, but
     * the products are independent instead of one multiply-add chain through every value.
     */
    private long fold(long h, long[] v, int at, long[] none, int nat, int n, boolean[] present, int k) {
        long g = 0;
        if (k == n && n <= 64 && none[nat] == 0) {
            // every column present and none NULL (n == 0 too)
            for (int i = 0; i < n; i++) {
                g += v[at + i] * POW31[n - 1 - i];
            }
            values += n;
        } else {
            int e = k;
            for (int i = 0; i < n; i++) {
                long x;
                if ((none[nat + (i >>> 6)] & (1L << i)) == 0) {
                    values++;
                    x = v[at + i];
                } else if (present[i]) {
                    nulls++;
                    x = 1;
                } else {
                    continue;
                }
                g += x * POW31[--e];
            }
        }
        return h * POW31[k] + g;
    }

    private void imagePerColumn(RowImage r) {
        long h = checksum;
        int n = r.columnCount();
        for (int i = 0; i < n; i++) {
            if (!r.isPresent(i)) {
                continue;
            }
            if (r.isNull(i)) {
                nulls++;
                h = 31 * h + 1;
                continue;
            }
            values++;
            h = 31 * h + value(r, i);
        }
        checksum = h;
    }

    /** Column i's value through its accessor, in the encoding of {@link RowImage#decodeInto}. */
    private static long value(RowImage r, int i) {
        return switch (r.columnType(i)) {
            case TINY, SHORT, INT24, LONG, LONGLONG, YEAR, BIT, ENUM, SET -> r.getLong(i);
            case FLOAT -> Float.floatToRawIntBits(r.getFloat(i));
            case DOUBLE -> Double.doubleToRawLongBits(r.getDouble(i));
            case NEWDECIMAL -> r.decimalFitsLong(i) ? r.getDecimalUnscaled(i) : r.getBigDecimal(i).unscaledValue().longValue();
            case TIMESTAMP, TIMESTAMP2 -> {
                TemporalValue t = r.temporal(i);
                yield t.epochSecond() * 1_000_000L + t.micros();
            }
            case DATE, NEWDATE, DATETIME, DATETIME2 -> {
                TemporalValue t = r.temporal(i);
                long ymd = ((t.year() * 13L + t.month()) << 5) | t.day();
                long hms = ((long) t.hour() << 12) | ((long) t.minute() << 6) | t.second();
                long packed = (((ymd << 17) | hms) << 24) + t.micros();
                yield t.negative() ? -packed : packed;
            }
            case TIME, TIME2 -> {
                TemporalValue t = r.temporal(i);
                long packed = ((((long) t.hour() << 12) | ((long) t.minute() << 6) | t.second()) << 24) + t.micros();
                yield t.negative() ? -packed : packed;
            }
            // strings, blobs, JSON, GEOMETRY, VECTOR: where the bytes are, not copied
            default -> (r.offset(i) - r.rowImagesOffset()) << 32 | (r.length(i) & 0xFFFF_FFFFL);
        };
    }

    public void reset() {
        events = rowsEvents = rows = values = nulls = checksum = 0;
    }

    public long events() {
        return events;
    }

    public long rowsEvents() {
        return rowsEvents;
    }

    /** Rows (an update's before and after images are one row). */
    public long rows() {
        return rows;
    }

    /** Non-NULL column values read. */
    public long values() {
        return values;
    }

    public long nulls() {
        return nulls;
    }

    /** Fold of every value read (31 * h + value, NULL as 1), the same for {@link #bulk()} and {@link #perColumn()}. */
    public long checksum() {
        return checksum;
    }
}
