package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * The bytes of an event as the official tools rewrite them before they print it in a
 * {@code BINLOG '…'} statement or a hex dump: the uncompressed form of MariaDB's compressed events,
 * the rows flags and the row order of {@code --flashback}, the database of {@code --rewrite-db},
 * a CRC32 appended or recomputed. Each method reads the current event of a cursor and returns the
 * result as a segment of this rewriter's buffer, valid until its next call; the buffers are reused
 * and grow only for a larger event, so a rewrite allocates nothing but the returned slice.
 *
 * <p>One inflater serves every call, and the row images (or statement) a compressed event inflates
 * to are kept, up to {@link #DEFAULT_RETAINED_BYTES} of them, for the next requests of the same event:
 * a consumer that measures a statement's events, then prints them, inflates each once. Kept images
 * are found by the event's file (its mapping) and position.
 *
 * <p>Not thread-safe: one rewriter per consumer, like a cursor.
 */
public final class EventRewriter {
    /** How many bytes of inflated images are kept for events asked for again. */
    public static final int DEFAULT_RETAINED_BYTES = 8 << 20;

    /**
     * Measures one row image of a rows event for {@link #flashback}: the length of the image that
     * starts at {@code offset} of {@code event} (an uncompressed event, header included), whose
     * row images end at {@code end}; 0 (or less) when it cannot be measured.
     */
    @FunctionalInterface
    public interface RowImageSizer {
        long imageLength(MemorySegment event, long offset, long end);
    }

    private final Inflater inflater = new Inflater();
    private final CRC32 crc = new CRC32();
    private final int retainedBytes;

    /** The result of the last call: {@code work[0, length)}. */
    private byte[] work = new byte[0];
    private MemorySegment workSeg = MemorySegment.ofArray(work);
    private int length;
    /** The second buffer of {@link #flashback} (rows are moved from one to the other). */
    private byte[] spare = new byte[0];
    private MemorySegment spareSeg = MemorySegment.ofArray(spare);
    /** Row images of the last rows result: {@code [rowsStart, rowsEnd)} of {@code work}. */
    private int rowsStart = -1;
    private int rowsEnd = -1;

    // Inflated images kept: store[offset[i], offset[i] + size[i]) for the event at eventAt[i] of
    // the mapping keptFrom; found by an open-addressing table of (position + 1, i), 0 when free,
    // or at once when asked for in the order they were kept (lastHit + 1).
    private MemorySegment keptFrom;
    private byte[] store = new byte[0];
    private int storeUsed;
    private long[] eventAt = new long[16];
    private int[] offset = new int[16];
    private int[] size = new int[16];
    private int kept;
    private int lastHit = -1;
    private long[] slotKey = new long[64];
    private int[] slotEntry = new int[64];
    /** Where the images of the last {@link #inflate} call are in {@link #store}. */
    private int imagesAt;
    private int imagesLength;
    /** Compressed blocks inflated so far (for tests). */
    long inflations;

    public EventRewriter() {
        this(DEFAULT_RETAINED_BYTES);
    }

    /** @param retainedBytes how many bytes of inflated images to keep for events asked for again (0: none) */
    public EventRewriter(int retainedBytes) {
        if (retainedBytes < 0) {
            throw new IllegalArgumentException("retainedBytes < 0: " + retainedBytes);
        }
        this.retainedBytes = retainedBytes;
    }

    // ---- the rewrites ----------------------------------------------------------------------------

    /**
     * The current event as if the server had not compressed it: a compressed rows event (166-171)
     * as the rows event of the same kind (v1: 23-25, v2: 30-32), a Query_compressed event (165) as a
     * Query event (2), with the body inflated, the length field updated and, when the event has a
     * CRC32, a new one ({@code row_log_event_uncompress} and {@code query_event_uncompress} in
     * MariaDB's {@code sql/log_event.cc}). Any other event is returned as stored (a slice of the
     * mapping, not a copy).
     *
     * @throws BinlogFormatException when the compressed block is damaged (bad header, corrupt zlib
     *                               stream, a length other than the one declared)
     */
    public MemorySegment uncompressed(EventCursor c) {
        EventType type = c.type();
        rowsStart = -1;
        rowsEnd = -1;
        if (type == EventType.QUERY_COMPRESSED) {
            QueryEventView q = c.query();
            inflate(q, q.sqlOffset(), q.end, "compressed statement");
            assemble(c, (int) (q.sqlOffset() - c.position()), EventType.QUERY.code());
            finishChecksum(c.hasChecksum());
            return result();
        }
        if (uncompressedRowsType(type) != type) {
            buildRows(c, c.rows(), -1);
            return result();
        }
        length = 0;
        return c.eventBytes();
    }

    /**
     * The current rows event with its rows flags set to {@code flags}, as {@code --flashback} prints
     * it before reversing it: {@code Rows_log_event::update_flags} changes the flags in place and
     * leaves the stored CRC32 as it was; a compressed event is then uncompressed (its print method
     * uncompresses the updated event), which gives it a CRC32 over the new bytes.
     */
    public MemorySegment withRowsFlags(EventCursor c, int flags) {
        buildRows(c, c.rows(), flags);
        return result();
    }

    /**
     * The current rows event reversed, as {@code mariadb-binlog --flashback} prints it
     * ({@code Log_event::print_base64} with {@code is_flashback} and
     * {@code Rows_log_event::change_to_flashback_event} in MariaDB's {@code sql/log_event_client.cc}):
     * {@link #withRowsFlags} first, then writes become deletes and deletes writes (updates keep
     * their type), an update's before and after images swap, and the rows come last first. The
     * stored CRC32 is not updated for the reversal, as in the server. With a null {@code sizer}
     * (the table map is unknown) only the type changes, as in the server.
     *
     * @throws BinlogFormatException when {@code sizer} cannot measure a row (the server prints
     *                               "Error row length: 0" and exits) or a row runs past the images
     */
    public MemorySegment flashback(EventCursor c, int flags, RowImageSizer sizer) {
        RowsEventView r = c.rows();
        buildRows(c, r, flags);
        int type = work[EventCursor.TYPE_OFFSET] & 0xFF;
        EventType t = EventType.ofCode(type);
        work[EventCursor.TYPE_OFFSET] = (byte) switch (t == null ? EventType.UNKNOWN : t) {
            case WRITE_ROWS -> EventType.DELETE_ROWS.code();
            case WRITE_ROWS_V1 -> EventType.DELETE_ROWS_V1.code();
            case DELETE_ROWS -> EventType.WRITE_ROWS.code();
            case DELETE_ROWS_V1 -> EventType.WRITE_ROWS_V1.code();
            default -> type;
        };
        if (sizer == null || rowsStart == rowsEnd) {
            return result();
        }
        ensureSpare(length);
        System.arraycopy(work, 0, spare, 0, length);
        boolean update = r.isUpdate();
        long p = rowsStart;
        while (p < rowsEnd) {
            long len1 = sizer.imageLength(workSeg, p, rowsEnd);
            long len2 = 0;
            if (len1 > 0 && update) {
                len2 = sizer.imageLength(workSeg, p + len1, rowsEnd);
            }
            long e = p + Math.max(len1, 0) + Math.max(len2, 0);
            if (len1 <= 0 || (update && len2 <= 0) || e > rowsEnd) {
                throw r.error("row image to reverse", "a row that can be measured, inside the row images",
                        "none at body offset " + (p - (c.bodyOffset() - c.position()))
                                + " (an update with a minimal row image, an unknown column type, or damage)");
            }
            // The row [p, e) goes where it ends up once the rows are in reverse order.
            int to = (int) (rowsStart + rowsEnd - e);
            if (update) {
                System.arraycopy(work, (int) (p + len1), spare, to, (int) len2);
                System.arraycopy(work, (int) p, spare, to + (int) len2, (int) len1);
            } else {
                System.arraycopy(work, (int) p, spare, to, (int) (e - p));
            }
            p = e;
        }
        byte[] b = work;
        work = spare;
        spare = b;
        MemorySegment s = workSeg;
        workSeg = spareSeg;
        spareSeg = s;
        return result();
    }

    /**
     * The current Table_map event with the database {@code database} (UTF-8 bytes) instead of its
     * own, as {@code --rewrite-db} makes it ({@code Table_map_log_event::rewrite_db} in MariaDB's
     * {@code sql/log_event.cc}): the length field follows the new size; the stored CRC32 bytes are
     * kept as they were, as the server keeps them.
     */
    public MemorySegment withDatabase(EventCursor c, byte[] database) {
        TableMapEventView map = c.tableMap();
        if (database.length > 255) {
            throw new IllegalArgumentException("a database name is at most 255 bytes: " + database.length);
        }
        rowsStart = -1;
        rowsEnd = -1;
        MemorySegment ev = c.eventBytes();
        int lengthAt = (int) (map.databaseOffset() - 1 - c.position());
        int oldLength = map.databaseLength();
        int rest = lengthAt + 1 + oldLength;
        int len = c.length() + database.length - oldLength;
        ensureWork(len);
        MemorySegment.copy(ev, ValueLayout.JAVA_BYTE, 0, work, 0, lengthAt);
        work[lengthAt] = (byte) database.length;
        System.arraycopy(database, 0, work, lengthAt + 1, database.length);
        MemorySegment.copy(ev, ValueLayout.JAVA_BYTE, rest, work, lengthAt + 1 + database.length, c.length() - rest);
        putInt(work, EventCursor.LENGTH_OFFSET, len);
        length = len;
        return result();
    }

    /**
     * The current event with a CRC32 trailer appended and its length field grown by 4: what MySQL's
     * {@code mysqlbinlog} makes of an event inside a Transaction_payload (stored without a checksum)
     * when the file has checksums, before printing it.
     */
    public MemorySegment withChecksumAppended(EventCursor c) {
        rowsStart = -1;
        rowsEnd = -1;
        int n = c.length();
        ensureWork(n + EventCursor.CRC_LENGTH);
        MemorySegment.copy(c.eventBytes(), ValueLayout.JAVA_BYTE, 0, work, 0, n);
        length = n + EventCursor.CRC_LENGTH;
        putInt(work, EventCursor.LENGTH_OFFSET, length);
        finishChecksum(true);
        return result();
    }

    // ---- the last result ------------------------------------------------------------------------

    /**
     * The last 4 bytes of the last result built in this rewriter's buffer, read as a CRC32 (kept,
     * recomputed or appended, as the rewrite says); -1 when the last call built none (an event
     * returned as stored).
     */
    public long checksum() {
        return length < EventCursor.CRC_LENGTH ? -1 : Bytes.u32(workSeg, length - EventCursor.CRC_LENGTH);
    }

    /** Offset of the row images in the last rows result ({@link #withRowsFlags}, {@link #flashback}, …), or -1. */
    public int rowsOffset() {
        return rowsStart;
    }

    /** End (exclusive) of the row images in the last rows result, before any CRC32, or -1. */
    public int rowsEnd() {
        return rowsEnd;
    }

    // ---- the work ---------------------------------------------------------------------------------

    /**
     * Writes the rows event into {@link #work}, uncompressed, with its flags set to {@code flags}
     * unless it is negative; a compressed event gets a CRC32 over the final bytes, another one keeps
     * its stored CRC32.
     */
    private void buildRows(EventCursor c, RowsEventView r, int flags) {
        int prefix = (int) (r.rowsOffset() - c.position());
        boolean checksum = c.hasChecksum();
        if (r.isCompressed()) {
            inflate(r, r.rowsOffset(), r.rowsEnd(), "compressed rows");
            assemble(c, prefix, uncompressedRowsType(c.type()).code());
        } else {
            int n = c.length();
            ensureWork(n);
            MemorySegment.copy(c.eventBytes(), ValueLayout.JAVA_BYTE, 0, work, 0, n);
            length = n;
        }
        if (flags >= 0) {
            int at = (int) (r.flagsOffset() - c.position());
            work[at] = (byte) flags;
            work[at + 1] = (byte) (flags >> 8);
        }
        if (r.isCompressed()) {
            finishChecksum(checksum);
        }
        rowsStart = prefix;
        rowsEnd = length - (checksum ? EventCursor.CRC_LENGTH : 0);
    }

    /**
     * row_log_event_uncompress: 166-168 become 23-25 (v1), 169-171 become 30-32 (v2); other types
     * stay (so the test for a compressed rows event wraps no view).
     */
    private static EventType uncompressedRowsType(EventType t) {
        return switch (t) {
            case WRITE_ROWS_COMPRESSED_V1 -> EventType.WRITE_ROWS_V1;
            case UPDATE_ROWS_COMPRESSED_V1 -> EventType.UPDATE_ROWS_V1;
            case DELETE_ROWS_COMPRESSED_V1 -> EventType.DELETE_ROWS_V1;
            case WRITE_ROWS_COMPRESSED -> EventType.WRITE_ROWS;
            case UPDATE_ROWS_COMPRESSED -> EventType.UPDATE_ROWS;
            case DELETE_ROWS_COMPRESSED -> EventType.DELETE_ROWS;
            default -> t;
        };
    }

    /**
     * {@link #work} = the first {@code prefix} bytes of the event, the images of the last
     * {@link #inflate}, room for a CRC32 when the event has one; type and length set.
     */
    private void assemble(EventCursor c, int prefix, int type) {
        int len = prefix + imagesLength + (c.hasChecksum() ? EventCursor.CRC_LENGTH : 0);
        ensureWork(len);
        MemorySegment.copy(c.eventBytes(), ValueLayout.JAVA_BYTE, 0, work, 0, prefix);
        System.arraycopy(store, imagesAt, work, prefix, imagesLength);
        work[EventCursor.TYPE_OFFSET] = (byte) type;
        putInt(work, EventCursor.LENGTH_OFFSET, len);
        length = len;
    }

    /** With {@code checksum}, the last 4 bytes of {@link #work} become the CRC32 of those before. */
    private void finishChecksum(boolean checksum) {
        if (checksum) {
            int n = length - EventCursor.CRC_LENGTH;
            crc.reset();
            crc.update(work, 0, n);
            putInt(work, n, (int) crc.getValue());
        }
    }

    /**
     * Inflates the compressed block {@code [from, end)} of the view's event into {@link #store}
     * (sets {@link #imagesAt} and {@link #imagesLength}), unless its images are kept from an earlier
     * call.
     */
    private void inflate(EventView v, long from, long end, String field) {
        if (v.seg != keptFrom) {
            forget();
            keptFrom = v.seg;
        }
        int i = find(v.start);
        if (i >= 0) {
            imagesAt = offset[i];
            imagesLength = size[i];
            return;
        }
        long len = Compression.uncompressedLength(v, from, field);
        if (storeUsed + len > retainedBytes) {
            forgetImages();
        }
        if (store.length < storeUsed + len) {
            long want = Math.max(storeUsed + len, Math.min(retainedBytes, 2L * store.length));
            store = Arrays.copyOf(store, (int) want);
        }
        Compression.inflate(v, from, end, field, inflater, ByteBuffer.wrap(store, storeUsed, (int) len));
        inflations++;
        imagesAt = storeUsed;
        imagesLength = (int) len;
        if (storeUsed + len <= retainedBytes) {
            keep(v.start, storeUsed, (int) len);
            storeUsed += (int) len;
        }
    }

    private int find(long position) {
        int h = lastHit + 1;
        if (h < kept && eventAt[h] == position) {
            lastHit = h;
            return h;
        }
        int mask = slotKey.length - 1;
        for (int i = slot(position, mask); slotKey[i] != 0; i = (i + 1) & mask) {
            if (slotKey[i] == position + 1) {
                lastHit = slotEntry[i];
                return lastHit;
            }
        }
        return -1;
    }

    private void keep(long position, int at, int n) {
        if (kept == eventAt.length) {
            eventAt = Arrays.copyOf(eventAt, kept * 2);
            offset = Arrays.copyOf(offset, kept * 2);
            size = Arrays.copyOf(size, kept * 2);
        }
        eventAt[kept] = position;
        offset[kept] = at;
        size[kept] = n;
        if (2 * (kept + 1) > slotKey.length) {
            slotKey = new long[slotKey.length * 2];
            slotEntry = new int[slotKey.length];
            for (int i = 0; i < kept; i++) {
                addSlot(eventAt[i], i);
            }
        }
        addSlot(position, kept);
        kept++;
    }

    private void addSlot(long position, int entry) {
        int mask = slotKey.length - 1;
        int i = slot(position, mask);
        while (slotKey[i] != 0) {
            i = (i + 1) & mask;
        }
        slotKey[i] = position + 1;
        slotEntry[i] = entry;
    }

    private static int slot(long position, int mask) {
        return (int) ((position * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void forgetImages() {
        if (kept > 0) {
            Arrays.fill(slotKey, 0);
        }
        kept = 0;
        storeUsed = 0;
        lastHit = -1;
    }

    /** Drops the kept images (they are found again by inflating). */
    public void forget() {
        forgetImages();
        keptFrom = null;
    }

    private MemorySegment result() {
        return workSeg.asSlice(0, length);
    }

    private void ensureWork(int n) {
        if (work.length < n) {
            work = new byte[Math.max(n, Math.min(Integer.MAX_VALUE - 8, work.length * 2))];
            workSeg = MemorySegment.ofArray(work);
        }
    }

    private void ensureSpare(int n) {
        if (spare.length < n) {
            spare = new byte[Math.max(n, work.length)];
            spareSeg = MemorySegment.ofArray(spare);
        }
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
