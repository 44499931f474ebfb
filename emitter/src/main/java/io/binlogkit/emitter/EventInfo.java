package io.binlogkit.emitter;

import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.GtidListEventView;
import io.binlogkit.parser.MariaGtidEventView;
import io.binlogkit.parser.QueryEventView;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.UserVarEventView;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The Info column of {@code SHOW BINLOG EVENTS} for the current event of a cursor: what each event's
 * {@code pack_info()} in MariaDB's {@code sql/log_event_server.cc} (MySQL: {@code log_event.cc})
 * writes. Text is produced as bytes in the server's encoding (statements are written in the
 * client's character set, mostly UTF-8), so that a caller can reproduce the server's output byte
 * for byte.
 */
public final class EventInfo {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** {@code XID::serialize} prints lower-case hex; user variables ({@code str_to_hex}) upper-case. */
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private EventInfo() {
    }

    /** Appends the Info column of the cursor's current event to {@code out}. */
    public static void append(EventCursor c, ByteSink out) {
        append(c, out, Integer.MAX_VALUE);
    }

    /**
     * Appends the Info column, with statement texts (Query, Annotate_rows, Rows_query) cut after
     * {@code textLimit} bytes: for displays that show only the start of a value, so that a
     * statement of megabytes is not copied to show a hundred characters of it.
     */
    public static void append(EventCursor c, ByteSink out, int textLimit) {
        EventType t = c.type();
        switch (t) {
            case QUERY, QUERY_COMPRESSED -> query(c.query(), c.flags(), out, textLimit);
            case EXECUTE_LOAD_QUERY -> {
                QueryEventView q = c.query();
                query(q, c.flags(), out, Integer.MAX_VALUE);
                out.ascii(" ;file_id=").dec(q.fileId());
            }
            case XA_PREPARE -> {
                var x = c.xaPrepare();
                out.ascii(x.onePhase() ? "XA COMMIT " : "XA PREPARE ");
                xid(x.formatId(), x.gtrid(), x.bqual(), out);
                if (x.onePhase()) {
                    out.ascii(" ONE PHASE");
                }
            }
            case FORMAT_DESCRIPTION, START_V3 -> {
                var f = c.formatDescriptionEvent();
                out.ascii("Server ver: ").ascii(f.serverVersion()).ascii(", Binlog ver: ").dec(f.binlogVersion());
            }
            case ROTATE -> {
                var r = c.rotate();
                out.utf8(r.nextFile()).ascii(";pos=").dec(r.nextPosition());
            }
            case XID -> out.ascii("COMMIT /* xid=").udec(c.xid().xid()).ascii(" */");
            case INTVAR -> {
                var v = c.intvar();
                out.ascii(v.variableName()).ascii("=").dec(v.value());
            }
            case RAND -> {
                var r = c.rand();
                out.ascii("rand_seed1=").udec(r.seed1()).ascii(",rand_seed2=").udec(r.seed2());
            }
            case USER_VAR -> userVar(c.userVar(), out);
            case TABLE_MAP -> {
                TableMapEventView m = c.tableMap();
                out.ascii("table_id: ").dec(m.tableId()).ascii(" (").utf8(m.database()).ascii(".")
                        .utf8(m.table()).ascii(")");
            }
            case ANNOTATE_ROWS, ROWS_QUERY -> {
                MemorySegment text = c.rowsQuery().textBytes();
                out.bytes(text, 0, Math.min(text.byteSize(), textLimit));
            }
            case BINLOG_CHECKPOINT -> out.utf8(c.binlogCheckpoint().file());
            case MARIADB_GTID -> mariaGtid(c.mariaGtid(), out);
            case GTID_LIST -> gtidList(c.gtidList(), out);
            case GTID, ANONYMOUS_GTID -> {
                var g = c.gtid();
                out.ascii("SET @@SESSION.GTID_NEXT= '").ascii(g.isAnonymous() ? "ANONYMOUS" : g.gtid()).ascii("'");
            }
            case PREVIOUS_GTIDS -> out.ascii(c.previousGtids().gtidSet());
            case INCIDENT -> {
                var i = c.incident();
                out.ascii("#").dec(i.incident()).ascii(" (").ascii(i.incident() == 1 ? "LOST_EVENTS" : "NONE")
                        .ascii(")");
            }
            case BEGIN_LOAD_QUERY, APPEND_BLOCK -> {
                var l = c.load();
                out.ascii(";file_id=").dec(l.fileId()).ascii(";block_len=").dec(l.block().byteSize());
            }
            case EXEC_LOAD, DELETE_FILE -> out.ascii(";file_id=").dec(c.load().fileId());
            case TRANSACTION_PAYLOAD -> {
                // MySQL's Transaction_payload_log_event::pack_info
                var p = c.transactionPayload();
                out.ascii("compression='").ascii(p.compression() == 0 ? "ZSTD" : "NONE")
                        .ascii("', decompressed_size=").dec(p.uncompressedSize()).ascii(" bytes");
            }
            default -> {
                if (t.isRows()) {
                    RowsEventView r = c.rows();
                    out.ascii("table_id: ").dec(r.tableId());
                    if (r.isStatementEnd()) {
                        out.ascii(" flags: STMT_END_F");
                    }
                }
            }
        }
    }

    private static void query(QueryEventView q, int eventFlags, ByteSink out, int textLimit) {
        // LOG_EVENT_SUPPRESS_USE_F (0x8): CREATE/DROP DATABASE and friends carry no "use".
        if ((eventFlags & 0x8) == 0 && q.databaseLength() > 0) {
            out.ascii("use ");
            identifier(q.database(), out);
            out.ascii("; ");
        }
        MemorySegment sql = q.sqlBytes();
        out.bytes(sql, 0, Math.min(sql.byteSize(), textLimit));
    }

    /** A backquoted identifier, with backquotes doubled ({@code append_identifier}). */
    static void identifier(String name, ByteSink out) {
        out.ascii("`").utf8(name.replace("`", "``")).ascii("`");
    }

    private static void mariaGtid(MariaGtidEventView g, ByteSink out) {
        int flags = g.flags();
        if ((flags & MariaGtidEventView.FL_STANDALONE) != 0) {
            out.ascii("GTID ");
        } else if ((flags & MariaGtidEventView.FL_PREPARED_XA) != 0) {
            out.ascii("XA START ");
            xid(g.xidFormatId(), g.xidGtrid(), g.xidBqual(), out);
            out.ascii(" GTID ");
        } else {
            out.ascii("BEGIN GTID ");
        }
        out.dec(g.domainId()).ascii("-").dec(g.serverId()).ascii("-").udec(g.sequence());
        if ((flags & MariaGtidEventView.FL_GROUP_COMMIT_ID) != 0) {
            out.ascii(" cid=").udec(g.commitId());
        }
    }

    /** {@code X'gtrid',X'bqual',formatID} as {@code XID::serialize} writes it. */
    static void xid(long formatId, byte[] gtrid, byte[] bqual, ByteSink out) {
        out.ascii("X'");
        hex(gtrid, out);
        out.ascii("',X'");
        hex(bqual, out);
        out.ascii("',").dec(formatId);
    }

    private static void hex(byte[] b, ByteSink out) {
        for (byte x : b) {
            out.byte_(HEX_LOWER[(x >> 4) & 0xF]).byte_(HEX_LOWER[x & 0xF]);
        }
    }

    /** The list sorted by domain (then server id), as the server and mariadb-binlog print it. */
    private static void gtidList(GtidListEventView l, ByteSink out) {
        Integer[] order = new Integer[l.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.<Integer>comparingLong(l::domainId)
                .thenComparingLong(l::serverId).thenComparingLong(l::sequence));
        out.ascii("[");
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (k > 0) {
                out.ascii(",");
            }
            out.dec(l.domainId(i)).ascii("-").dec(l.serverId(i)).ascii("-").udec(l.sequence(i));
        }
        out.ascii("]");
    }

    private static void userVar(UserVarEventView v, ByteSink out) {
        out.ascii("@");
        identifier(v.name(), out);
        out.ascii("=");
        if (v.isNull()) {
            out.ascii("NULL");
            return;
        }
        switch (v.valueType()) {
            case UserVarEventView.REAL_RESULT -> out.ascii(Numbers.formatG14(v.realValue()));
            case UserVarEventView.INT_RESULT -> {
                if (v.isUnsigned()) {
                    out.udec(v.intValue());
                } else {
                    out.dec(v.intValue());
                }
            }
            case UserVarEventView.DECIMAL_RESULT -> out.ascii(v.decimalValue().toPlainString());
            default -> {
                String cs = Charsets.name((int) v.charset());
                MemorySegment val = v.valueBytes();
                out.ascii("_").ascii(cs == null ? "binary" : cs).ascii(" X'");
                for (long i = 0; i < val.byteSize(); i++) {
                    int b = val.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                    out.byte_(HEX[b >> 4]).byte_(HEX[b & 0xF]);
                }
                out.ascii("' COLLATE ").ascii(cs == null ? "binary" : Charsets.collation((int) v.charset()));
            }
        }
    }
}
