package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Pull cursor over the rows of one rows event, decoded with the table map of its table. Reusable:
 * {@link #wrap} re-points it at another event; the {@link RowImage}s it hands out are flyweights
 * refilled by every {@link #next()}.
 *
 * <pre>{@code
 * TableMapRegistry tables = new TableMapRegistry();
 * RowCursor rowCursor = new RowCursor();
 * while (c.next()) {
 *     if (c.type() == EventType.TABLE_MAP) tables.put(c.tableMap());
 *     else if (c.type().isRows()) {
 *         RowsEventView rows = c.rows();
 *         rowCursor.wrap(rows, tables.require(rows));
 *         while (rowCursor.next()) {
 *             RowImage r = rows.isDelete() ? rowCursor.before() : rowCursor.after();
 *             if (!r.isNull(0)) System.out.println(r.getLong(0));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The cursor copies what it needs from the rows event at {@link #wrap} (segment, offsets,
 * columns-present bitmaps), so it stays valid after the event cursor moves on, as long as the
 * memory of the event and of the table map lives. MariaDB's compressed rows events (166-171) are
 * inflated at {@code wrap} into a buffer the cursor owns and reuses.
 */
public final class RowCursor {
    private Path path;
    private long eventStart;
    private String eventName;
    MemorySegment data;
    TableMapEventView table;
    private long rowsStart;
    private long pos;
    private long end;
    private int columns;
    private boolean write;
    private boolean update;
    private boolean partialUpdate;
    private int rowNumber;
    private boolean compressed;
    private boolean[] presentBefore = new boolean[0];
    private boolean[] presentAfter = new boolean[0];
    private final RowImage before = new RowImage(this);
    private final RowImage after = new RowImage(this);
    private final RowRunDecoder runs = new RowRunDecoder();
    /**
     * Whether {@link #runs} is planned for the current event: only {@link #nextRows} uses it, so
     * {@link #wrap} (called for every rows event by every reader) leaves the planning to it.
     */
    private boolean runsPlanned;
    /** Every column of the event's images is present (what {@link #runs} needs). */
    private boolean allPresent;
    private boolean haveRow;
    private boolean lazy;
    /** Offset of the current row (of its first image). */
    private long rowStart;

    private byte[] inflated = new byte[0];
    private MemorySegment inflatedSeg = MemorySegment.ofArray(inflated);
    /** Events whose row images {@link #rowBytes()} copies to the heap at most (larger ones are read in place). */
    private static final int MAX_COPY = 1 << 20;
    private byte[] copy = new byte[0];
    /** Rows {@link #nextRows} decodes in one run of its fast path at most (its scratch grows with them). */
    private static final int MAX_RUN = 1024;
    /** One image's values and NULL words, for the rows {@link #nextRows} reads one by one. */
    private long[] scratch = new long[0];
    private long[] scratchNulls = new long[0];
    /** The row images of the current event on the heap, once {@link #rowBytes()} has made them; else null. */
    private byte[] rowBytes;
    /** Offset in {@link #data} of {@code rowBytes[0]}. */
    long rowBytesBase;
    private Inflater inflater;

    public RowCursor() {
    }

    /**
     * Points the cursor before the first row of {@code rows}, whose table is described by
     * {@code table} (same table id).
     *
     * @throws IllegalArgumentException when the table ids differ
     * @throws BinlogFormatException    when the event has more columns than the table map, or a
     *                                  compressed event does not inflate
     */
    public RowCursor wrap(RowsEventView rows, TableMapEventView table) {
        if (rows.tableId() != table.tableId()) {
            throw new IllegalArgumentException("rows event of table id " + rows.tableId()
                    + " with the table map of table id " + table.tableId());
        }
        if (!table.hasColumnMetadata()) {
            throw rows.error("table map of " + table.database() + "." + table.table(),
                    "column metadata to size the row values",
                    "none (written by a pre-GA 5.1 server); the rows cannot be decoded");
        }
        this.path = rows.path;
        this.eventStart = rows.start;
        this.eventName = rows.type().displayName();
        this.table = table;
        this.columns = rows.columnCount();
        if (columns > table.columnCount()) {
            throw rows.error("column count", "<= " + table.columnCount() + " (columns in the table map of "
                    + table.database() + "." + table.table() + ")", String.valueOf(columns));
        }
        this.write = rows.isWrite();
        this.update = rows.isUpdate();
        this.partialUpdate = rows.type() == EventType.PARTIAL_UPDATE_ROWS;
        if (presentBefore.length < columns) {
            presentBefore = new boolean[Math.max(columns, presentBefore.length * 2)];
            presentAfter = new boolean[presentBefore.length];
        }
        int nBefore = 0;
        int nAfter = 0;
        for (int i = 0; i < columns; i++) {
            boolean b = rows.columnPresent(i);
            presentBefore[i] = b;
            nBefore += b ? 1 : 0;
        }
        if (update) {
            for (int i = 0; i < columns; i++) {
                boolean a = rows.columnPresentAfter(i);
                presentAfter[i] = a;
                nAfter += a ? 1 : 0;
            }
        }
        this.compressed = rows.isCompressed();
        if (compressed) {
            int n = inflate(rows, rows.rowsOffset(), rows.rowsEnd());
            this.data = inflatedSeg;
            this.rowsStart = 0;
            this.end = n;
        } else {
            this.data = rows.seg;
            this.rowsStart = rows.rowsOffset();
            this.end = rows.rowsEnd();
        }
        this.pos = rowsStart;
        this.rowNumber = -1;
        this.haveRow = false;
        this.rowBytes = null;
        this.allPresent = nBefore == columns && (!update || nAfter == columns && !partialUpdate);
        this.runsPlanned = false;
        if (update) {
            before.bind(data, end, presentBefore, columns, nBefore, false, null);
            after.bind(data, end, presentAfter, columns, nAfter, partialUpdate, before);
        } else if (write) {
            after.bind(data, end, presentBefore, columns, nBefore, false, null);
        } else {
            before.bind(data, end, presentBefore, columns, nBefore, false, null);
        }
        return this;
    }

    /**
     * With {@code true}, {@link #next()} no longer locates the values of the row it moves to: each
     * image is walked when it is first used, by {@link RowImage#decodeInto} (which locates and
     * decodes in the same pass, the fastest way through every value of a row) or by the first
     * per-column accessor; the next {@code next()} walks whatever was not used, to find where the
     * following row starts. Values and errors are the same either way; only the call that reports
     * a damaged row differs (the first use of the row, or the {@code next()} after it, instead of
     * the {@code next()} that reached it). Off by default; kept across {@link #wrap}.
     */
    public RowCursor lazy(boolean on) {
        this.lazy = on;
        return this;
    }

    /**
     * MariaDB's compressed block ({@code binlog_buf_uncompress} in MariaDB's sql/log_event.cc): one
     * byte {@code 0x80 | n}, an n-byte big-endian uncompressed length, a zlib stream. Inflated into
     * a heap buffer that grows only when a larger event appears.
     */
    private int inflate(RowsEventView v, long from, long to) {
        v.need(from, 1, "compressed rows header");
        int h = v.u8(from);
        int n = h & 0x07;
        if ((h & 0x80) == 0 || n == 0 || n > 4) {
            throw v.error("compressed rows header", "0x81..0x84", String.format("0x%02x", h));
        }
        v.need(from + 1, n, "compressed rows length");
        long len = Bytes.beN(v.seg, from + 1, n);
        if (len > Compression.MAX_UNCOMPRESSED) {
            throw v.error("compressed rows uncompressed length", "<= " + Compression.MAX_UNCOMPRESSED, String.valueOf(len));
        }
        // 8 bytes to spare after the row images: RowImage's bulk reads take 8 bytes at a time
        if (inflated.length < len + 8) {
            inflated = new byte[(int) Math.max(len + 8, Math.min(Compression.MAX_UNCOMPRESSED + 8, inflated.length * 2L))];
            inflatedSeg = MemorySegment.ofArray(inflated);
        }
        if (inflater == null) {
            inflater = new Inflater();
        } else {
            inflater.reset();
        }
        long dataStart = from + 1 + n;
        ByteBuffer in = v.seg.asSlice(dataStart, to - dataStart).asByteBuffer();
        inflater.setInput(in);
        int got = 0;
        try {
            while (got < len && !inflater.finished()) {
                int k = inflater.inflate(inflated, got, (int) len - got);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += k;
            }
        } catch (DataFormatException e) {
            throw v.error("compressed rows", "a zlib stream", "corrupt data: " + e.getMessage());
        }
        if (got != len) {
            throw v.error("compressed rows", len + " bytes after inflating", got + " bytes (zlib stream ended early)");
        }
        return (int) len;
    }

    /**
     * The row images of the current event as a heap array, for {@link RowImage#decodeInto}: array
     * reads cost less than memory-segment reads in its loop (no session check, a single bounds
     * check the JIT keeps in registers). The inflate buffer of a compressed event; otherwise a
     * copy made once per event (a few KB, just read by the CRC check, so in cache), or null for
     * an event of more than {@link #MAX_COPY} bytes of rows, which is read in place. Either has
     * at least 8 bytes after the row images, so that an 8-byte read at any offset up to their end
     * stays in the array (those bytes are never part of a value).
     */
    byte[] rowBytes() {
        if (rowBytes == null) {
            if (compressed) {
                rowBytes = inflated;
                rowBytesBase = 0;
            } else if (end - rowsStart <= MAX_COPY) {
                int n = (int) (end - rowsStart);
                if (copy.length < n + 8) {
                    copy = new byte[Math.max(n + 8, Math.min(MAX_COPY + 8, copy.length * 2))];
                }
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, rowsStart, copy, 0, n);
                rowBytes = copy;
                rowBytesBase = rowsStart;
            }
        }
        return rowBytes;
    }

    /** Moves to the next row; false after the last. */
    public boolean next() {
        finishRow();
        if (pos >= end) {
            haveRow = false;
            return false;
        }
        rowNumber++;
        long from = pos;
        rowStart = from;
        if (update) {
            before.reset(pos);
            after.reset(-1);
        } else if (write) {
            after.reset(pos);
        } else {
            before.reset(pos);
        }
        if (!lazy) {
            pos = write || update ? after.end() : before.end();
            if (pos == from) {
                throw emptyImage(from);
            }
        }
        haveRow = true;
        return true;
    }

    /** On a lazy cursor, finds where the current row ends, walking the images the caller did not use. */
    private void finishRow() {
        if (lazy && haveRow) {
            pos = write || update ? after.end() : before.end();
            if (pos == rowStart) {
                throw emptyImage(rowStart);
            }
        }
    }

    /**
     * Bulk tier 2 over many rows: moves over the next rows of the event, as many as the arrays
     * hold, and decodes every image of each as {@link RowImage#decodeInto} does, into consecutive
     * blocks of the arrays: with {@code n = columnCount()} and {@code w = (n + 63) / 64}, image k
     * (row by row; the before image of an update row, then its after image) has column i's value
     * at {@code values[k * n + i]} and its NULL bits in {@code nulls[k * w .. k * w + w)}. Locations
     * of strings and other bytes count from {@link #rowImagesOffset()}, as in decodeInto. Afterwards
     * the cursor is on the last row decoded: {@link #rowNumber()}, {@link #before()} and
     * {@link #after()} are that row's (so a value that needs its accessor, such as a DECIMAL wider
     * than 18 digits, can be read for that row only: move row by row when you need them).
     *
     * <p>The fastest way through every value of an event: per-event work is done once per call,
     * not once per row. Values and errors are those of {@link #next()} and decodeInto, row by row.
     *
     * @return the number of rows decoded, 0 at the end of the event
     * @throws IllegalArgumentException when the arrays cannot hold the images of one row
     */
    public int nextRows(long[] values, long[] nulls) {
        int n = columns;
        int words = (n + 63) >>> 6;
        int perRow = update ? 2 : 1;
        int capacity = n == 0 ? 1 : Math.min(values.length / n, nulls.length / words) / perRow;
        if (capacity == 0) {
            throw new IllegalArgumentException("nextRows needs room for " + perRow + " image(s) of " + n
                    + " columns: " + perRow * n + " values and " + perRow * words + " null words, got "
                    + values.length + " and " + nulls.length);
        }
        RowImage first = update ? before : write ? after : before;
        if (!runsPlanned) {
            runs.plan(table.plan(), columns, allPresent);
            runsPlanned = true;
        }
        if (runs.usable()) {
            byte[] b = rowBytes();
            if (b != null) {
                finishRow();
                long bias = rowBytesBase;
                int rows = runs.decode(b, (int) (pos - bias), (int) (end - bias), perRow,
                        Math.min(capacity, MAX_RUN), values, nulls);
                if (rows > 0) {
                    rowNumber += rows;
                    pos = runs.runEnd + bias;
                    rowStart = runs.runLastRow + bias;
                    if (update) {
                        long afterStart = runs.runLastAfter + bias;
                        before.walked(rowStart, afterStart);
                        after.walked(afterStart, pos);
                    } else {
                        first.walked(rowStart, pos);
                    }
                    haveRow = true;
                    return rows;
                }
            }
        }
        // row by row: the rows the fast path leaves (see RowRunDecoder), and other events
        int rows = 0;
        if (scratch.length < n) {
            scratch = new long[n];
            scratchNulls = new long[words];
        }
        while (rows < capacity) {
            // stay on the last row decoded: look for the end before moving
            finishRow();
            if (pos >= end || !next()) {
                break;
            }
            int image = rows * perRow;
            if (update) {
                decodeInto(before, image, values, nulls);
                decodeInto(after, image + 1, values, nulls);
            } else {
                decodeInto(first, image, values, nulls);
            }
            rows++;
        }
        return rows;
    }

    private void decodeInto(RowImage r, int image, long[] values, long[] nulls) {
        int n = columns;
        int words = (n + 63) >>> 6;
        r.decodeInto(scratch, scratchNulls);
        System.arraycopy(scratch, 0, values, image * n, n);
        System.arraycopy(scratchNulls, 0, nulls, image * words, words);
    }

    // ---- measuring: row counts and image lengths by a SizePlan --------------------------------

    /** The walks of the measured event's images (the table's own for images with every column). */
    private ImageSizes firstImage;
    private ImageSizes secondImage;
    private final ImageSizes measuredBefore = new ImageSizes();
    private final ImageSizes measuredAfter = new ImageSizes();
    /** Whether {@link #measure} was given a table map. */
    private boolean measuring;
    private boolean measuredUpdate;

    /**
     * The rows of {@code rows} as a walk by {@code plan} finds them, as
     * {@code Rows_log_event::count_row_events} in MariaDB's {@code sql/log_event_client.cc} counts
     * them: one per row it steps into, stopping after the first row it cannot measure (a value of
     * a size the plan does not know, or one that does not end inside the row images), which is
     * counted. A write with no row images counts 1 ({@code REPLACE INTO t() VALUES ()}); a table
     * map of {@code null} (none seen for the table id) counts nothing else. Never fails on the rows
     * themselves: {@link SizePlan#SERVER} gives the true row count of an intact event and a
     * lower bound of a damaged one, the {@code MARIADB_*} plans {@code mariadb-binlog}'s numbers.
     * Allocates nothing per event.
     *
     * <p>A compressed event is inflated into the cursor's buffer, which ends the rows of an event
     * {@link #wrap} pointed the cursor at if it was compressed too.
     *
     * @throws BinlogFormatException when a compressed event does not inflate (whether or not its
     *                               table is known, as {@link RowsEventView#rowImages()})
     */
    public long countRows(RowsEventView rows, TableMapEventView table, SizePlan plan) {
        measure(rows, table, plan);
        if (rows.isCompressed()) {
            if (compressed) {
                // the images of the wrapped event were in the buffer about to be overwritten
                pos = end;
                haveRow = false;
                rowBytes = null;
            }
            int n = inflate(rows, rows.rowsOffset(), rows.rowsEnd());
            return countRows(inflatedSeg, 0, n, rows.isWrite());
        }
        return countRows(rows.seg, rows.rowsOffset(), rows.rowsEnd(), rows.isWrite());
    }

    /**
     * Prepares {@link #countRows(MemorySegment, long, long, boolean)} and {@link #imageLength}
     * for row images laid out as those of {@code rows} (its table, columns-present bitmaps and
     * kind), walked by {@code plan}; {@code table} may be {@code null} (an unknown table). Reads
     * nothing of the row images and changes nothing of what {@link #wrap} set up.
     *
     * @throws IllegalArgumentException when the table ids differ
     */
    public RowCursor measure(RowsEventView rows, TableMapEventView table, SizePlan plan) {
        measuredUpdate = rows.isUpdate();
        measuring = table != null;
        if (table == null) {
            return this;
        }
        if (rows.tableId() != table.tableId()) {
            throw new IllegalArgumentException("rows event of table id " + rows.tableId()
                    + " with the table map of table id " + table.tableId());
        }
        firstImage = image(rows, table, plan, false, measuredBefore);
        if (measuredUpdate) {
            secondImage = image(rows, table, plan, true, measuredAfter);
        }
        return this;
    }

    private static ImageSizes image(RowsEventView rows, TableMapEventView table, SizePlan plan, boolean after,
                                    ImageSizes own) {
        ColumnPlan p = table.plan();
        int columns = table.columnCount();
        int width = rows.columnCount();
        if (width == columns && rows.allPresent(after)) {
            return p.fullImage(plan, table);
        }
        own.plan(p.sizes(plan, table), columns, rows, after, width);
        return own;
    }

    /**
     * {@link #countRows(RowsEventView, TableMapEventView, SizePlan)} over row images other than
     * the event's own, laid out as {@link #measure} said, in {@code [from, to)} of {@code images}
     * (which must hold them): those of the event {@code --flashback} turns round, for instance,
     * which is a write ({@code write}) when the measured one is a delete.
     */
    public long countRows(MemorySegment images, long from, long to, boolean write) {
        long n = write && from == to ? 1 : 0;
        if (!measuring) {
            return n;
        }
        ImageSizes first = firstImage;
        ImageSizes second = measuredUpdate ? secondImage : null;
        long p = from;
        while (p < to) {
            n++;
            p = first.end(images, p, to);
            if (p < 0) {
                break;
            }
            if (second != null) {
                p = second.end(images, p, to);
                if (p < 0) {
                    break;
                }
            }
        }
        return n;
    }

    /**
     * {@code Rows_log_event::calc_row_event_length}: the bytes of the row image at {@code at} of
     * {@code images}, whose row images end at {@code to}, with the columns of the image
     * {@link #measure} was given (the after image's of an update with {@code after}), walked by its
     * plan; 0 when the walk cannot tell, or when the table is unknown.
     */
    public long imageLength(MemorySegment images, long at, long to, boolean after) {
        if (!measuring) {
            return 0;
        }
        return (after && measuredUpdate ? secondImage : firstImage).length(images, at, to);
    }

    /**
     * The error about a value of the current row (a DECIMAL's digits, a JSON document), reported
     * only after every image of the row has been located: an eager {@link #next()} has done that
     * before any value could be read, so damage in the row's layout is what it reports first, and
     * a {@link #lazy} cursor reports the same.
     */
    BinlogFormatException valueError(int column, String field, String expected, String actual, long at) {
        locateRow();
        return error(column, field, expected, actual, at);
    }

    /** Walks every image of the current row that has not been walked yet. */
    private void locateRow() {
        if (write || update) {
            after.end();
        } else {
            before.end();
        }
    }

    private BinlogFormatException emptyImage(long from) {
        return error(-1, "row image", "at least one byte", "an empty image (no columns present)", from);
    }

    /** The before image: the row of a delete, the old row of an update. */
    public RowImage before() {
        requireRow();
        if (write) {
            throw new IllegalStateException(eventName + " events have no before image");
        }
        return before;
    }

    /** The after image: the row of a write, the new row of an update. */
    public RowImage after() {
        requireRow();
        if (!write && !update) {
            throw new IllegalStateException(eventName + " events have no after image");
        }
        return after;
    }

    /** The row of a write or delete; the before image of an update. */
    public RowImage image() {
        requireRow();
        return write ? after : before;
    }

    /** 0-based number of the current row in the event. */
    public int rowNumber() {
        return rowNumber;
    }

    /** Columns in the rows event (at most the table map's). */
    public int columnCount() {
        return columns;
    }

    public TableMapEventView tableMap() {
        return table;
    }

    /** Offset in the images' {@link RowImage#segment()} of the event's first row image (see {@link RowImage#rowImagesOffset()}). */
    public long rowImagesOffset() {
        return rowsStart;
    }

    /** Whether the row images were inflated from a MariaDB compressed event. */
    public boolean isCompressed() {
        return compressed;
    }

    private void requireRow() {
        if (!haveRow) {
            throw new IllegalStateException("no current row: call next() first");
        }
    }

    // ---- bounds and errors for the images -----------------------------------------------------

    boolean fits(long p, long n) {
        return n >= 0 && p >= rowsStart && p + n <= end;
    }

    void need(long p, long n, String field, long at) {
        if (!fits(p, n)) {
            throw shortOf(p, n, field, at);
        }
    }

    /** The error of {@link #need} when {@code n} bytes at {@code p} do not fit. */
    BinlogFormatException shortOf(long p, long n, String field, long at) {
        return error(-1, field, n + " bytes", (end - p) + " bytes left in the row images", at);
    }

    BinlogFormatException error(int column, String field, String expected, String actual, long at) {
        StringBuilder f = new StringBuilder(eventName).append(" row ").append(rowNumber).append(' ').append(field);
        if (column >= 0 && !field.startsWith("column")) {
            f.append(" of column ").append(column);
        }
        f.append(compressed ? " at inflated offset " : " at offset ").append(at);
        return new BinlogFormatException(path, eventStart, f.toString(), expected, actual);
    }
}
