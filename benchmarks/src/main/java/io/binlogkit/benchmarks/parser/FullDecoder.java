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
 *   <li>{@link #bulk()} (the default): {@link RowImage#decodeInto} on a {@link RowCursor#lazy lazy}
 *       cursor, one pass over each image;</li>
 *   <li>{@link #perColumn()}: an eager cursor and the typed per-column accessors, column by column.</li>
 * </ul>
 * Every value is folded into {@link #checksum()} in column order (NULL as 1, columns not in the
 * image skipped), identical for both ways; the caller consumes it (a JMH Blackhole, or printed by
 * {@link io.binlogkit.benchmarks.DecodeAll}), so the JIT cannot drop any read. One instance per
 * thread; reusable.
 */
public final class FullDecoder {
    /** 31^j, for folding an image's values into the checksum with independent multiplies (see imageBulk). */
    private static final long[] POW31 = new long[4098];

    static {
        POW31[0] = 1;
        for (int j = 1; j < POW31.length; j++) {
            POW31[j] = POW31[j - 1] * 31;
        }
    }

    private final boolean perColumn;
    private final TableMapRegistry tables = new TableMapRegistry();
    private final RowCursor rowCursor;
    private long[] buffer = new long[64];
    private long[] nullBits = new long[1];
    /** Per column of the current rows event: a DECIMAL wider than 18 digits (read with getBigDecimal). */
    private boolean[] wide = new boolean[64];
    private boolean anyWide;
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

    /** {@link RowImage#decodeInto} on a lazy cursor. */
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
                int n = rc.columnCount();
                planWide(table, n);
                boolean write = ev.isWrite();
                boolean update = ev.isUpdate();
                presentBefore = 0;
                presentAfter = 0;
                for (int i = 0; i < n; i++) {
                    presentBefore += ev.columnPresent(i) ? 1 : 0;
                    presentAfter += (update ? ev.columnPresentAfter(i) : ev.columnPresent(i)) ? 1 : 0;
                }
                while (rc.next()) {
                    rows++;
                    if (write) {
                        image(rc.after(), presentAfter);
                    } else {
                        image(rc.before(), presentBefore);
                        if (update) {
                            image(rc.after(), presentAfter);
                        }
                    }
                }
            }
        }
        return this;
    }

    private void planWide(TableMapEventView table, int n) {
        if (wide.length < n) {
            wide = new boolean[Math.max(n, wide.length * 2)];
            buffer = new long[wide.length];
            nullBits = new long[(wide.length + 63) / 64];
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            boolean w = table.columnType(i) == ColumnType.NEWDECIMAL && (table.columnMetadata(i) >> 8) > 18;
            wide[i] = w;
            any |= w;
        }
        anyWide = any;
    }

    private void image(RowImage r, int present) {
        if (perColumn) {
            imagePerColumn(r);
        } else {
            imageBulk(r, present);
        }
    }

    /**
     * The same fold as {@link #imagePerColumn}, {@code h = 31 * h + x} over the image's {@code k}
     * present columns, computed as {@code h * 31^k + sum(x_j * 31^(k-1-j))}: equal modulo 2^64, but
     * the products are independent instead of one multiply-add chain through every value.
     */
    private void imageBulk(RowImage r, int k) {
        long[] v = buffer;
        long[] none = nullBits;
        int n = r.columnCount();
        values += r.decodeInto(v, none);
        long g = 0;
        int e = k;
        int nullCount = 0;
        for (int i = 0; i < n; i++) {
            long x;
            if ((none[i >>> 6] & (1L << i)) == 0) {
                x = anyWide && wide[i] ? r.getBigDecimal(i).unscaledValue().longValue() : v[i];
            } else if (r.isPresent(i)) {
                nullCount++;
                x = 1;
            } else {
                continue;
            }
            g += x * POW31[--e];
        }
        nulls += nullCount;
        checksum = checksum * POW31[k] + g;
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
            default -> (r.offset(i) - r.imageOffset()) << 32 | (r.length(i) & 0xFFFF_FFFFL);
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
