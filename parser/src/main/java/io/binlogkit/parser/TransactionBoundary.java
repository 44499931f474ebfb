package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * Where transactions start and end in a binlog: the one classification of transaction boundaries
 * that the index, {@code binlog stats}, the JSON output, both text dialects and pitr's
 * {@code TransactionReader} share.
 *
 * <p>A transaction is what the servers' appliers treat as one <em>event group</em>:
 * <ul>
 * <li>a MariaDB GTID event without {@code FL_STANDALONE} and what follows up to the group's end:
 *     an Xid, an XA_prepare, a {@code COMMIT} or {@code ROLLBACK} query, or an {@code XA COMMIT} /
 *     {@code XA ROLLBACK} query (MariaDB {@code sql/rpl_parallel.cc}, {@code is_group_ending()});</li>
 * <li>a MariaDB GTID event with {@code FL_STANDALONE} and one statement, possibly preceded by
 *     Intvar, Rand, User_var, Table_map or Annotate_rows events, "without any terminating
 *     COMMIT/ROLLBACK/XID" ({@code rpl_parallel.cc}, {@code group_standalone};
 *     {@code Log_event::is_part_of_group()} in {@code sql/log_event.h});</li>
 * <li>a MySQL GTID, tagged GTID or anonymous GTID event and either a {@code BEGIN} or
 *     {@code XA START} query and what follows up to an Xid, XA_prepare, {@code COMMIT},
 *     {@code ROLLBACK} or {@code XA ROLLBACK}, or one statement (a DDL), or one
 *     Transaction_payload (MySQL {@code Transaction_boundary_parser::get_event_boundary_type()}
 *     and {@code update_state()} in {@code libs/mysql/binlog/event/trx_boundary_parser.cpp},
 *     earlier {@code libbinlogevents/src/trx_boundary_parser.cpp});</li>
 * <li>in files without GTIDs, the same groups opened by {@code BEGIN}, or one statement with the
 *     Intvar/Rand/User_var (or Table_map) events before it.</li>
 * </ul>
 * Format_description, Rotate, Stop, Gtid_list, Binlog_checkpoint, Previous_gtids, Heartbeat,
 * Start_encryption, Ignorable, Incident and unknown events belong to no group (MariaDB
 * {@code Log_event::is_group_event()}, MySQL {@code EVENT_BOUNDARY_TYPE_IGNORE}); inside an open group
 * they are inside it, and an Incident ends it (MySQL: "it should always mark the end of a
 * transaction").
 *
 * <p>Statements are classified by {@link #statement(QueryEventView)} with the exact string tests
 * of the server that wrote the file, or of the tool a printer imitates ({@link Server}); the
 * printers' {@code use}/{@code --database} rule is {@link #isTransKeyword}. Both read the statement
 * bytes in place (C {@code strncmp} semantics, the statement NUL-terminated at its length) and
 * allocate nothing; a MariaDB Query_compressed statement is never a boundary and is not inflated.
 *
 * <p>An instance follows the groups of one stream of events: feed every event to {@link #next}
 * in file order; it returns the event's {@link Step} and keeps the open group's start. It holds a
 * few fields and allocates nothing.
 */
public final class TransactionBoundary {

    /** Whose rules classify a statement: the writing server's, or those of the tool a printer imitates. */
    public enum Server {
        /** MariaDB's server and {@code mariadb-binlog} ({@code sql/log_event.h}, {@code sql/rpl_parallel.cc}). */
        MARIADB,
        /** MySQL's server and {@code mysqlbinlog} ({@code sql/log_event.h}, {@code trx_boundary_parser.cpp}). */
        MYSQL;

        /** The rules of the server that wrote events with this format description. */
        public static Server of(FormatDescription format) {
            return format.isMariaDb() ? MARIADB : MYSQL;
        }
    }

    /** What a Query event's statement is to its transaction. */
    public enum Statement {
        /**
         * {@code BEGIN}: opens a multi-statement transaction. MariaDB {@code Query_log_event::is_begin()}:
         * {@code !strcmp(query, "BEGIN")}; MySQL {@code starts_group()}: {@code !strncmp(query, "BEGIN", q_len)}
         * (the statement or a prefix of it).
         */
        BEGIN,
        /**
         * {@code XA START …}: opens a multi-statement XA transaction. MySQL {@code starts_group()}:
         * {@code !strncmp(query, "XA START", 8)}; MariaDB writes it after the GTID (with
         * {@code FL_PREPARED_XA}) that already opened the group.
         */
        XA_START,
        /**
         * {@code COMMIT}: ends the transaction. MariaDB {@code is_commit()}: {@code !strcmp(query, "COMMIT")};
         * MySQL {@code ends_group()}: {@code !strncmp(query, "COMMIT", q_len)}.
         */
        COMMIT,
        /**
         * {@code ROLLBACK}: ends the transaction. MariaDB {@code is_rollback()}:
         * {@code !strcmp(query, "ROLLBACK")}; MySQL {@code ends_group()}: starts with {@code ROLLBACK} in any
         * case but not with {@code ROLLBACK TO } ({@code strncasecmp}). {@code ROLLBACK TO savepoint} is a
         * {@link #OTHER} statement inside the transaction.
         */
        ROLLBACK,
        /**
         * {@code XA COMMIT …}: commits a prepared XA transaction. MariaDB {@code is_group_ending()}:
         * {@code !strncmp(query, "XA COMMIT", 9)} ends the group; to MySQL it is an ordinary statement
         * (it ends the group it is the only statement of, which is where MySQL writes it).
         */
        XA_COMMIT,
        /**
         * {@code XA ROLLBACK …}: ends the group in both servers. MariaDB {@code is_group_ending()} and MySQL
         * {@code ends_group()}: {@code !strncmp(query, "XA ROLLBACK", 11)}.
         */
        XA_ROLLBACK,
        /** Any other statement: DDL, statement-based DML, {@code SAVEPOINT}, {@code XA END}, Execute_load_query. */
        OTHER;

        /**
         * Whether the statement only delimits its transaction and changes nothing of its own
         * ({@code BEGIN}, {@code XA START}, {@code COMMIT}, {@code ROLLBACK}); {@code XA COMMIT} and
         * {@code XA ROLLBACK} act on a prepared transaction and are not markers.
         */
        public boolean isMarker() {
            return this == BEGIN || this == XA_START || this == COMMIT || this == ROLLBACK;
        }
    }

    /** What an event is to the groups around it, as returned by {@link #next}. */
    public enum Step {
        /** In no group (Format_description, Rotate, Gtid_list, … between groups): nothing changed. */
        OUTSIDE,
        /** Opens a group that stays open (a GTID event, {@code BEGIN}, an Intvar or Table_map before its statement). */
        START,
        /** Inside the open group, which stays open. */
        INSIDE,
        /** The last event of the open group (Xid, {@code COMMIT}, a standalone group's statement, …). */
        END,
        /** A group of its own: a statement outside any group (a DDL in a file without GTIDs), or a stray Xid/COMMIT. */
        SINGLE;

        /** {@link #START} or {@link #SINGLE}: the event is its group's first. */
        public boolean starts() {
            return this == START || this == SINGLE;
        }

        /** {@link #END} or {@link #SINGLE}: the event is its group's last. */
        public boolean ends() {
            return this == END || this == SINGLE;
        }
    }

    private boolean open;
    private boolean multiStatement;
    private long start = -1;
    private Statement statement;
    private boolean abandoned;

    // ---- the walk ---------------------------------------------------------------------------------

    /**
     * Classifies the cursor's current event and moves the group state past it. A GTID event while
     * a group is still open starts a new group and abandons the open one (the servers' appliers roll
     * it back); {@link #abandoned()} says so. A {@code BEGIN} inside an open group stays inside it.
     */
    public Step next(EventCursor c) {
        statement = null;
        abandoned = false;
        EventType t = c.type();
        switch (t) {
            case MARIADB_GTID -> {
                return open(c, !c.mariaGtid().isStandalone());
            }
            case GTID, GTID_TAGGED, ANONYMOUS_GTID -> {
                // MySQL: the group is one statement unless a BEGIN or XA START follows (EVENT_PARSER_GTID).
                return open(c, false);
            }
            case QUERY, QUERY_COMPRESSED, EXECUTE_LOAD_QUERY -> {
                statement = statement(c.query());
                return switch (statement) {
                    case BEGIN, XA_START -> {
                        multiStatement = true; // EVENT_BOUNDARY_TYPE_BEGIN_TRX
                        yield open ? Step.INSIDE : begin(c, true);
                    }
                    case COMMIT, ROLLBACK, XA_ROLLBACK -> end(c);
                    case XA_COMMIT -> Server.of(c.format()) == Server.MARIADB ? end(c) : statementEvent(c);
                    case OTHER -> statementEvent(c);
                };
            }
            case XID, XA_PREPARE -> {
                return end(c);
            }
            case INCIDENT -> {
                return open ? end(c) : Step.OUTSIDE;
            }
            case INTVAR, RAND, USER_VAR, TABLE_MAP, ANNOTATE_ROWS, ROWS_QUERY, BEGIN_LOAD_QUERY, APPEND_BLOCK,
                 CREATE_FILE, DELETE_FILE, TRANSACTION_CONTEXT, PARTIAL_ROW_DATA -> {
                // Parts of the statement that follows (EVENT_BOUNDARY_TYPE_PRE_STATEMENT, is_part_of_group()).
                return open ? Step.INSIDE : begin(c, false);
            }
            case EXEC_LOAD, LOAD, NEW_LOAD, VIEW_CHANGE, TRANSACTION_PAYLOAD -> {
                return statementEvent(c);
            }
            default -> {
                if (t.isRows()) {
                    // A rows event ends a one-statement group only with its statement's last rows event.
                    if (c.rows().isStatementEnd()) {
                        return statementEvent(c);
                    }
                    return open ? Step.INSIDE : begin(c, false);
                }
                // Format_description, Rotate, Stop, Gtid_list, Binlog_checkpoint, Previous_gtids,
                // Heartbeat, Start_encryption, Ignorable, Slave, unknown codes.
                return open ? Step.INSIDE : Step.OUTSIDE;
            }
        }
    }

    private Step open(EventCursor c, boolean multi) {
        abandoned = open;
        return begin(c, multi);
    }

    private Step begin(EventCursor c, boolean multi) {
        open = true;
        multiStatement = multi;
        start = c.position();
        return Step.START;
    }

    /** A statement: ends a one-statement group, continues a multi-statement one, or is a group of its own. */
    private Step statementEvent(EventCursor c) {
        return open && multiStatement ? Step.INSIDE : end(c);
    }

    /** Ends the open group, or is a group of its own (a stray Xid or COMMIT, a statement outside any group). */
    private Step end(EventCursor c) {
        if (!open) {
            start = c.position();
            multiStatement = false;
            return Step.SINGLE;
        }
        open = false;
        return Step.END;
    }

    /** Whether a group is open after the last event fed. */
    public boolean inTransaction() {
        return open;
    }

    /** Offset of the first event of the open group, or of the last group when none is open. */
    public long start() {
        return start;
    }

    /** Whether the open group runs to an explicit end ({@code BEGIN}, non-standalone MariaDB GTID). */
    public boolean multiStatement() {
        return open && multiStatement;
    }

    /** The classification of the last event fed when it was a Query, else {@code null}. */
    public Statement statement() {
        return statement;
    }

    /** Whether the last event fed started a group while another was still open (that one is left unfinished). */
    public boolean abandoned() {
        return abandoned;
    }

    /** Forgets the open group, for a new stream (a new file read on its own). */
    public void reset() {
        open = false;
        multiStatement = false;
        start = -1;
        statement = null;
        abandoned = false;
    }

    // ---- statements -------------------------------------------------------------------------------

    /** The statement of a Query, Query_compressed or Execute_load_query event, by the rules of the server that wrote it. */
    public static Statement statement(QueryEventView q) {
        return statement(q, Server.of(q.format));
    }

    /**
     * The statement of a Query, Query_compressed or Execute_load_query event by the rules of
     * {@code server}. Execute_load_query is always {@link Statement#OTHER}; so is MariaDB's
     * Query_compressed ({@code Query_compressed_log_event::is_begin()} etc. return false: "the min
     * length of log_bin_compress_min_len is 10, means that Begin/Commit/Rollback would never be
     * compressed"), which is therefore not inflated.
     */
    public static Statement statement(QueryEventView q, Server server) {
        if (q.typeCode != EventType.QUERY.code()) {
            return Statement.OTHER;
        }
        return statement(q.seg, q.sqlOffset(), q.end, server);
    }

    /** The statement in {@code sql} (a Query event's statement bytes), by the rules of {@code server}. */
    public static Statement statement(MemorySegment sql, Server server) {
        return statement(sql, 0, sql.byteSize(), server);
    }

    private static Statement statement(MemorySegment s, long from, long to, Server server) {
        long n = to - from;
        if (server == Server.MARIADB) {
            if (strcmp(s, from, to, "BEGIN")) {
                return Statement.BEGIN;
            }
            if (strcmp(s, from, to, "COMMIT")) {
                return Statement.COMMIT;
            }
            if (strcmp(s, from, to, "ROLLBACK")) {
                return Statement.ROLLBACK;
            }
            return xaStatement(s, from, to);
        }
        // mysqlbinlog asks ends_group() before starts_group(): an empty statement (a prefix of both,
        // which no server writes) ends the group.
        if (strncmp(s, from, to, "COMMIT", n)) {
            return Statement.COMMIT;
        }
        if (strncasecmp(s, from, to, "ROLLBACK", 8) && !strncasecmp(s, from, to, "ROLLBACK TO ", 12)) {
            return Statement.ROLLBACK;
        }
        if (strncmp(s, from, to, "BEGIN", n)) {
            return Statement.BEGIN;
        }
        return xaStatement(s, from, to);
    }

    /** The XA statements, tested alike by both servers (case-sensitive prefixes). */
    private static Statement xaStatement(MemorySegment s, long from, long to) {
        if (strncmp(s, from, to, "XA START", 8)) {
            return Statement.XA_START;
        }
        if (strncmp(s, from, to, "XA COMMIT", 9)) {
            return Statement.XA_COMMIT;
        }
        if (strncmp(s, from, to, "XA ROLLBACK", 11)) {
            return Statement.XA_ROLLBACK;
        }
        return Statement.OTHER;
    }

    /**
     * {@code Query_log_event::is_trans_keyword()}: whether the statement controls the transaction, so
     * that {@code mariadb-binlog}/{@code mysqlbinlog} print it whatever the {@code --database} filter
     * and without a {@code use}: {@code BEGIN} or {@code COMMIT} or a prefix of them
     * ({@code strncmp(query, "BEGIN", q_len)}), or a statement starting with {@code SAVEPOINT} or
     * {@code ROLLBACK} in any case. MySQL adds {@code XA START}, {@code XA END}, {@code XA PREPARE},
     * {@code XA COMMIT} and {@code XA ROLLBACK} in any case. MariaDB (10.5+, {@code is_trans_keyword(is_xa)})
     * asks, inside an XA group (the group's GTID event has {@code FL_PREPARED_XA} or
     * {@code FL_COMPLETED_XA}), only whether the statement starts with {@code XA } in any case.
     *
     * @param q              a Query or Query_compressed event (read in place; a compressed statement is inflated)
     * @param groupGtidFlags the flags of the MariaDB GTID event of the statement's group, 0 without one
     */
    public static boolean isTransKeyword(QueryEventView q, Server server, int groupGtidFlags) {
        if (q.isCompressed()) {
            return isTransKeyword(q.sqlBytes(), server, groupGtidFlags);
        }
        return isTransKeyword(q.seg, q.sqlOffset(), q.end, server, groupGtidFlags);
    }

    /** {@link #isTransKeyword(QueryEventView, Server, int)} of the statement bytes {@code sql}. */
    public static boolean isTransKeyword(MemorySegment sql, Server server, int groupGtidFlags) {
        return isTransKeyword(sql, 0, sql.byteSize(), server, groupGtidFlags);
    }

    private static boolean isTransKeyword(MemorySegment s, long from, long to, Server server, int groupGtidFlags) {
        long n = to - from;
        if (server == Server.MARIADB
                && (groupGtidFlags & (MariaGtidEventView.FL_PREPARED_XA | MariaGtidEventView.FL_COMPLETED_XA)) != 0) {
            return strncasecmp(s, from, to, "XA ", 3);
        }
        boolean keyword = strncmp(s, from, to, "BEGIN", n) || strncmp(s, from, to, "COMMIT", n)
                || strncasecmp(s, from, to, "SAVEPOINT", 9) || strncasecmp(s, from, to, "ROLLBACK", 8);
        if (keyword || server == Server.MARIADB) {
            return keyword;
        }
        return strncasecmp(s, from, to, "XA START", 8) || strncasecmp(s, from, to, "XA END", 6)
                || strncasecmp(s, from, to, "XA PREPARE", 10) || strncasecmp(s, from, to, "XA COMMIT", 9)
                || strncasecmp(s, from, to, "XA ROLLBACK", 11);
    }

    // ---- C string comparisons over the statement, NUL-terminated at its end ----------------------

    /** The byte at {@code i} of the statement [from, to) as the servers see it: 0 past its end. */
    private static int at(MemorySegment s, long from, long to, long i) {
        return from + i < to ? Bytes.u8(s, from + i) : 0;
    }

    /** {@code !strncmp(query, word, n)}. */
    private static boolean strncmp(MemorySegment s, long from, long to, String word, long n) {
        return compare(s, from, to, word, n, false);
    }

    /** {@code !strcmp(query, word)}. */
    private static boolean strcmp(MemorySegment s, long from, long to, String word) {
        return compare(s, from, to, word, word.length() + 1L, false);
    }

    /** {@code !strncasecmp(query, word, n)} in the C locale (ASCII letters fold). */
    private static boolean strncasecmp(MemorySegment s, long from, long to, String word, long n) {
        return compare(s, from, to, word, n, true);
    }

    private static boolean compare(MemorySegment s, long from, long to, String word, long n, boolean fold) {
        for (long i = 0; i < n; i++) {
            int a = at(s, from, to, i);
            int b = i < word.length() ? word.charAt((int) i) : 0;
            if (fold ? lower(a) != lower(b) : a != b) {
                return false;
            }
            if (a == 0) {
                return true;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
