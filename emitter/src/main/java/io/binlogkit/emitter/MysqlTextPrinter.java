package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.ChecksumAlgorithm;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventFlags;
import io.binlogkit.parser.EventRewriter;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.GtidEventView;
import io.binlogkit.parser.IncidentEventView;
import io.binlogkit.parser.QueryEventView;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TransactionBoundary;
import io.binlogkit.parser.TransactionPayloadEventView;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import static io.binlogkit.parser.QueryEventView.OPTION_AUTO_IS_NULL;
import static io.binlogkit.parser.QueryEventView.OPTION_NOT_AUTOCOMMIT;
import static io.binlogkit.parser.QueryEventView.OPTION_NO_FOREIGN_KEY_CHECKS;
import static io.binlogkit.parser.QueryEventView.OPTION_RELAXED_UNIQUE_CHECKS;

/**
 * Prints binary logs written by MySQL (5.1 to 9.x) as MySQL 8.4's {@code mysqlbinlog} prints them:
 * {@code client/mysqlbinlog.cc} ({@code process_event}, {@code end_binlog}, the deferred
 * Intvar/Rand/User_var events, {@code Load_log_processor}) and the {@code print()} methods of
 * {@code sql/log_event.cc}. Comments name the function each part mirrors. It is separate from
 * {@link MysqlbinlogPrinter} (MariaDB's format) and shares only the helpers ({@link ByteSink},
 * {@link LocalTimestamps}, {@link Base64Text}, {@link DumpOptions}).
 *
 * <p>Scope: the default output, {@code --short-form}, {@code --base64-output}, {@code --hexdump}, the
 * position/datetime ranges, {@code --offset}, {@code --server-id}, {@code --local-load}. What is not
 * implemented is refused with {@link UnsupportedOperationException} (exit code 5 in the CLI):
 * {@code -v}, {@code --flashback}, {@code --database}, {@code --table}, {@code --rewrite-db}, the
 * MariaDB-only options, and events this printer does not print (pre-GA row events, View_change, ...).
 */
public final class MysqlTextPrinter {
    private static final String DELIMITER = "/*!*/;";
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private enum Status { CONTINUE, STOP }

    private final DumpOptions o;
    private final ByteSink out;
    private final Consumer<String> warnings;
    private final LocalTimestamps time;
    private final Base64Text base64 = new Base64Text();
    /** The body cache: the BINLOG block of the current row statement. */
    private final ByteSink body = new ByteSink(null);
    /** Deferred Intvar/Rand events (buff_ev): their text, printed before the next Query. */
    private final ByteSink deferred = new ByteSink(null);
    private boolean hasDeferred;
    /** Appends the CRC32 mysqlbinlog gives the events of a Transaction_payload. */
    private final EventRewriter rewriter = new EventRewriter(0);
    /** print_event_info->hexdump_from: the offset of the event being printed. */
    private long hexdumpFrom;

    private long recCount;
    private long startDatetime;
    private long offsetLeft;
    /** mysqlbinlog.cc's in_transaction and seen_gtid, for {@code end_binlog}. */
    private boolean inTransaction;
    private boolean seenGtid;
    private boolean firstFd = true;
    private boolean printedFdEvent;
    /** Load_log_processor: the directory of the LOAD DATA files, and the files by file_id. */
    private final String localLoadDir;
    private final java.util.Map<Long, String> loadFiles = new java.util.HashMap<>();
    /**
     * have_unflushed_events: a row statement has begun (table map, row events without STMT_END_F) and
     * its text is held uncommitted; if the dump ends before its last event, the text is dropped, as
     * mysqlbinlog never copies its head and body caches to the output then.
     */
    private boolean rowsPending;
    private boolean begun;

    private BinlogFile file;
    // PRINT_EVENT_INFO: one for the whole dump in mysqlbinlog (dump_multiple_logs), not one per file
    private byte[] db = new byte[0];
    private byte[] charset;
    private byte[] timeZone = new byte[0];
    private long lcTimeNames = 0xFFFF_FFFFL;
    private long charsetDatabase = -1;
    private long threadId;
    private boolean threadIdPrinted;
    private long flags2;
    private boolean flags2Inited;
    private long sqlMode;
    private boolean sqlModeInited;
    private long autoIncrementIncrement;
    private long autoIncrementOffset;
    private int defaultCollationUtf8mb4;
    private final int sqlRequirePrimaryKey = 0xff;
    private final int defaultTableEncryption = 0xff;

    public MysqlTextPrinter(DumpOptions options, ByteSink out, Consumer<String> warnings) {
        this.o = options;
        this.out = out;
        this.warnings = warnings;
        this.time = new LocalTimestamps(options.zone());
        this.startDatetime = options.startDatetime();
        String dir;
        if (options.localLoadDir() != null) {
            dir = options.localLoadDir().toString();
        } else {
            // my_tmpdir(): $TMPDIR, else /tmp
            String tmp = System.getenv("TMPDIR");
            dir = tmp != null && !tmp.isEmpty() ? tmp : "/tmp";
        }
        this.localLoadDir = dir.endsWith("/") ? dir : dir + "/";
        this.offsetLeft = options.offset();
        String refused = null;
        if (options.verbosity() > 0 && !options.shortForm()) {
            refused = "-v / --verbose";
        } else if (options.flashback()) {
            refused = "--flashback";
        } else if (options.database() != null) {
            refused = "--database";
        } else if (options.table() != null) {
            refused = "--table";
        } else if (!options.rewriteDb().isEmpty()) {
            refused = "--rewrite-db";
        } else if (options.skipAnnotateRowEvents()) {
            refused = "--skip-annotate-row-events (a MariaDB option)";
        } else if (options.printRowCount() != !options.shortForm()) {
            refused = "--[skip-]print-row-count (a MariaDB option)";
        } else if (options.printRowEventPositions() != !options.shortForm()) {
            refused = "--[skip-]print-row-event-positions (a MariaDB option)";
        }
        if (refused != null) {
            throw new UnsupportedOperationException(refused
                    + " is not implemented yet for files written by MySQL (only for MariaDB-written files)");
        }
    }

    /** Whether the file at {@code path} was written by MySQL (binlog v4 without MariaDB's version tag). */
    public static boolean writtenByMysql(Path path) throws IOException {
        try (BinlogFile f = BinlogFile.open(path)) {
            return writtenByMysql(f);
        }
    }

    public static boolean writtenByMysql(BinlogFile f) {
        return !f.formatDescription().isMariaDb() && f.formatDescription().binlogVersion() >= 4;
    }

    /** The opening lines ({@code main()} of mysqlbinlog.cc). */
    public void begin() {
        out.ascii("# The proper term is pseudo_replica_mode, but we use this compatibility alias\n"
                + "# to make the statement usable on server versions 8.0.24 and older.\n"
                + "/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=1*/;\n");
        if (o.disableLogBin()) {
            out.ascii("/*!32316 SET @OLD_SQL_LOG_BIN=@@SQL_LOG_BIN, SQL_LOG_BIN=0*/;\n");
        }
        out.ascii("/*!50003 SET @OLD_COMPLETION_TYPE=@@COMPLETION_TYPE,COMPLETION_TYPE=0*/;\n");
        if (o.setCharset() != null) {
            out.ascii("\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;"
                    + "\n/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;"
                    + "\n/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;"
                    + "\n/*!40101 SET NAMES ").utf8(o.setCharset()).ascii(" */;\n");
        }
        out.ascii("DELIMITER /*!*/;\n");
        out.commit();
        begun = true;
    }

    /** The closing lines. */
    public void end() {
        if (!begun) {
            throw new IllegalStateException("end() without begin()");
        }
        if (rowsPending) {
            out.discardUncommitted();
            body.truncate(0);
            rowsPending = false;
            warnings.accept("The range of printed events ends with a row event or a table map event that does not "
                    + "have the STMT_END_F flag set. This might be because the last statement was not fully written "
                    + "to the log, or because you are using a --stop-position or --stop-datetime that refers to an "
                    + "event in the middle of a statement. The event(s) from the partial statement have not been "
                    + "written to output.");
        }
        if (hasDeferred) {
            warnings.accept("The range of printed events ends with an Intvar_event, Rand_event or User_var_event "
                    + "with no matching Query_log_event. This might be because the last statement was not fully "
                    + "written to the log, or because you are using a --stop-position or --stop-datetime that "
                    + "refers to an event in the middle of a statement. The event(s) from the partial statement "
                    + "have not been written to output.");
        }
        endBinlog();
        out.ascii("DELIMITER ;\n# End of log file\n/*!50003 SET COMPLETION_TYPE=@OLD_COMPLETION_TYPE*/;\n");
        if (o.disableLogBin()) {
            out.ascii("/*!32316 SET SQL_LOG_BIN=@OLD_SQL_LOG_BIN*/;\n");
        }
        if (o.setCharset() != null) {
            out.ascii("/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n"
                    + "/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;\n"
                    + "/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;\n");
        }
        out.ascii("/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;\n");
        out.commit();
    }

    public boolean dump(Path path, boolean first, boolean last) throws IOException {
        try (BinlogFile binlog = BinlogFile.open(path)) {
            return dump(binlog, first, last);
        } catch (IOException | RuntimeException e) {
            out.flush();
            throw e;
        }
    }

    /** Prints one file; false when a stop position or datetime was reached. */
    public boolean dump(BinlogFile binlog, boolean first, boolean last) {
        if (!writtenByMysql(binlog)) {
            throw new UnsupportedOperationException(binlog.path() + " was not written by MySQL 5.6 or later "
                    + "(server " + binlog.formatDescription().serverVersion() + "); a dump mixes no flavours");
        }
        String v = binlog.formatDescription().serverVersion();
        if (!binlog.formatDescription().versionAtLeast(5, 1, 0)) {
            throw new UnsupportedOperationException(binlog.path() + " was written by MySQL " + v
                    + "; binlog dump prints files of MySQL 5.1 and later only");
        }
        long start = first ? o.startPosition() : DumpOptions.FIRST_EVENT;
        long stop = last ? o.stopPosition() : DumpOptions.NO_STOP_POSITION;
        reset(binlog);
        EventCursor c = binlog.cursor();
        c.verifyChecksums(o.verifyChecksums());
        Status st = Status.CONTINUE;
        try {
            if (start > DumpOptions.FIRST_EVENT) {
                // Basic_binlog_file_reader::open -> read_fdle: read the header events before the start
                // position (going on after a format description or a fake rotate), keep the format
                // description, and hand it to process_event at the offset of the last event read.
                long fdAt = -1;
                long lastStart = DumpOptions.FIRST_EVENT;
                boolean skipPosCheck = false;
                while ((c.nextEventOffset() < start || skipPosCheck) && c.next()) {
                    lastStart = c.position();
                    skipPosCheck = false;
                    EventType t = c.type();
                    if (t == EventType.FORMAT_DESCRIPTION) {
                        fdAt = c.position();
                        skipPosCheck = true;
                    } else if (t == EventType.ROTATE) {
                        skipPosCheck = true;
                    } else if (t != EventType.PREVIOUS_GTIDS && t != EventType.START_ENCRYPTION) {
                        break;
                    }
                }
                if (fdAt >= 0) {
                    c.seek(fdAt);
                    c.next();
                    st = process(c, lastStart, stop, false);
                }
                if (st == Status.CONTINUE) {
                    c.seek(Math.min(start, binlog.size()));
                }
            }
            while (st == Status.CONTINUE && c.next()) {
                st = process(c, c.position(), stop, false);
            }
        } catch (RuntimeException e) {
            out.discardUncommitted();
            out.flush();
            throw e;
        }
        if (!rowsPending) {
            out.commit();
            out.maybeFlush();
        }
        file = null;
        return st == Status.CONTINUE;
    }

    private void reset(BinlogFile binlog) {
        file = binlog;
    }

    /**
     * {@code end_binlog}: roll back a transaction left open, or a GTID without its transaction, and
     * reset GTID_NEXT; printed at the end and before the format description of every file but the first.
     */
    private void endBinlog() {
        if (inTransaction) {
            out.ascii("ROLLBACK /* added by mysqlbinlog */ ").ascii(DELIMITER).byte_('\n');
        } else if (seenGtid) {
            out.ascii("BEGIN /*added by mysqlbinlog */ ").ascii(DELIMITER).ascii("\nROLLBACK /* added by mysqlbinlog */ ")
                    .ascii(DELIMITER).byte_('\n');
        }
        out.ascii("SET @@SESSION.GTID_NEXT= 'AUTOMATIC' /* added by mysqlbinlog */ ").ascii(DELIMITER).byte_('\n');
        seenGtid = false;
        inTransaction = false;
    }

    // ---- process_event ---------------------------------------------------------------------------

    /**
     * {@code process_event}; {@code pos} is the event's offset, or for the events inside a
     * Transaction_payload the end of the payload event, as mysqlbinlog passes it.
     */
    private Status process(EventCursor c, long pos, long stop, boolean inner) {
        EventType type = c.type();
        long when = c.timestamp();
        Status st = Status.CONTINUE;
        if ((recCount >= offsetLeft && when >= startDatetime) || type == EventType.FORMAT_DESCRIPTION) {
            boolean skip = false;
            if (type != EventType.FORMAT_DESCRIPTION) {
                startDatetime = 0;
                offsetLeft = 0;
                if (type != EventType.ROTATE && !o.serverIds().isEmpty() && !o.serverIds().contains(c.serverId())) {
                    skip = true;
                }
            }
            if (!skip) {
                if ((o.stopDatetimeGiven() && when >= o.stopDatetime()) || (!inner && pos >= stop)) {
                    st = Status.STOP;
                } else {
                    if (!o.shortForm()) {
                        out.ascii("# at ").dec(pos).byte_('\n');
                    }
                    hexdumpFrom = pos;
                    printEvent(c, type, pos, inner);
                }
            }
        }
        recCount++;
        if (!rowsPending) {
            out.commit();
            out.maybeFlush();
        }
        return st;
    }

    private void printEvent(EventCursor c, EventType type, long pos, boolean inner) {
        MemorySegment ev = inner ? withChecksum(c) : c.eventBytes();
        boolean checksum = inner ? file.formatDescription().checksum() == ChecksumAlgorithm.CRC32
                : c.format().checksum() == ChecksumAlgorithm.CRC32;
        long endLogPos = inner ? pos : c.logPosition();
        boolean sf = o.shortForm();
        switch (type) {
            case FORMAT_DESCRIPTION -> {
                if ((c.flags() & EventFlags.RELAY_LOG) == 0) {
                    if (c.logPosition() > 0 && !firstFd) {
                        endBinlog();
                    }
                    firstFd = false;
                }
                printFormatDescription(c, ev, checksum);
            }
            case PREVIOUS_GTIDS -> {
                // Previous_gtids_log_event::print: only the header depends on --short-form
                if (!sf) {
                    header(c, ev, endLogPos, checksum);
                    out.ascii("\tPrevious-GTIDs\n");
                }
                String set = c.previousGtids().gtidSet();
                out.ascii("# ").utf8(set.isEmpty() ? "[empty]" : set.replace(",\n", ",\n# ")).byte_('\n');
            }
            case GTID, ANONYMOUS_GTID, GTID_TAGGED -> {
                seenGtid = true;
                printGtid(c, ev, endLogPos, checksum);
            }
            case QUERY -> {
                flushDeferred();
                switch (TransactionBoundary.statement(c.query(), TransactionBoundary.Server.MYSQL)) {
                    case COMMIT, ROLLBACK, XA_ROLLBACK -> { // ends_group()
                        inTransaction = false;
                        seenGtid = false;
                    }
                    case BEGIN, XA_START -> inTransaction = true; // starts_group()
                    default -> {
                        if (!inTransaction) {
                            // an implicitly committing DDL
                            seenGtid = false;
                        }
                    }
                }
                printQuery(c, ev, endLogPos, checksum);
            }
            case XID -> {
                inTransaction = false;
                seenGtid = false;
                if (!sf) {
                    header(c, ev, endLogPos, checksum);
                    out.ascii("\tXid = ").udec(c.xid().xid()).byte_('\n');
                }
                out.ascii("COMMIT").ascii(DELIMITER).byte_('\n');
            }
            case ROTATE -> {
                if (sf) {
                    return;
                }
                header(c, ev, endLogPos, checksum);
                var r = c.rotate();
                out.ascii("\tRotate to ").utf8(r.nextFile()).ascii("  pos: ").dec(r.nextPosition()).byte_('\n');
            }
            case STOP -> {
                if (sf) {
                    return;
                }
                header(c, ev, endLogPos, checksum);
                out.ascii("\tStop\n");
            }
            case INTVAR -> {
                // Deferred until the Query it belongs to (buff_ev).
                ByteSink to = deferred;
                if (!sf) {
                    header(c, ev, endLogPos, checksum, to);
                    to.ascii("\tIntvar\n");
                }
                var v = c.intvar();
                to.ascii("SET ").ascii(v.variableName()).byte_('=').dec(v.value()).ascii(DELIMITER).byte_('\n');
                hasDeferred = true;
            }
            case RAND -> {
                ByteSink to = deferred;
                if (!sf) {
                    header(c, ev, endLogPos, checksum, to);
                    to.ascii("\tRand\n");
                }
                var r = c.rand();
                to.ascii("SET @@RAND_SEED1=").dec(r.seed1()).ascii(", @@RAND_SEED2=").dec(r.seed2())
                        .ascii(DELIMITER).byte_('\n');
                hasDeferred = true;
            }
            case ROWS_QUERY -> {
                // Rows_query_log_event::print prints only with -vv (refused here): the "# at" line alone.
            }
            case USER_VAR -> {
                // Deferred until the Query it belongs to, like Intvar and Rand.
                if (!sf) {
                    header(c, ev, endLogPos, checksum, deferred);
                    deferred.ascii("\tUser_var\n");
                }
                printUserVar(c.userVar(), deferred);
                hasDeferred = true;
            }
            case XA_PREPARE -> {
                // XA_prepare_log_event::print: the header even with --short-form
                var x = c.xaPrepare();
                header(c, ev, endLogPos, checksum);
                out.ascii("\tXA PREPARE ");
                serializeXid(x.formatId(), x.gtrid(), x.bqual());
                out.ascii(x.onePhase() ? "\nXA COMMIT " : "\nXA PREPARE ");
                serializeXid(x.formatId(), x.gtrid(), x.bqual());
                out.ascii(x.onePhase() ? " ONE PHASE\n" : "\n").ascii(DELIMITER).byte_('\n');
            }
            case INCIDENT -> {
                if (sf) {
                    return;
                }
                int incident = c.incident().incident();
                if (incident != IncidentEventView.LOST_EVENTS) {
                    // Incident_event's decoder rejects numbers other than INCIDENT_LOST_EVENTS
                    throw new UnsupportedOperationException(file.path() + ": Incident event at offset "
                            + c.position() + " has the unknown incident number " + incident
                            + ", which mysqlbinlog cannot read either");
                }
                header(c, ev, endLogPos, checksum);
                out.ascii("\n# Incident: ").ascii("LOST_EVENTS")
                        .ascii("\nRELOAD DATABASE; # Shall generate syntax error\n");
            }
            case TABLE_MAP -> {
                if (sf) {
                    return;
                }
                TableMapEventView t = c.tableMap();
                header(c, ev, endLogPos, checksum);
                out.ascii("\tTable_map: `").utf8(t.database()).ascii("`.`").utf8(t.table())
                        .ascii("` mapped to number ").dec(t.tableId()).byte_('\n');
                // mysqlbinlog 8.0.30+ prints it for every table map; the flag is optional metadata 13
                // (GENERATED_INVISIBLE_PRIMARY_KEY), absent (0) from older servers' table maps.
                out.ascii("# has_generated_invisible_primary_key=").dec(t.hasOptionalMetadata(13) ? 1 : 0)
                        .byte_('\n');
                toBody(ev);
                rowsPending = true;
            }
            case TRANSACTION_PAYLOAD -> printPayload(c, ev, endLogPos, checksum, pos);
            case BEGIN_LOAD_QUERY, APPEND_BLOCK -> {
                // Append_block_log_event::print, then Load_log_processor::process
                var l = c.load();
                if (!sf) {
                    header(c, ev, endLogPos, checksum);
                    out.ascii(type == EventType.BEGIN_LOAD_QUERY ? "\n#Begin_load_query" : "\n#Append_block")
                            .ascii(": file_id: ").dec(l.fileId()).ascii("  block_len: ").dec(l.block().byteSize())
                            .byte_('\n');
                }
                if (type == EventType.BEGIN_LOAD_QUERY) {
                    beginLoadFile(l);
                } else {
                    appendLoadBlock(l);
                }
            }
            case EXECUTE_LOAD_QUERY -> printExecuteLoadQuery(c, ev, endLogPos, checksum);
            case DELETE_FILE -> {
                if (sf) {
                    return;
                }
                header(c, ev, endLogPos, checksum);
                out.ascii("\n#Delete_file: file_id=").dec(c.load().fileId()).byte_('\n');
            }
            default -> {
                // the row events MySQL 8.4 reads: v1 (5.1.18+), v2 (5.6+) and partial updates (8.0); the
                // pre-GA ones (20-22) and MariaDB's compressed ones it cannot read
                boolean readable = switch (type) {
                    case WRITE_ROWS_V1, UPDATE_ROWS_V1, DELETE_ROWS_V1, WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS,
                         PARTIAL_UPDATE_ROWS -> true;
                    default -> false;
                };
                if (readable) {
                    if (sf) {
                        return;
                    }
                    if (!printedFdEvent && o.base64Output() != Base64Output.DECODE_ROWS) {
                        throw new UnsupportedOperationException(o.base64Output() == Base64Output.NEVER
                                ? "--base64-output=never specified, but binlog contains a " + type.displayName()
                                        + " event which must be printed in base64."
                                : "malformed binlog: it does not contain any Format_description_log_event. I now "
                                        + "found a " + type.displayName() + " event, which is not safe to process "
                                        + "without a Format_description_log_event.");
                    }
                    RowsEventView r = c.rows();
                    header(c, ev, endLogPos, checksum);
                    out.byte_('\t').ascii(type.displayName()).ascii(": table id ").dec(r.tableId())
                            .ascii(r.isStatementEnd() ? " flags: STMT_END_F" : "").byte_('\n');
                    toBody(ev);
                    if (r.isStatementEnd()) {
                        flushBody();
                        rowsPending = false;
                    } else {
                        rowsPending = true;
                    }
                } else {
                    throw new UnsupportedOperationException(file.path() + ": event " + type.displayName()
                            + " at offset " + c.position() + " of a MySQL-written file is not printed yet");
                }
            }
        }
    }

    /** {@code print_base64} into the body cache (skipped with --base64-output=never|decode-rows). */
    private void toBody(MemorySegment ev) {
        if (o.base64Output() != Base64Output.AUTO) {
            return;
        }
        if (body.pending() == 0) {
            body.ascii("\nBINLOG '\n");
        }
        base64.encode(ev, 0, ev.byteSize(), body);
        body.byte_('\n');
    }

    private void flushBody() {
        if (body.pending() > 0) {
            out.bytes(body.toByteArray()).byte_('\'').ascii(DELIMITER).byte_('\n');
            body.truncate(0);
        }
    }

    private void flushDeferred() {
        if (hasDeferred) {
            out.bytes(deferred.toByteArray());
            deferred.truncate(0);
            hasDeferred = false;
        }
    }

    /**
     * The inner event as mysqlbinlog hands it on: with the file's CRC32 appended (and the length
     * field grown by 4) when the file has checksums.
     */
    private MemorySegment withChecksum(EventCursor c) {
        if (file.formatDescription().checksum() != ChecksumAlgorithm.CRC32) {
            return c.eventBytes();
        }
        return rewriter.withChecksumAppended(c);
    }

    // ---- headers ---------------------------------------------------------------------------------

    private void header(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum) {
        header(c, ev, endLogPos, checksum, out);
    }

    /**
     * {@code Log_event::print_header} of the cursor's event, whose bytes as printed are {@code ev}
     * (for an event of a Transaction_payload, with the CRC32 {@link #withChecksum} appended).
     */
    private void header(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum, ByteSink to) {
        to.byte_('#');
        time.append(c.timestamp(), to);
        to.ascii(" server id ").dec(c.serverId()).ascii("  end_log_pos ").dec(endLogPos).byte_(' ');
        if (checksum) {
            to.ascii("CRC32 0x");
            long v = c.hasChecksum() ? c.storedChecksum() : rewriter.checksum();
            for (int shift = 28; shift >= 0; shift -= 4) {
                to.byte_(HEX_LOWER[(int) (v >>> shift) & 0xF]);
            }
            to.byte_(' ');
        }
        if (o.hexdump()) {
            to.byte_('\n');
            MysqlHexDump.append(ev, hexdumpFrom, to);
        }
    }

    // ---- the events ------------------------------------------------------------------------------

    /** {@code Format_description_log_event::print}. */
    private void printFormatDescription(EventCursor c, MemorySegment ev, boolean checksum) {
        var fd = c.formatDescriptionEvent();
        int flags = c.flags();
        long created = fd.createTimestamp();
        if (!o.shortForm()) {
            header(c, ev, c.logPosition(), checksum);
            out.ascii("\tStart: binlog v ").dec(fd.binlogVersion()).ascii(", server v ").ascii(fd.serverVersion())
                    .ascii(" created ");
            // print_timestamp(head, nullptr): the event's own time
            time.append(c.timestamp(), out);
            if (created != 0) {
                out.ascii(" at startup");
            }
            out.byte_('\n');
            if ((flags & EventFlags.BINLOG_IN_USE) != 0) {
                out.ascii("# Warning: this binlog is either in use or was not closed properly.\n");
            }
        }
        boolean relay = (flags & EventFlags.RELAY_LOG) != 0;
        if (relay) {
            out.ascii("# This Format_description_event appears in a relay log and was generated by the replica "
                    + "thread.\n");
        }
        if ((flags & EventFlags.ARTIFICIAL) == 0 && created != 0) {
            out.ascii("ROLLBACK").ascii(DELIMITER).byte_('\n');
        }
        if (o.base64Output() != Base64Output.NEVER && !o.shortForm()) {
            if (!relay && o.base64Output() == Base64Output.AUTO) {
                out.ascii("BINLOG '\n");
                base64.encode(ev, 0, ev.byteSize(), out);
                out.ascii("\n'").ascii(DELIMITER).byte_('\n');
            }
            printedFdEvent = true;
        }
        if (!o.forceIfOpen() && (flags & EventFlags.BINLOG_IN_USE) != 0) {
            throw new io.binlogkit.parser.BinlogFormatException(file.path(), c.position(), "binlog state",
                    "closed by the server", "Attempting to dump binlog '" + file.path() + "', which was not closed "
                    + "properly. Most probably, mysqld is still writing it, or it crashed. Rerun with "
                    + "--force-if-open to ignore this problem.");
        }
    }

    /**
     * {@code Gtid_log_event::print}: the comment line only without {@code --short-form}; the isolation
     * level, the commit timestamps (0 when the event has none, as 5.7 writes them) and the server
     * versions (999999, UNDEFINED_SERVER_VERSION, when absent) always.
     */
    private void printGtid(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum) {
        GtidEventView g = c.gtid();
        boolean rbrOnly = (g.gtidFlags() & GtidEventView.FLAG_MAY_HAVE_SBR) == 0;
        long orig = Math.max(0, g.originalCommitTimestamp());
        long imm = Math.max(0, g.immediateCommitTimestamp());
        if (!o.shortForm()) {
            header(c, ev, endLogPos, checksum);
            out.byte_('\t').ascii(g.isAnonymous() ? "Anonymous_GTID" : "GTID").ascii("\tlast_committed=")
                    .udec(Math.max(0, g.lastCommitted())).ascii("\tsequence_number=")
                    .udec(Math.max(0, g.sequenceNumber()))
                    .ascii(rbrOnly ? "\trbr_only=yes" : "\trbr_only=no")
                    .ascii("\toriginal_committed_timestamp=").udec(orig)
                    .ascii("\timmediate_commit_timestamp=").udec(imm)
                    .ascii("\ttransaction_length=").udec(Math.max(0, g.transactionLength())).byte_('\n');
        }
        if (rbrOnly) {
            out.ascii("/*!50718 SET TRANSACTION ISOLATION LEVEL READ COMMITTED*/").ascii(DELIMITER).byte_('\n');
        }
        out.ascii("# original_commit_timestamp=").dec(orig).ascii(" (");
        microsTime(orig);
        out.ascii(")\n# immediate_commit_timestamp=").dec(imm).ascii(" (");
        microsTime(imm);
        out.ascii(")\n");
        out.ascii("/*!80001 SET @@session.original_commit_timestamp=").dec(orig).ascii("*/")
                .ascii(DELIMITER).byte_('\n');
        long osv = g.originalServerVersion() < 0 ? GtidEventView.UNDEFINED_SERVER_VERSION : g.originalServerVersion();
        long isv = g.immediateServerVersion() < 0 ? GtidEventView.UNDEFINED_SERVER_VERSION : g.immediateServerVersion();
        out.ascii("/*!80014 SET @@session.original_server_version=").dec(osv).ascii("*/")
                .ascii(DELIMITER).byte_('\n');
        out.ascii("/*!80014 SET @@session.immediate_server_version=").dec(isv).ascii("*/")
                .ascii(DELIMITER).byte_('\n');
        out.ascii("SET @@SESSION.GTID_NEXT= '").ascii(g.isAnonymous() ? "ANONYMOUS" : g.gtid()).byte_('\'')
                .ascii(DELIMITER).byte_('\n');
    }

    /** {@code YYYY-MM-DD hh:mm:ss.uuuuuu ZONE} in the local time zone, as {@code Gtid_log_event::print}. */
    private void microsTime(long micros) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(o.zone());
        out.dec(t.getYear()).byte_('-').zeroPadded(t.getMonthValue(), 2).byte_('-').zeroPadded(t.getDayOfMonth(), 2)
                .byte_(' ').zeroPadded(t.getHour(), 2).byte_(':').zeroPadded(t.getMinute(), 2).byte_(':')
                .zeroPadded(t.getSecond(), 2).byte_('.').zeroPadded((int) Math.floorMod(micros, 1_000_000L), 6)
                .byte_(' ').ascii(java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(t));
    }

    /**
     * The EXECUTE_LOAD_QUERY case of {@code process_event} and {@code Execute_load_query_log_event::print}:
     * the statement as {@code LOAD DATA LOCAL INFILE} of the file the Begin_load_query event was written to.
     */
    private void printExecuteLoadQuery(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum) {
        QueryEventView q = c.query();
        String fname = loadFiles.remove(q.fileId());
        if (fname == null) {
            warnings.accept("Ignoring Execute_load_query since there is no Begin_load_query event for file_id: "
                    + q.fileId());
            return;
        }
        printQueryHeader(c, ev, endLogPos, checksum, "Execute_load_query");
        MemorySegment sql = q.sqlBytes();
        long start = q.fileNameStart();
        long end = q.fileNameEnd();
        out.bytes(sql, 0, start).ascii(" LOCAL INFILE ");
        ClientText.prettyQuoted(out, fname.getBytes(StandardCharsets.UTF_8));
        if (q.dupHandling() == QueryEventView.LOAD_DUP_REPLACE) {
            out.ascii(" REPLACE");
        }
        out.ascii(" INTO").bytes(sql, end, sql.byteSize() - end).byte_('\n').ascii(DELIMITER).byte_('\n');
        if (!o.shortForm()) {
            out.ascii("# file_id: ").dec(q.fileId()).ascii(" \n");
        }
    }

    /**
     * {@code Load_log_processor::process_first_event("SQL_LOAD_MB", …)}: the first block of a LOAD DATA
     * in {@code <dir>SQL_LOAD_MB-<file_id>-<n>} (hex; n the first number whose file does not exist yet).
     */
    private void beginLoadFile(io.binlogkit.parser.LoadEventView l) {
        String base = localLoadDir + "SQL_LOAD_MB-" + Long.toHexString(l.fileId());
        for (int version = 0; version < 1000; version++) {
            String name = base + "-" + Integer.toHexString(version);
            try (var w = java.nio.file.Files.newOutputStream(Path.of(name), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                writeBlock(l.block(), w);
                loadFiles.put(l.fileId(), name);
                return;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // the next number
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + name + " for LOAD DATA (see --local-load)", e);
            }
        }
        throw new java.io.UncheckedIOException(new IOException("Could not construct local filename " + base));
    }

    /** {@code Load_log_processor::process(Append_block_log_event*)}. */
    private void appendLoadBlock(io.binlogkit.parser.LoadEventView l) {
        String name = loadFiles.get(l.fileId());
        if (name == null) {
            warnings.accept("Ignoring Append_block as there is no Create_file event for file_id: " + l.fileId());
            return;
        }
        try (var w = java.nio.file.Files.newOutputStream(Path.of(name), java.nio.file.StandardOpenOption.APPEND)) {
            writeBlock(l.block(), w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to " + name, e);
        }
    }

    private static void writeBlock(MemorySegment block, java.io.OutputStream w) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(block.byteSize(), 1), 1 << 16)];
        for (long p = 0; p < block.byteSize(); p += buf.length) {
            int n = (int) Math.min(buf.length, block.byteSize() - p);
            MemorySegment.copy(block, ValueLayout.JAVA_BYTE, p, buf, 0, n);
            w.write(buf, 0, n);
        }
    }

    /** {@code Query_log_event::print}. */
    private void printQuery(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum) {
        printQueryHeader(c, ev, endLogPos, checksum, "Query");
        out.bytes(c.query().sqlBytes()).byte_('\n').ascii(DELIMITER).byte_('\n');
    }

    /** {@code Query_log_event::print_query_header}. */
    private void printQueryHeader(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum, String name) {
        QueryEventView q = c.query();
        if (!o.shortForm()) {
            header(c, ev, endLogPos, checksum);
            out.byte_('\t').ascii(name).ascii("\tthread_id=").dec(q.threadId()).ascii("\texec_time=").dec(q.execTime())
                    .ascii("\terror_code=").dec(q.errorCode());
            if (q.has(QueryEventView.Q_DDL_LOGGED_WITH_XID)) {
                out.ascii("\tXid = ").udec(q.xid());
            }
            out.byte_('\n');
        }
        byte[] qdb = q.database().getBytes(StandardCharsets.UTF_8);
        if ((c.flags() & EventFlags.SUPPRESS_USE) != 0) {
            if (!TransactionBoundary.isTransKeyword(q, TransactionBoundary.Server.MYSQL, 0)) {
                db = new byte[0];
            }
        } else if (!Arrays.equals(db, qdb)) {
            db = qdb;
            if (qdb.length > 0) {
                out.ascii("use `").bytes(new String(qdb, StandardCharsets.UTF_8).replace("`", "``")
                        .getBytes(StandardCharsets.UTF_8)).byte_('`').ascii(DELIMITER).byte_('\n');
            }
        }
        out.ascii("SET TIMESTAMP=").dec(c.timestamp());
        int micros = q.microseconds();
        if (micros > 0) {
            out.byte_('.').zeroPadded(micros, 6);
        }
        out.ascii(DELIMITER).byte_('\n');
        long tid = q.threadId();
        if (!threadIdPrinted || ((c.flags() & EventFlags.THREAD_SPECIFIC) != 0 && tid != threadId)) {
            out.ascii("SET @@session.pseudo_thread_id=").dec(o.shortForm() ? 999_999_999 : tid)
                    .ascii(DELIMITER).byte_('\n');
            threadId = tid;
            threadIdPrinted = true;
        }
        if (q.has(QueryEventView.Q_FLAGS2)) {
            long f2 = q.flags2();
            long changed = flags2Inited ? flags2 ^ f2 : 0xFFFF_FFFFL;
            flags2Inited = true;
            if (changed != 0) {
                boolean[] comma = {false};
                out.ascii("SET ");
                ClientText.setOption(out, changed, OPTION_NO_FOREIGN_KEY_CHECKS, ~f2, "@@session.foreign_key_checks", comma);
                ClientText.setOption(out, changed, OPTION_AUTO_IS_NULL, f2, "@@session.sql_auto_is_null", comma);
                ClientText.setOption(out, changed, OPTION_RELAXED_UNIQUE_CHECKS, ~f2, "@@session.unique_checks", comma);
                ClientText.setOption(out, changed, OPTION_NOT_AUTOCOMMIT, ~f2, "@@session.autocommit", comma);
                out.ascii(DELIMITER).byte_('\n');
                flags2 = f2;
            }
        }
        if (q.has(QueryEventView.Q_SQL_MODE) && (sqlMode != q.sqlMode() || !sqlModeInited)) {
            // Modes of 0x1003ff00 were removed in 8.0.5: masked out when replayed on 8.0.5+.
            out.ascii("SET @@session.sql_mode=").udec(q.sqlMode())
                    .ascii((q.sqlMode() & 0x1003ff00L) != 0 ? "/*!80005 &~0x1003ff00*/" : "").ascii(DELIMITER)
                    .byte_('\n');
            sqlMode = q.sqlMode();
            sqlModeInited = true;
        }
        long inc = q.autoIncrementIncrement();
        long off = q.autoIncrementOffset();
        if (autoIncrementIncrement != inc || autoIncrementOffset != off) {
            out.ascii("SET @@session.auto_increment_increment=").dec(inc)
                    .ascii(", @@session.auto_increment_offset=").dec(off).ascii(DELIMITER).byte_('\n');
            autoIncrementIncrement = inc;
            autoIncrementOffset = off;
        }
        if (q.has(QueryEventView.Q_CHARSET)) {
            byte[] cs = {(byte) q.charsetClient(), (byte) (q.charsetClient() >> 8), (byte) q.collationConnection(),
                    (byte) (q.collationConnection() >> 8), (byte) q.collationServer(), (byte) (q.collationServer() >> 8)};
            if (charset == null || !Arrays.equals(charset, cs)) {
                String csName = MysqlCollations.charsetName(q.charsetClient());
                if (csName != null) {
                    out.ascii("/*!\\C ").ascii(csName).ascii(" */").ascii(DELIMITER).byte_('\n');
                }
                out.ascii("SET @@session.character_set_client=").dec(q.charsetClient())
                        .ascii(",@@session.collation_connection=").dec(q.collationConnection())
                        .ascii(",@@session.collation_server=").dec(q.collationServer()).ascii(DELIMITER).byte_('\n');
                charset = cs;
            }
        }
        if (q.has(QueryEventView.Q_TIME_ZONE)) {
            byte[] tz = q.timeZone().getBytes(StandardCharsets.UTF_8);
            if (tz.length > 0 && !Arrays.equals(tz, timeZone)) {
                out.ascii("SET @@session.time_zone='").bytes(tz).byte_('\'').ascii(DELIMITER).byte_('\n');
                timeZone = tz;
            }
        }
        long lc = q.has(QueryEventView.Q_LC_TIME_NAMES) ? q.lcTimeNames() : 0;
        if (lc != lcTimeNames) {
            out.ascii("SET @@session.lc_time_names=").dec(lc).ascii(DELIMITER).byte_('\n');
            lcTimeNames = lc;
        }
        long cdb = q.has(QueryEventView.Q_CHARSET_DATABASE) ? q.charsetDatabase() : 0;
        if (cdb != charsetDatabase) {
            if (cdb != 0) {
                out.ascii("SET @@session.collation_database=").dec(cdb).ascii(DELIMITER).byte_('\n');
            } else {
                out.ascii("SET @@session.collation_database=DEFAULT").ascii(DELIMITER).byte_('\n');
            }
            charsetDatabase = cdb;
        }
        int edt = q.explicitDefaultsForTimestamp();
        if (edt >= 0) {
            out.ascii("SET @@session.explicit_defaults_for_timestamp=").dec(edt).ascii(DELIMITER).byte_('\n');
        }
        int dc = Math.max(0, q.defaultCollationForUtf8mb4());
        if (dc != defaultCollationUtf8mb4) {
            if (dc != 0) {
                out.ascii("/*!80011 SET @@session.default_collation_for_utf8mb4=").dec(dc).ascii("*/")
                        .ascii(DELIMITER).byte_('\n');
            }
            defaultCollationUtf8mb4 = dc;
        }
        // print_query_header compares these two with PRINT_EVENT_INFO's values, which stay 0xff
        // (unset): they are printed whenever the event carries them.
        int rpk = q.sqlRequirePrimaryKey() < 0 ? 0xff : q.sqlRequirePrimaryKey();
        if (rpk != sqlRequirePrimaryKey) {
            out.ascii("/*!80013 SET @@session.sql_require_primary_key=").dec(rpk).ascii("*/")
                    .ascii(DELIMITER).byte_('\n');
        }
        int dte = q.defaultTableEncryption() < 0 ? 0xff : q.defaultTableEncryption();
        if (dte != defaultTableEncryption) {
            out.ascii("/*!80016 SET @@session.default_table_encryption=").dec(dte).ascii("*/")
                    .ascii(DELIMITER).byte_('\n');
        }
    }

    /** {@code Transaction_payload_log_event::print}: the header, then every inner event through process_event. */
    private void printPayload(EventCursor c, MemorySegment ev, long endLogPos, boolean checksum, long pos) {
        TransactionPayloadEventView p = c.transactionPayload();
        if (!o.shortForm()) {
            header(c, ev, endLogPos, checksum);
            out.ascii("\tTransaction_Payload\tpayload_size=").dec(p.payloadSize()).ascii("\tcompression_type=")
                    .ascii(p.compression() == TransactionPayloadEventView.COMPRESSION_ZSTD ? "ZSTD" : "NONE")
                    .ascii("\tuncompressed_size=").dec(p.uncompressedSize()).ascii("\n# Start of compressed events!\n");
        }
        try (Arena arena = Arena.ofConfined()) {
            EventCursor inner = p.events(arena);
            while (inner.next()) {
                process(inner, endLogPos, DumpOptions.NO_STOP_POSITION, true);
            }
        }
        if (!o.shortForm()) {
            out.ascii("# End of compressed events!\n");
        }
    }

    /** {@code User_var_log_event::print} after the header. */
    private static void printUserVar(io.binlogkit.parser.UserVarEventView v, ByteSink to) {
        to.ascii("SET @`").bytes(v.name().replace("`", "``").getBytes(StandardCharsets.UTF_8)).byte_('`');
        if (v.isNull()) {
            to.ascii(":=NULL").ascii(DELIMITER).byte_('\n');
            return;
        }
        switch (v.valueType()) {
            case io.binlogkit.parser.UserVarEventView.REAL_RESULT -> to.ascii(":=").ascii(Numbers.formatG14(v.realValue()));
            case io.binlogkit.parser.UserVarEventView.INT_RESULT -> {
                to.ascii(":=");
                if (v.isUnsigned()) {
                    to.udec(v.intValue());
                } else {
                    to.dec(v.intValue());
                }
            }
            case io.binlogkit.parser.UserVarEventView.DECIMAL_RESULT ->
                    to.ascii(":=").ascii(v.decimalValue().toPlainString());
            case io.binlogkit.parser.UserVarEventView.STRING_RESULT -> {
                int cs = (int) v.charset();
                String name = MysqlCollations.charsetName(cs);
                String collation = MysqlCollations.collationName(cs);
                if (name == null || collation == null) {
                    // mysqlbinlog prints ":=???" only for ids it does not know; ours may just be missing.
                    throw new UnsupportedOperationException("user variable @" + v.name() + " has collation id " + cs
                            + ", whose MySQL name binlog dump does not know");
                }
                to.ascii(":=_").ascii(name).byte_(' ');
                MemorySegment val = v.valueBytes();
                if (val.byteSize() == 0) {
                    to.ascii("''");
                } else {
                    // str_to_hex
                    to.ascii("X'");
                    for (long i = 0; i < val.byteSize(); i++) {
                        int b = val.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                        to.byte_(HEX_UPPER[b >> 4]).byte_(HEX_UPPER[b & 0xF]);
                    }
                    to.byte_('\'');
                }
                to.ascii(" COLLATE `").ascii(collation).byte_('`');
            }
            default -> {
                // ROW_RESULT never reaches the binlog
            }
        }
        to.ascii(DELIMITER).byte_('\n');
    }

    /** {@code serialize_xid}: {@code X'gtrid',X'bqual',formatID}, lower-case hex. */
    private void serializeXid(long formatId, byte[] gtrid, byte[] bqual) {
        out.ascii("X'");
        for (byte b : gtrid) {
            out.byte_(HEX_LOWER[(b >> 4) & 0xF]).byte_(HEX_LOWER[b & 0xF]);
        }
        out.ascii("',X'");
        for (byte b : bqual) {
            out.byte_(HEX_LOWER[(b >> 4) & 0xF]).byte_(HEX_LOWER[b & 0xF]);
        }
        out.ascii("',").dec(formatId);
    }
}
