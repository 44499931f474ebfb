package io.binlogkit.parser;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Query (2), Execute_load_query (18) and MariaDB Query_compressed (165) events.
 *
 * <p>Post-header (length from the format description): thread_id u32, exec_time u32, db_len u8,
 * error_code u16, and from binlog v4 status_vars_len u16 (Execute_load_query adds file_id u32,
 * fn_pos_start u32, fn_pos_end u32, dup_handling u8). Then the status variables, the database name
 * and a NUL, and the statement to the end of the body. See {@code Query_log_event} in
 * MariaDB's {@code sql/log_event.cc} and MySQL's {@code Query_event}.
 *
 * <p>Status variables are walked once per wrap; each known one records where its value is, and the
 * accessors read it from there. An unknown code ends the walk, as in the server (codes are written
 * in increasing order, so the length of an unknown one cannot be known).
 */
public final class QueryEventView extends EventView {
    // status variable codes: MySQL's Query_event (statement_events.h), MariaDB's log_event.h
    public static final int Q_FLAGS2 = 0;
    public static final int Q_SQL_MODE = 1;
    public static final int Q_CATALOG = 2;
    public static final int Q_AUTO_INCREMENT = 3;
    public static final int Q_CHARSET = 4;
    public static final int Q_TIME_ZONE = 5;
    public static final int Q_CATALOG_NZ = 6;
    public static final int Q_LC_TIME_NAMES = 7;
    public static final int Q_CHARSET_DATABASE = 8;
    public static final int Q_TABLE_MAP_FOR_UPDATE = 9;
    public static final int Q_MASTER_DATA_WRITTEN = 10;
    public static final int Q_INVOKER = 11;
    public static final int Q_UPDATED_DB_NAMES = 12;
    public static final int Q_MICROSECONDS = 13;
    public static final int Q_COMMIT_TS = 14;
    public static final int Q_COMMIT_TS2 = 15;
    public static final int Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP = 16;
    public static final int Q_DDL_LOGGED_WITH_XID = 17;
    public static final int Q_DEFAULT_COLLATION_FOR_UTF8MB4 = 18;
    public static final int Q_SQL_REQUIRE_PRIMARY_KEY = 19;
    public static final int Q_DEFAULT_TABLE_ENCRYPTION = 20;
    public static final int Q_HRNOW = 128;
    public static final int Q_XID = 129;
    public static final int Q_GTID_FLAGS3 = 130;
    public static final int Q_CHARACTER_SET_COLLATIONS = 131;

    // Bits of flags2() (Q_FLAGS2): the session's OPTION_* bits the server logs, from MariaDB's
    // sql/sql_priv.h (MySQL's are the same for the first four, its only ones: OPTIONS_WRITTEN_TO_BIN_LOG
    // in sql/log_event.h). Which of the others a file carries depends on the writing server's version
    // (Format_description_log_event::deduct_options_written_to_bin_log).
    /** {@code OPTION_AUTO_IS_NULL}: {@code sql_auto_is_null=1}. */
    public static final long OPTION_AUTO_IS_NULL = 1L << 14;
    /** MariaDB's {@code OPTION_NO_CHECK_CONSTRAINT_CHECKS}: {@code check_constraint_checks=0}. */
    public static final long OPTION_NO_CHECK_CONSTRAINT_CHECKS = 1L << 15;
    /** {@code OPTION_NOT_AUTOCOMMIT}: {@code autocommit=0}. */
    public static final long OPTION_NOT_AUTOCOMMIT = 1L << 19;
    /** MariaDB's {@code OPTION_EXPLICIT_DEF_TIMESTAMP}: {@code explicit_defaults_for_timestamp=1} (logged from 10.5.17 / 10.6.9 / …). */
    public static final long OPTION_EXPLICIT_DEF_TIMESTAMP = 1L << 24;
    /** {@code OPTION_NO_FOREIGN_KEY_CHECKS}: {@code foreign_key_checks=0}. */
    public static final long OPTION_NO_FOREIGN_KEY_CHECKS = 1L << 26;
    /** {@code OPTION_RELAXED_UNIQUE_CHECKS}: {@code unique_checks=0}. */
    public static final long OPTION_RELAXED_UNIQUE_CHECKS = 1L << 27;
    /** MariaDB's {@code OPTION_IF_EXISTS}: {@code sql_if_exists=1} (logged from 10.5.2). */
    public static final long OPTION_IF_EXISTS = 1L << 28;
    /** MariaDB's bit for {@code system_versioning_insert_history=1}, logged from 10.11 (MDEV-16546). */
    public static final long OPTION_INSERT_HISTORY = 1L << 30;

    // Bits of gtidFlags3() (Q_GTID_FLAGS3, MariaDB 10.8+): the flags_extra of the statement's GTID
    // event, Gtid_log_event::FL_*_ALTER_E1 in MariaDB's sql/log_event.h, which mark the parts of a
    // two-phase ALTER (binlog_alter_two_phase); Query_log_event::print prints these statements in
    // base64 (sql/log_event_client.cc).
    /** {@code FL_START_ALTER_E1}: the START ALTER of a two-phase ALTER. */
    public static final int FL_START_ALTER_E1 = 2;
    /** {@code FL_COMMIT_ALTER_E1}: the COMMIT ALTER. */
    public static final int FL_COMMIT_ALTER_E1 = 4;
    /** {@code FL_ROLLBACK_ALTER_E1}: the ROLLBACK ALTER. */
    public static final int FL_ROLLBACK_ALTER_E1 = 8;

    /** {@link #dupHandling()} of a {@code LOAD DATA … REPLACE} ({@code LOAD_DUP_REPLACE} of {@code enum_load_dup_handling}). */
    public static final int LOAD_DUP_REPLACE = 2;

    private static final int MAX_CODE = 132;
    /** MySQL writes 254 as the db count when there were too many to list (OVER_MAX_DBS_IN_EVENT_MTS). */
    private static final int OVER_MAX_DBS = 254;

    /** Offset (absolute) of each status variable's value, or -1 when absent. */
    private final long[] statusAt = new long[MAX_CODE];
    private long statusStart;
    private int statusLength;
    private long dbAt;
    private int dbLength;
    private long queryAt;
    private boolean walkedStatus;

    QueryEventView() {
    }

    @Override
    void check() {
        int post = postHeaderLength();
        if (post < 11) { // not failIf: its message would be built on every event
            throw error("post-header length", ">= 11", String.valueOf(post));
        }
        need(body, post, "post-header");
        dbLength = u8(body + 8);
        statusLength = post >= 13 ? u16(body + 11) : 0;
        statusStart = body + post;
        need(statusStart, statusLength, "status variables");
        dbAt = statusStart + statusLength;
        need(dbAt, dbLength + 1L, "database name");
        queryAt = dbAt + dbLength + 1;
        walkedStatus = false;
        if (typeCode == EventType.EXECUTE_LOAD_QUERY.code()) {
            // Execute_load_query_log_event(): the file name lies inside the statement, else the
            // event is invalid (fn_pos_start > q_len || fn_pos_end > q_len).
            // (messages built only when thrown: no allocation on the hot path)
            if (post < 26) {
                throw error("post-header length", ">= 26", String.valueOf(post));
            }
            long sqlLength = end - queryAt;
            long fnStart = u32(body + 17);
            long fnEnd = u32(body + 21);
            if (fnStart > sqlLength || fnEnd > sqlLength) {
                throw error("file name position", "inside the statement of " + sqlLength + " bytes", fnStart + ".." + fnEnd);
            }
        }
    }

    public long threadId() {
        return u32(body);
    }

    /** Seconds the statement took on the server (exec_time). */
    public long execTime() {
        return u32(body + 4);
    }

    public int errorCode() {
        return u16(body + 9);
    }

    /** The default database, empty when none. */
    public String database() {
        return Bytes.utf8(seg, dbAt, dbLength);
    }

    public long databaseOffset() {
        return dbAt;
    }

    public int databaseLength() {
        return dbLength;
    }

    /** Absolute offset of the statement text (compressed for Query_compressed). */
    public long sqlOffset() {
        return queryAt;
    }

    /** Length of the statement as stored (compressed for Query_compressed). */
    public int sqlStoredLength() {
        return (int) (end - queryAt);
    }

    public boolean isCompressed() {
        return typeCode == EventType.QUERY_COMPRESSED.code();
    }

    /**
     * The statement bytes as stored (compressed for Query_compressed); a slice, no copy. The
     * server writes the statement in the character set of the session; use {@link #sql()} for text.
     */
    public MemorySegment sqlBytes() {
        return isCompressed() ? inflated() : seg.asSlice(queryAt, end - queryAt);
    }

    /**
     * The statement as text. Decoded as UTF-8 with invalid sequences replaced; callers that must
     * reproduce the exact bytes use {@link #sqlBytes()}.
     */
    public String sql() {
        MemorySegment s = sqlBytes();
        return new String(s.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /**
     * MariaDB's compressed statement: one byte {@code 0x80 | n}, an n-byte big-endian uncompressed
     * length, then a zlib stream (see {@code binlog_buf_uncompress} in {@code log_event.cc}).
     */
    private MemorySegment inflated() {
        return Compression.inflate(this, queryAt, end, "compressed statement", Arena.ofAuto());
    }

    // ---- status variables ------------------------------------------------------------------------

    private void walkStatus() {
        if (walkedStatus) {
            return;
        }
        java.util.Arrays.fill(statusAt, -1);
        long p = statusStart;
        long e = statusStart + statusLength;
        loop:
        while (p < e) {
            int code = u8(p++);
            int len;
            switch (code) {
                case Q_FLAGS2, Q_MASTER_DATA_WRITTEN -> len = 4;
                case Q_SQL_MODE, Q_TABLE_MAP_FOR_UPDATE, Q_DDL_LOGGED_WITH_XID, Q_XID, Q_COMMIT_TS -> len = 8;
                case Q_CATALOG -> {
                    checkStatus(p, 1, code, e);
                    len = 1 + u8(p) + 1;
                }
                case Q_AUTO_INCREMENT -> len = 4;
                case Q_CHARSET -> len = 6;
                case Q_TIME_ZONE, Q_CATALOG_NZ -> {
                    checkStatus(p, 1, code, e);
                    len = 1 + u8(p);
                }
                case Q_LC_TIME_NAMES, Q_CHARSET_DATABASE, Q_DEFAULT_COLLATION_FOR_UTF8MB4 -> len = 2;
                case Q_INVOKER -> {
                    checkStatus(p, 1, code, e);
                    int user = u8(p);
                    checkStatus(p + 1 + user, 1, code, e);
                    len = 1 + user + 1 + u8(p + 1 + user);
                }
                case Q_UPDATED_DB_NAMES -> {
                    checkStatus(p, 1, code, e);
                    int n = u8(p);
                    long q = p + 1;
                    if (n != OVER_MAX_DBS) {
                        for (int i = 0; i < n; i++) {
                            q += Bytes.cstrLength(seg, q, e) + 1;
                        }
                    }
                    len = (int) (q - p);
                }
                case Q_MICROSECONDS, Q_HRNOW -> len = 3;
                case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP, Q_SQL_REQUIRE_PRIMARY_KEY, Q_DEFAULT_TABLE_ENCRYPTION,
                     Q_GTID_FLAGS3 -> len = 1;
                case Q_CHARACTER_SET_COLLATIONS -> {
                    checkStatus(p, 1, code, e);
                    len = 1 + u8(p) * 4;
                }
                default -> {
                    break loop;
                }
            }
            checkStatus(p, len, code, e);
            statusAt[code] = p;
            p += len;
        }
        walkedStatus = true;
    }

    private void checkStatus(long p, int len, int code, long e) {
        if (p + len > e) {
            throw error("status variable " + code, len + " bytes", (e - p) + " left of status_vars_len " + statusLength);
        }
    }

    /** Whether the status variable {@code code} is present. */
    public boolean has(int code) {
        walkStatus();
        return code >= 0 && code < MAX_CODE && statusAt[code] >= 0;
    }

    private long at(int code) {
        walkStatus();
        return statusAt[code];
    }

    /** OPTION_* bits (Q_FLAGS2), or -1 when absent. */
    public long flags2() {
        long p = at(Q_FLAGS2);
        return p < 0 ? -1 : u32(p);
    }

    /** sql_mode bits (Q_SQL_MODE); check {@link #has(int)} first. */
    public long sqlMode() {
        long p = at(Q_SQL_MODE);
        return p < 0 ? 0 : i64(p);
    }

    public String catalog() {
        long p = at(Q_CATALOG_NZ);
        if (p >= 0) {
            return Bytes.utf8(seg, p + 1, u8(p));
        }
        p = at(Q_CATALOG);
        return p < 0 ? null : Bytes.utf8(seg, p + 1, u8(p));
    }

    public int autoIncrementIncrement() {
        long p = at(Q_AUTO_INCREMENT);
        return p < 0 ? 1 : u16(p);
    }

    public int autoIncrementOffset() {
        long p = at(Q_AUTO_INCREMENT);
        return p < 0 ? 1 : u16(p + 2);
    }

    /** character_set_client id (Q_CHARSET), or -1. */
    public int charsetClient() {
        long p = at(Q_CHARSET);
        return p < 0 ? -1 : u16(p);
    }

    public int collationConnection() {
        long p = at(Q_CHARSET);
        return p < 0 ? -1 : u16(p + 2);
    }

    public int collationServer() {
        long p = at(Q_CHARSET);
        return p < 0 ? -1 : u16(p + 4);
    }

    public String timeZone() {
        long p = at(Q_TIME_ZONE);
        return p < 0 ? null : Bytes.utf8(seg, p + 1, u8(p));
    }

    public int lcTimeNames() {
        long p = at(Q_LC_TIME_NAMES);
        return p < 0 ? -1 : u16(p);
    }

    public int charsetDatabase() {
        long p = at(Q_CHARSET_DATABASE);
        return p < 0 ? -1 : u16(p);
    }

    public long tableMapForUpdate() {
        long p = at(Q_TABLE_MAP_FOR_UPDATE);
        return p < 0 ? 0 : i64(p);
    }

    public String invokerUser() {
        long p = at(Q_INVOKER);
        return p < 0 ? null : Bytes.utf8(seg, p + 1, u8(p));
    }

    public String invokerHost() {
        long p = at(Q_INVOKER);
        if (p < 0) {
            return null;
        }
        long h = p + 1 + u8(p);
        return Bytes.utf8(seg, h + 1, u8(h));
    }

    /** Fractional seconds of the statement's time (Q_HRNOW / Q_MICROSECONDS), or -1. */
    public int microseconds() {
        long p = at(Q_HRNOW);
        if (p < 0) {
            p = at(Q_MICROSECONDS);
        }
        return p < 0 ? -1 : Bytes.u24(seg, p);
    }

    /** MariaDB's Q_XID (a DDL's XID), or -1. */
    public long xid() {
        long p = at(Q_XID);
        if (p < 0) {
            p = at(Q_DDL_LOGGED_WITH_XID);
        }
        return p < 0 ? -1 : i64(p);
    }

    public int explicitDefaultsForTimestamp() {
        long p = at(Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP);
        return p < 0 ? -1 : u8(p);
    }

    public int defaultCollationForUtf8mb4() {
        long p = at(Q_DEFAULT_COLLATION_FOR_UTF8MB4);
        return p < 0 ? -1 : u16(p);
    }

    public int sqlRequirePrimaryKey() {
        long p = at(Q_SQL_REQUIRE_PRIMARY_KEY);
        return p < 0 ? -1 : u8(p);
    }

    public int defaultTableEncryption() {
        long p = at(Q_DEFAULT_TABLE_ENCRYPTION);
        return p < 0 ? -1 : u8(p);
    }

    public int gtidFlags3() {
        long p = at(Q_GTID_FLAGS3);
        return p < 0 ? -1 : u8(p);
    }

    /** Databases the statement updated (Q_UPDATED_DB_NAMES), or null when absent or too many. */
    public java.util.List<String> updatedDatabases() {
        long p = at(Q_UPDATED_DB_NAMES);
        if (p < 0 || u8(p) == OVER_MAX_DBS) {
            return null;
        }
        int n = u8(p);
        java.util.List<String> out = new java.util.ArrayList<>(n);
        long q = p + 1;
        long e = statusStart + statusLength;
        for (int i = 0; i < n; i++) {
            int len = Bytes.cstrLength(seg, q, e);
            out.add(Bytes.utf8(seg, q, len));
            q += len + 1;
        }
        return out;
    }

    /** Raw value offset of any status variable (tier 1 access), or -1. */
    public long statusValueOffset(int code) {
        return code >= 0 && code < MAX_CODE ? at(code) : -1;
    }

    // ---- Execute_load_query ----------------------------------------------------------------------

    public long fileId() {
        requireExecuteLoad();
        return u32(body + 13);
    }

    /** Offset in the statement where the file name starts (Execute_load_query). */
    public long fileNameStart() {
        requireExecuteLoad();
        return u32(body + 17);
    }

    public long fileNameEnd() {
        requireExecuteLoad();
        return u32(body + 21);
    }

    /** 0 = LOAD_DUP_ERROR, 1 = LOAD_DUP_IGNORE, 2 = LOAD_DUP_REPLACE. */
    public int dupHandling() {
        requireExecuteLoad();
        return u8(body + 25);
    }

    private void requireExecuteLoad() {
        if (typeCode != EventType.EXECUTE_LOAD_QUERY.code() || postHeaderLength() < 26) {
            throw new IllegalStateException("not an Execute_load_query event");
        }
    }
}
