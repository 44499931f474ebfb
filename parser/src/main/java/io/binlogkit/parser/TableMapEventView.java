package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * Table_map (19): binds a table id to a database, table and column layout for the row events
 * that follow. Post-header: table_id (6 bytes; 4 in pre-5.1.x files whose post-header is 6) and
 * flags u16. Body: db_len u8, db, NUL, table_len u8, table, NUL, column_count (packed), one type
 * byte per column, metadata_len (packed), per-column metadata, NULL-ability bitmap, then optional
 * metadata fields (MySQL 8 / MariaDB 10.5 {@code binlog_row_metadata}). See
 * {@code Table_map_log_event} in MariaDB's {@code sql/log_event.cc}.
 */
public final class TableMapEventView extends EventView {
    private int tableIdSize;
    private long dbAt;
    private int dbLen;
    private long tableAt;
    private int tableLen;
    private int columnCount;
    private long typesAt;
    private long metadataAt;
    private int metadataLen;
    private long nullBitmapAt;
    private long optionalAt;

    TableMapEventView() {
    }

    @Override
    void check() {
        int post = postHeaderLength();
        tableIdSize = post == 6 ? 4 : 6;
        need(body, post, "post-header");
        long p = body + post;
        need(p, 1, "database name length");
        dbLen = u8(p);
        need(p + 1, dbLen + 1L, "database name");
        dbAt = p + 1;
        p += 1 + dbLen + 1;
        need(p, 1, "table name length");
        tableLen = u8(p);
        need(p + 1, tableLen + 1L, "table name");
        tableAt = p + 1;
        p += 1 + tableLen + 1;
        long cc = packed(p, "column count");
        failIf(cc < 0 || cc > 4096, "column count", "0..4096", String.valueOf(cc));
        columnCount = (int) cc;
        p += packedSize(p);
        need(p, columnCount, "column types");
        typesAt = p;
        p += columnCount;
        if (p == end) {
            // Pre-GA 5.1 servers wrote neither metadata nor the NULL bitmap (Table_map_log_event
            // reads them only "if (bytes_read < event_len)").
            metadataAt = p;
            metadataLen = 0;
            nullBitmapAt = -1;
            optionalAt = p;
            return;
        }
        long ml = packed(p, "metadata length");
        p += packedSize(p);
        need(p, ml, "column metadata");
        metadataAt = p;
        metadataLen = (int) ml;
        p += ml;
        need(p, (columnCount + 7) / 8, "NULL bitmap");
        nullBitmapAt = p;
        optionalAt = p + (columnCount + 7) / 8;
    }

    public long tableId() {
        return Bytes.uN(seg, body, tableIdSize);
    }

    public int tableFlags() {
        return u16(body + tableIdSize);
    }

    public String database() {
        return Bytes.utf8(seg, dbAt, dbLen);
    }

    public String table() {
        return Bytes.utf8(seg, tableAt, tableLen);
    }

    public int columnCount() {
        return columnCount;
    }

    /** The binlog type code of column {@code i} (MYSQL_TYPE_*, as written in the event). */
    public int columnTypeCode(int i) {
        return u8(typesAt + i);
    }

    /** Whether column {@code i} is declared NULL-able. */
    public boolean nullable(int i) {
        if (nullBitmapAt < 0) {
            return true;
        }
        return (u8(nullBitmapAt + (i >> 3)) & (1 << (i & 7))) != 0;
    }

    /** Absolute offset of the per-column metadata block. */
    public long metadataOffset() {
        return metadataAt;
    }

    public int metadataLength() {
        return metadataLen;
    }

    /** The per-column metadata block (a slice of the event, no copy). */
    public MemorySegment metadata() {
        return seg.asSlice(metadataAt, metadataLen);
    }

    /** The optional metadata fields (TLV; MySQL 8 / MariaDB 10.5 {@code binlog_row_metadata}), possibly empty. */
    public MemorySegment optionalMetadata() {
        return seg.asSlice(optionalAt, end - optionalAt);
    }

    /** Absolute offset of the optional metadata (TLV fields), equal to {@link #optionalMetadataEnd()} when none. */
    public long optionalMetadataOffset() {
        return optionalAt;
    }

    public long optionalMetadataEnd() {
        return end;
    }

    long typesOffset() {
        return typesAt;
    }

    long nullBitmapOffset() {
        return nullBitmapAt;
    }
}
