package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * The LOAD DATA INFILE family. Load (6) and New_load (12), written before MySQL 5.0.3, carry the
 * statement's parts: post-header thread_id u32, exec_time u32, skip_lines u32, table_len u8, db_len
 * u8, num_fields u32; then the field/line options (fixed single characters in Load, length-prefixed
 * strings in New_load), field name lengths and names, table, database and file name. Create_file (8)
 * is a Load event with a file id and the first block of data; Append_block (9) and Begin_load_query
 * (17) hold file_id u32 and a block; Exec_load (10) and Delete_file (11) hold only file_id.
 */
public final class LoadEventView extends EventView {
    private static final int LOAD_HEADER = 18;

    private long tableAt;
    private int tableLen;
    private long dbAt;
    private int dbLen;
    private long fileNameAt;
    private long fileNameEnd;

    LoadEventView() {
    }

    @Override
    void check() {
        tableAt = dbAt = fileNameAt = -1;
        if (isLoad()) {
            int post = postHeaderLength();
            need(body, Math.max(post, LOAD_HEADER), "post-header");
            long p = body + post;
            if (typeCode == EventType.LOAD.code()) {
                need(p, 7, "options");
                p += 7;
            } else {
                for (int i = 0; i < 5; i++) {
                    need(p, 1, "option length");
                    int len = u8(p);
                    need(p + 1, len, "option");
                    p += 1 + len;
                }
                need(p, 1, "option flags");
                p += 1;
            }
            long fields = u32(body + 14);
            need(p, fields, "field lengths");
            long lens = p;
            p += fields;
            for (long i = 0; i < fields; i++) {
                int len = u8(lens + i);
                need(p, len + 1L, "field name");
                p += len + 1;
            }
            tableLen = u8(body + 12);
            dbLen = u8(body + 13);
            need(p, tableLen + 1L, "table name");
            tableAt = p;
            p += tableLen + 1;
            need(p, dbLen + 1L, "database name");
            dbAt = p;
            p += dbLen + 1;
            fileNameAt = p;
            fileNameEnd = typeCode == EventType.CREATE_FILE.code() ? p + Bytes.cstrLength(seg, p, end) : end;
        } else {
            need(body, 4, "file id");
            // Append_block_log_event(): an event shorter than its post-header is invalid (the block
            // starts after it)
            need(body, postHeaderLength(), "post-header");
        }
    }

    private boolean isLoad() {
        return typeCode == EventType.LOAD.code() || typeCode == EventType.NEW_LOAD.code()
                || typeCode == EventType.CREATE_FILE.code();
    }

    /** The file id that ties the blocks of one LOAD DATA together (not for Load / New_load). */
    public long fileId() {
        if (typeCode == EventType.CREATE_FILE.code()) {
            return u32(body + postHeaderLength() - 4);
        }
        failIf(isLoad(), "file id", "an event with a file id", type().displayName());
        return u32(body);
    }

    /** The data block of Append_block, Begin_load_query or Create_file. */
    public MemorySegment block() {
        if (typeCode == EventType.CREATE_FILE.code()) {
            return seg.asSlice(fileNameEnd + 1, Math.max(0, end - fileNameEnd - 1));
        }
        long p = body + postHeaderLength();
        return seg.asSlice(p, end - p);
    }

    public String table() {
        return tableAt < 0 ? null : Bytes.utf8(seg, tableAt, tableLen);
    }

    public String database() {
        return dbAt < 0 ? null : Bytes.utf8(seg, dbAt, dbLen);
    }

    public String fileName() {
        return fileNameAt < 0 ? null : Bytes.utf8(seg, fileNameAt, (int) (fileNameEnd - fileNameAt));
    }

    public long threadId() {
        return isLoad() ? u32(body) : -1;
    }

    public long skipLines() {
        return isLoad() ? u32(body + 8) : -1;
    }
}
