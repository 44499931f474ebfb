package io.binlogkit.parser;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Write/Update/Delete rows events: pre-GA (20-22), v1 (23-25), v2 (30-32), MySQL's
 * Partial_update_rows (39) and MariaDB's compressed variants (166-171). Post-header: table_id
 * (6 bytes; 4 when the post-header is 6) and flags u16; v2 adds extra_data_len u16 (counting
 * itself) and extra data. Body: column_count (packed), the columns-present bitmap, for updates the
 * after-image bitmap, then the row images. In compressed events the row images are a MariaDB
 * compressed block. See {@code Rows_log_event} in MariaDB's {@code sql/log_event.cc} and MySQL's
 * {@code Rows_event}.
 */
public final class RowsEventView extends EventView {
    /** Last event of the statement: the table maps may be freed after it. */
    public static final int STMT_END_F = 1;
    public static final int NO_FOREIGN_KEY_CHECKS_F = 2;
    public static final int RELAXED_UNIQUE_CHECKS_F = 4;
    public static final int COMPLETE_ROWS_F = 8;
    /** MariaDB: the row event belongs to a sequence of events that must not be applied out of order. */
    public static final int NO_CHECK_CONSTRAINT_CHECKS_F = 128;

    private int tableIdSize;
    private boolean v2;
    private long extraAt;
    private int extraLen;
    private int columnCount;
    private long presentAt;
    private long presentAfterAt;
    private long rowsAt;

    RowsEventView() {
    }

    @Override
    void check() {
        int post = postHeaderLength();
        tableIdSize = post == 6 ? 4 : 6;
        need(body, post, "post-header");
        v2 = post >= 10 && isV2Type();
        long p = body + post;
        extraAt = p;
        extraLen = 0;
        if (v2) {
            int len = u16(body + tableIdSize + 2);
            if (len < 2) { // not failIf: its message would be built on every event
                throw error("extra data length", ">= 2", String.valueOf(len));
            }
            extraLen = len - 2;
            need(p, extraLen, "extra data");
            p += extraLen;
        }
        long cc = packed(p, "column count");
        if (cc < 0 || cc > 4096) {
            throw error("column count", "0..4096", String.valueOf(cc));
        }
        columnCount = (int) cc;
        p += packedSize(p);
        int bitmap = (columnCount + 7) / 8;
        need(p, bitmap, "columns-present bitmap");
        presentAt = p;
        p += bitmap;
        presentAfterAt = presentAt;
        if (isUpdate()) {
            need(p, bitmap, "after-image bitmap");
            presentAfterAt = p;
            p += bitmap;
        }
        rowsAt = p;
    }

    private boolean isV2Type() {
        return switch (type()) {
            case WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, PARTIAL_UPDATE_ROWS,
                 WRITE_ROWS_COMPRESSED, UPDATE_ROWS_COMPRESSED, DELETE_ROWS_COMPRESSED -> true;
            default -> false;
        };
    }

    public long tableId() {
        return Bytes.uN(seg, body, tableIdSize);
    }

    public int rowsFlags() {
        return u16(body + tableIdSize);
    }

    /** Absolute offset of the rows flags (u16) in the post-header. */
    long flagsOffset() {
        return body + tableIdSize;
    }

    public boolean isStatementEnd() {
        return (rowsFlags() & STMT_END_F) != 0;
    }

    public boolean isWrite() {
        return switch (type()) {
            case PRE_GA_WRITE_ROWS, WRITE_ROWS_V1, WRITE_ROWS, WRITE_ROWS_COMPRESSED_V1, WRITE_ROWS_COMPRESSED -> true;
            default -> false;
        };
    }

    public boolean isUpdate() {
        return switch (type()) {
            case PRE_GA_UPDATE_ROWS, UPDATE_ROWS_V1, UPDATE_ROWS, PARTIAL_UPDATE_ROWS,
                 UPDATE_ROWS_COMPRESSED_V1, UPDATE_ROWS_COMPRESSED -> true;
            default -> false;
        };
    }

    public boolean isDelete() {
        return !isWrite() && !isUpdate();
    }

    public boolean isCompressed() {
        return typeCode >= EventType.WRITE_ROWS_COMPRESSED_V1.code()
                && typeCode <= EventType.DELETE_ROWS_COMPRESSED.code();
    }

    public boolean isV2() {
        return v2;
    }

    public int columnCount() {
        return columnCount;
    }

    /** Whether column {@code i} is in the (before) image. */
    public boolean columnPresent(int i) {
        return (u8(presentAt + (i >> 3)) & (1 << (i & 7))) != 0;
    }

    /** Whether column {@code i} is in the after image of an update. */
    public boolean columnPresentAfter(int i) {
        return (u8(presentAfterAt + (i >> 3)) & (1 << (i & 7))) != 0;
    }

    /** Whether every column of the event is in the before image, or with {@code after} in the after image of an update. */
    boolean allPresent(boolean after) {
        long at = after ? presentAfterAt : presentAt;
        int whole = columnCount >>> 3;
        for (int i = 0; i < whole; i++) {
            if (u8(at + i) != 0xFF) {
                return false;
            }
        }
        int mask = (1 << (columnCount & 7)) - 1;
        return mask == 0 || (u8(at + whole) & mask) == mask;
    }

    /** Absolute offset of the v2 extra data (its length is {@link #extraDataLength()}). */
    public long extraDataOffset() {
        return extraAt;
    }

    public int extraDataLength() {
        return extraLen;
    }

    /** Absolute offset of the first row image (of the compressed block, for compressed events). */
    public long rowsOffset() {
        return rowsAt;
    }

    /** End of the row images (absolute, exclusive). */
    public long rowsEnd() {
        return end;
    }

    /**
     * The row images, uncompressed: a slice of the event, or for MariaDB's compressed row events the
     * inflated block (off-heap, freed when unreachable). Everything before {@link #rowsOffset()} is
     * stored uncompressed in both cases (see {@code row_log_event_uncompress} in MariaDB's
     * {@code sql/log_event.cc}).
     */
    public MemorySegment rowImages() {
        if (isCompressed()) {
            return Compression.inflate(this, rowsAt, end, "compressed rows", Arena.ofAuto());
        }
        return seg.asSlice(rowsAt, end - rowsAt);
    }
}
