package io.binlogkit.benchmarks.parser;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowImage;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapRegistry;
import io.binlogkit.parser.TemporalValue;

/**
 * Full decode of every row value of a binlog as primitives, the work a change-data-capture consumer
 * does: frames every event with CRC32, registers every Table_map, and reads every present column of
 * every row image (both images of an update) through the typed tier-2 accessors of
 * {@link RowImage}: integers, YEAR, BIT, ENUM and SET with {@code getLong}, FLOAT/DOUBLE as their
 * bits, DECIMAL with {@code getDecimalUnscaled} when the precision fits a long (else
 * {@code getBigDecimal}), temporals as their {@link TemporalValue} fields, strings, blobs and JSON
 * as offset and length (tier 1; nothing is copied). Every value is folded into {@link #checksum()},
 * which the caller consumes (a JMH Blackhole, or printed by {@link io.binlogkit.benchmarks.DecodeAll}),
 * so the JIT cannot drop any read. One instance per thread; reusable.
 */
public final class FullDecoder {
    private final TableMapRegistry tables = new TableMapRegistry();
    private final RowCursor rowCursor = new RowCursor();
    private long events;
    private long rowsEvents;
    private long rows;
    private long values;
    private long nulls;
    private long checksum;

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
                RowCursor rc = rowCursor.wrap(ev, tables.require(ev));
                boolean write = ev.isWrite();
                boolean update = ev.isUpdate();
                while (rc.next()) {
                    rows++;
                    if (write) {
                        image(rc.after());
                    } else {
                        image(rc.before());
                        if (update) {
                            image(rc.after());
                        }
                    }
                }
            }
        }
        return this;
    }

    private void image(RowImage r) {
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
            case DATE, NEWDATE, TIME, TIME2, DATETIME, DATETIME2 -> {
                TemporalValue t = r.temporal(i);
                long ymd = (t.year() * 13L + t.month()) * 32 + t.day();
                long hms = ((t.hour() * 60L + t.minute()) * 60 + t.second()) * 1_000_000L + t.micros();
                yield (ymd << 40) ^ hms ^ (t.negative() ? Long.MIN_VALUE : 0);
            }
            // strings, blobs, JSON, GEOMETRY, VECTOR, old DECIMAL: where the bytes are, not copied
            default -> r.offset(i) * 31 + r.length(i);
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

    /** Fold of every value read (31 * h + value), so that nothing can be optimized away. */
    public long checksum() {
        return checksum;
    }
}
