package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
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
    private int presentCountBefore;
    private int presentCountAfter;
    private final RowImage before = new RowImage(this);
    private final RowImage after = new RowImage(this);
    private boolean haveRow;

    private byte[] inflated = new byte[0];
    private MemorySegment inflatedSeg = MemorySegment.ofArray(inflated);
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
        this.presentCountBefore = nBefore;
        this.presentCountAfter = nAfter;
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
        v.failIf((h & 0x80) == 0 || n == 0 || n > 4, "compressed rows header", "0x81..0x84", String.format("0x%02x", h));
        v.need(from + 1, n, "compressed rows length");
        long len = Bytes.beN(v.seg, from + 1, n);
        v.failIf(len > Compression.MAX_UNCOMPRESSED, "compressed rows uncompressed length",
                "<= " + Compression.MAX_UNCOMPRESSED, String.valueOf(len));
        if (inflated.length < len) {
            inflated = new byte[(int) Math.max(len, Math.min(Compression.MAX_UNCOMPRESSED, inflated.length * 2L))];
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
        v.failIf(got != len, "compressed rows", len + " bytes after inflating", got + " bytes (zlib stream ended early)");
        return (int) len;
    }

    /** Moves to the next row; false after the last. */
    public boolean next() {
        if (pos >= end) {
            haveRow = false;
            return false;
        }
        rowNumber++;
        long from = pos;
        if (update) {
            pos = before.decode(pos, end, presentBefore, columns, presentCountBefore, false);
            pos = after.decode(pos, end, presentAfter, columns, presentCountAfter, partialUpdate);
        } else if (write) {
            pos = after.decode(pos, end, presentBefore, columns, presentCountBefore, false);
        } else {
            pos = before.decode(pos, end, presentBefore, columns, presentCountBefore, false);
        }
        if (pos == from) {
            throw error(-1, "row image", "at least one byte", "an empty image (no columns present)", from);
        }
        haveRow = true;
        return true;
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
