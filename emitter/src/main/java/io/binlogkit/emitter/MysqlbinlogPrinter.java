package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogFormatException;
import io.binlogkit.parser.ChecksumAlgorithm;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventFlags;
import io.binlogkit.parser.EventRewriter;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.FormatDescription;
import io.binlogkit.parser.GtidListEventView;
import io.binlogkit.parser.IncidentEventView;
import io.binlogkit.parser.LoadEventView;
import io.binlogkit.parser.MariaGtidEventView;
import io.binlogkit.parser.QueryEventView;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.SizePlan;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TransactionBoundary;
import io.binlogkit.parser.UserVarEventView;
import io.binlogkit.parser.XaPrepareEventView;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.binlogkit.parser.QueryEventView.OPTION_AUTO_IS_NULL;
import static io.binlogkit.parser.QueryEventView.OPTION_EXPLICIT_DEF_TIMESTAMP;
import static io.binlogkit.parser.QueryEventView.OPTION_IF_EXISTS;
import static io.binlogkit.parser.QueryEventView.OPTION_INSERT_HISTORY;
import static io.binlogkit.parser.QueryEventView.OPTION_NOT_AUTOCOMMIT;
import static io.binlogkit.parser.QueryEventView.OPTION_NO_CHECK_CONSTRAINT_CHECKS;
import static io.binlogkit.parser.QueryEventView.OPTION_NO_FOREIGN_KEY_CHECKS;
import static io.binlogkit.parser.QueryEventView.OPTION_RELAXED_UNIQUE_CHECKS;

/**
 * Prints binary logs as {@code mariadb-binlog} (MariaDB 10.11) prints them, byte for byte: the same
 * comments, the same session-variable statements (printed only when they change: the printer is
 * stateful, like the official tool's {@code PRINT_EVENT_INFO}), the same {@code BINLOG '…'} blocks.
 * The reference is {@code client/mysqlbinlog.cc} ({@code process_event}, {@code print_row_event},
 * {@code check_header}) and {@code sql/log_event_client.cc} (the {@code print()} methods) of
 * MariaDB's 10.11 branch; comments name the function each part mirrors.
 *
 * <pre>{@code
 * MysqlbinlogPrinter p = new MysqlbinlogPrinter(options, new ByteSink(System.out));
 * p.begin();
 * for (int i = 0; i < files.size() && p.dump(files.get(i), i == 0, i == files.size() - 1); i++) { }
 * p.end();
 * }</pre>
 *
 * <p>Streaming: text goes straight into the {@link ByteSink}; the events of a row statement, which
 * the official tool holds in three caches until the statement's last event, are held here as their
 * offsets in the mapped file and printed from the mapping, so memory stays flat whatever the size of
 * a statement. Every event is {@linkplain ByteSink#commit() committed} once its text is complete: when
 * an event turns out to be damaged, the output holds complete events only and the
 * {@link BinlogFormatException} propagates.
 *
 * <p>Only files written by MariaDB are supported; a MySQL-written file is refused with
 * {@link UnsupportedOperationException} (MySQL's {@code mysqlbinlog} prints differently).
 */
public final class MysqlbinlogPrinter {
    /** The delimiter {@code mariadb-binlog} sets for the whole dump. */
    private static final String DELIMITER = "/*!*/;";
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code opt_binlog_rows_event_max_encoded_size}: above it a statement's base64 is split in two
     * {@code @binlog_fragment} variables ({@code copy_cache_to_file_wrapped}).
     */
    private static final long MAX_ENCODED_SIZE = 1L << 30;

    private enum Status { CONTINUE, STOP }

    private final DumpOptions o;
    /** Where text goes now: {@link #main}, or the flashback store while an event's text is captured. */
    private ByteSink out;
    private final ByteSink main;
    private final RowsRenderer renderer;
    /** {@code -v} count, 0 with {@code --short-form} (which turns it off). */
    private final int verbosity;
    private final Consumer<String> warnings;
    private final LocalTimestamps time;
    private final HexDump hexDump = new HexDump();
    private final Base64Text base64 = new Base64Text();
    private final String localLoadDir;
    private final boolean printRowCount;
    private final boolean printPositions;
    /** The byte rewrites of BINLOG blocks and hex dumps (uncompressed, flashback, --rewrite-db). */
    private final EventRewriter rewriter = new EventRewriter();
    /** {@code --database} as bytes, or null. */
    private final byte[] databaseFilter;
    /** The reversed text of {@code --flashback}, or null. */
    private final FlashbackStore flashback;
    /** The parser's row walk: {@code # Number of rows} and the rows {@code --flashback} reverses (table maps: the renderer's). */
    private final RowCursor rowWalk = new RowCursor();
    /** Measures a row of the event {@link #inverse} reverses, as {@link #rowWalk} was prepared for it. */
    private final EventRewriter.RowImageSizer flashbackSizer = (data, p, end) -> rowWalk.imageLength(data, p, end, false);
    /** The row events of the current statement (events_in_stmt) and the flags flashback gives them. */
    private final LongList stmtEvents = new LongList();
    private final LongList stmtFlags = new LongList();
    private byte[] stopEventText;

    // ---- state kept across files (globals of mysqlbinlog.cc) -----------------------------------
    private long recCount;
    private long offsetLeft;
    private long startDatetime;
    /**
     * The kept Annotate_rows event (annotate_event): it is printed with a later Table_map.
     * {@code annotateLength} is -1 when none is kept. It is kept by its position in the current
     * file ({@code annotateAt} >= 0), so that statements of hundreds of KB are copied once, from
     * the mapping to the output; one still kept when its file ends is copied into {@code annotate}
     * ({@code annotateAt} = -1), as it may be printed with a Table_map of the next file.
     */
    private byte[] annotate = new byte[0];
    private int annotateLength = -1;
    private long annotateAt = -1;
    /** The format description in force where the kept Annotate_rows event was read. */
    private FormatDescription annotateFormat;
    private final Map<Long, String> loadFiles = new HashMap<>();
    private long lastPosition;
    private long lastDatetime = -1;
    private boolean begun;

    // ---- state of the current file (PRINT_EVENT_INFO) ---------------------------------------------
    private BinlogFile file;
    private EventCursor aux;
    private FormatDescription auxFormat;
    private final byte[] db = new byte[512];
    private int dbLength;
    private final byte[] charset = new byte[6];
    private boolean charsetInited;
    private byte[] timeZone = new byte[0];
    private long lcTimeNames;
    private long charsetDatabase;
    private long threadId;
    private boolean threadIdPrinted;
    private long flags2;
    private boolean flags2Inited;
    private long sqlMode;
    private boolean sqlModeInited;
    private long autoIncrementIncrement;
    private long autoIncrementOffset;
    private long gtidServerId;
    private long gtidDomainId;
    private boolean serverIdPrinted;
    private boolean domainIdPrinted;
    private boolean allowParallel;
    private boolean allowParallelPrinted;
    private int skipReplication;
    private boolean printedFdEvent;
    private int gtidFlags2;
    private long rowEvents;
    private boolean foundRowEvent;
    private final Set<Long> ignoredTables = new HashSet<>();
    private long hexdumpFrom;
    /**
     * The head cache: row event headers (their offsets, >= 0) and text chunks (annotations,
     * {@code -(index + 1)} into {@link #headChunks}) waiting for the end of the statement.
     */
    private final LongList head = new LongList();
    private final ByteSink headText = new ByteSink(null);
    private final LongList headChunks = new LongList();
    /** The body cache: events whose base64 goes into the statement's BINLOG block. */
    private final LongList body = new LongList();
    /** The tail cache: row events whose {@code ###} decoding follows the BINLOG block. */
    private final LongList tail = new LongList();
    /** The tail cache of {@code --flashback}: row events whose inverse is decoded after the block. */
    private final LongList invertedTail = new LongList();
    private final ByteSink scratch = new ByteSink(null);

    /** A printer with the counting-only row renderer (no {@code -v}) and warnings to standard error. */
    public MysqlbinlogPrinter(DumpOptions options, ByteSink out) {
        this(options, out, RowsRenderer.countingOnly(), w -> System.err.println("WARNING: " + w));
    }

    /**
     * @param renderer decodes row events for {@code -v}; {@link RowsRenderer#countingOnly()} without it
     * @param warnings receives the messages {@code mariadb-binlog} prints as {@code WARNING: …}
     * @throws UnsupportedOperationException for options this version cannot honour
     */
    public MysqlbinlogPrinter(DumpOptions options, ByteSink out, RowsRenderer renderer, Consumer<String> warnings) {
        this.o = options;
        this.out = out;
        this.main = out;
        this.renderer = renderer;
        // mysqlbinlog.cc: print_event_info->verbose= short_form ? 0 : verbose
        this.verbosity = options.shortForm() ? 0 : options.verbosity();
        this.warnings = warnings;
        this.time = new LocalTimestamps(options.zone());
        if (options.verbosity() > 0 && !options.shortForm() && !renderer.canPrintVerbose()) {
            throw new UnsupportedOperationException(
                    "-v / --verbose is not available yet: it needs the row decoder, which this build lacks");
        }
        this.flashback = options.flashback() ? new FlashbackStore() : null;
        this.databaseFilter = options.database() == null ? null : options.database().getBytes(StandardCharsets.UTF_8);
        this.offsetLeft = options.offset();
        this.startDatetime = options.startDatetime();
        this.printRowCount = options.printRowCount();
        this.printPositions = options.printRowEventPositions();
        String dir;
        if (options.localLoadDir() != null) {
            dir = options.localLoadDir().toString();
        } else {
            String tmp = System.getenv("TMPDIR");
            dir = tmp != null && !tmp.isEmpty() ? tmp : "/tmp";
        }
        // convert_dirname(): the directory ends with a slash.
        this.localLoadDir = dir.endsWith("/") ? dir : dir + "/";
    }

    /**
     * Prints {@code files} with {@code options} to {@code out}, from the opening lines to the closing
     * ones: what {@code mariadb-binlog [options] files…} prints.
     */
    public static void dump(List<Path> files, DumpOptions options, OutputStream out) throws IOException {
        ByteSink sink = new ByteSink(out);
        MysqlbinlogPrinter p = new MysqlbinlogPrinter(options, sink);
        p.begin();
        for (int i = 0; i < files.size(); i++) {
            if (!p.dump(files.get(i), i == 0, i == files.size() - 1)) {
                break;
            }
        }
        p.end();
        sink.flush();
    }

    // ---- the frame --------------------------------------------------------------------------------

    /** Prints the opening lines (session settings for the {@code mariadb} client). */
    public void begin() {
        out.ascii("/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=1*/;\n");
        out.ascii("/*!40019 SET @@session.max_delayed_threads=0*/;\n");
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
        out.commit();
        begun = true;
    }

    /** Prints the closing lines: a ROLLBACK for a half-written last transaction, settings restored. */
    public void end() {
        if (!begun) {
            throw new IllegalStateException("end() without begin()");
        }
        if (flashback != null) {
            // The events' text, last first, then the closing of the reversed first transaction.
            flashback.writeReversed(out);
            flashback.close();
            out.ascii("COMMIT\n/*!*/;\n");
            if (stopEventText != null) {
                out.bytes(stopEventText);
            }
            out.ascii("DELIMITER ;\n");
        }
        out.ascii("# End of log file\nROLLBACK /* added by mysqlbinlog */;\n"
                + "/*!50003 SET COMPLETION_TYPE=@OLD_COMPLETION_TYPE*/;\n");
        if (o.disableLogBin()) {
            out.ascii("/*!32316 SET SQL_LOG_BIN=@OLD_SQL_LOG_BIN*/;\n");
        }
        if (o.setCharset() != null) {
            out.ascii("/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n"
                    + "/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;\n"
                    + "/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;\n");
        }
        out.ascii("/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;\n");
        if (!o.serverIds().isEmpty()) {
            // A GTID event filter (--server-id is one) restores the ids the dump changed.
            out.ascii("/*!100001 SET @@SESSION.SERVER_ID=@@GLOBAL.SERVER_ID */;\n"
                    + "/*!100001 SET @@SESSION.GTID_DOMAIN_ID=@@GLOBAL.GTID_DOMAIN_ID */;\n");
        }
        out.commit();
        if (o.stopDatetimeGiven() && o.stopDatetime() > lastDatetime) {
            warnings.accept("Did not reach stop datetime '" + o.stopDatetimeText() + "' before end of input");
        }
        if (o.stopPosition() != DumpOptions.NO_STOP_POSITION && o.stopPosition() > lastPosition) {
            warnings.accept("Did not reach stop position " + o.stopPosition() + " before end of input");
        }
    }

    /**
     * Prints one file ({@code dump_log_entries}): {@code --start-position} applies when it is the first
     * of the list, {@code --stop-position} when it is the last.
     *
     * @return false when a stop position or datetime was reached: print no further file
     * @throws BinlogFormatException when the file is damaged; the output then ends with the last
     *                               complete event
     */
    public boolean dump(BinlogFile binlog, boolean first, boolean last) {
        out.ascii("DELIMITER /*!*/;\n");
        out.commit();
        return dumpAfterDelimiter(binlog, first, last);
    }

    /**
     * Opens and prints one file, like {@link #dump(BinlogFile, boolean, boolean)}; as in
     * {@code mariadb-binlog}, the {@code DELIMITER} line is printed before the file is opened, so that
     * a missing file leaves the same output.
     */
    public boolean dump(Path path, boolean first, boolean last) throws IOException {
        out.ascii("DELIMITER /*!*/;\n");
        out.commit();
        try (BinlogFile binlog = BinlogFile.open(path)) {
            return dumpAfterDelimiter(binlog, first, last);
        } catch (IOException | RuntimeException e) {
            out.flush();
            throw e;
        }
    }

    private boolean dumpAfterDelimiter(BinlogFile binlog, boolean first, boolean last) {
        try {
            return dumpEvents(binlog, first, last);
        } finally {
            keepAnnotateBytes(binlog);
        }
    }

    /** Copies a kept Annotate_rows event out of the file before the file goes. */
    private void keepAnnotateBytes(BinlogFile binlog) {
        if (annotateLength >= 0 && annotateAt >= 0) {
            EventCursor a = binlog.cursor().verifyChecksums(false).moveTo(annotateAt); // verified once already
            MemorySegment ev = a.eventBytes();
            if (annotate.length < annotateLength) {
                annotate = new byte[annotateLength];
            }
            MemorySegment.copy(ev, ValueLayout.JAVA_BYTE, 0, annotate, 0, annotateLength);
        }
        annotateAt = -1;
    }

    private boolean dumpEvents(BinlogFile binlog, boolean first, boolean last) {
        if (!binlog.formatDescription().isMariaDb() && binlog.formatDescription().binlogVersion() >= 4) {
            throw new UnsupportedOperationException(binlog.path() + " was written by MySQL "
                    + binlog.formatDescription().serverVersion()
                    + "; binlog dump prints MariaDB-written files only for now");
        }
        long start = first ? o.startPosition() : DumpOptions.FIRST_EVENT;
        long stop = last ? o.stopPosition() : DumpOptions.NO_STOP_POSITION;
        resetFileState(binlog);
        EventCursor c = binlog.cursor();
        c.verifyChecksums(o.verifyChecksums());
        Status st = Status.CONTINUE;
        try {
            if (start > DumpOptions.FIRST_EVENT) {
                // check_header(): before --start-position only the format description matters; it is
                // printed when base64 output is on, Rotate events are read and dropped.
                while (c.nextEventOffset() < start && st == Status.CONTINUE && c.next()) {
                    if (c.type() == EventType.FORMAT_DESCRIPTION) {
                        if (o.base64Output() == Base64Output.AUTO) {
                            st = process(c, stop);
                        }
                    } else if (c.type() != EventType.ROTATE) {
                        break;
                    }
                }
                if (st == Status.CONTINUE) {
                    if (start >= binlog.size()) {
                        c.seek(binlog.size());
                    } else {
                        c.seek(start);
                    }
                }
            }
            while (st == Status.CONTINUE && c.next()) {
                st = process(c, stop);
            }
            if (c.endedAtPartialEvent()) {
                // An in-use file may end inside an event: like mariadb-binlog, treat it as the end.
                warnings.accept(binlog.path() + " is in use; stopped before its partial last event at offset "
                        + c.partialEventOffset());
            }
        } catch (RuntimeException e) {
            out = main;
            out.discardUncommitted();
            out.flush();
            if (flashback != null) {
                flashback.close();
            }
            throw e;
        }
        if (flashback == null) {
            out.ascii("DELIMITER ;\n");
        }
        out.commit();
        out.maybeFlush();
        file = null;
        aux = null;
        return st == Status.CONTINUE;
    }

    /** Offset just past the last event printed or skipped ({@code last_processed_ev.position}). */
    public long lastProcessedPosition() {
        return lastPosition;
    }

    /** Timestamp of the last event processed, -1 before the first. */
    public long lastProcessedTimestamp() {
        return lastDatetime;
    }

    private void resetFileState(BinlogFile binlog) {
        file = binlog;
        aux = null;
        dbLength = 0;
        charsetInited = false;
        Arrays.fill(charset, (byte) 0);
        timeZone = new byte[0];
        lcTimeNames = 0xFFFF_FFFFL;
        charsetDatabase = -1;
        threadId = 0;
        threadIdPrinted = false;
        flags2 = 0;
        flags2Inited = false;
        sqlMode = 0;
        sqlModeInited = false;
        autoIncrementIncrement = 0;
        autoIncrementOffset = 0;
        gtidServerId = 0;
        gtidDomainId = 0;
        serverIdPrinted = false;
        domainIdPrinted = false;
        allowParallel = true;
        allowParallelPrinted = false;
        skipReplication = 0;
        printedFdEvent = false;
        gtidFlags2 = 0;
        rowEvents = 0;
        foundRowEvent = false;
        ignoredTables.clear();
        head.clear();
        headText.truncate(0);
        headChunks.clear();
        body.clear();
        tail.clear();
        invertedTail.clear();
        renderer.reset();
        stmtEvents.clear();
        stmtFlags.clear();
    }

    // ---- process_event ---------------------------------------------------------------------------

    private Status process(EventCursor c, long stop) {
        EventType type = c.type();
        long pos = c.position();
        long when = c.timestamp();
        Status st = Status.CONTINUE;
        boolean counted = true;
        if ((recCount >= offsetLeft && when >= startDatetime) || type == EventType.FORMAT_DESCRIPTION) {
            boolean skip = false;
            if (type != EventType.FORMAT_DESCRIPTION) {
                // "We have found an event after start_datetime, from now on print everything"
                startDatetime = 0;
                offsetLeft = 0;
                if (type != EventType.ROTATE && type != EventType.UNKNOWN && serverIdExcluded(c.serverId())) {
                    skip = true;
                }
            }
            if (!skip) {
                if ((o.stopDatetimeGiven() && when >= o.stopDatetime()) || pos >= stop) {
                    st = Status.STOP;
                } else {
                    if (printPositions) {
                        out.ascii("# at ").dec(pos).byte_('\n');
                    }
                    hexdumpFrom = o.hexdump() ? pos : 0;
                    printEvent(c, type);
                }
            }
        }
        if (counted) {
            recCount++;
        }
        if (type != EventType.FORMAT_DESCRIPTION && !(type == EventType.ROTATE && when == 0)) {
            lastPosition = pos + c.length();
            lastDatetime = when;
        }
        out.commit();
        out.maybeFlush();
        return st;
    }

    private boolean serverIdExcluded(long serverId) {
        return !o.serverIds().isEmpty() && !o.serverIds().contains(serverId);
    }

    private void printEvent(EventCursor c, EventType type) {
        MemorySegment ev = c.eventBytes();
        switch (type) {
            case QUERY, QUERY_COMPRESSED -> {
                QueryEventView q = c.query();
                int flags = c.flags();
                if (!isTransKeyword(q)) {
                    if (shallSkipDatabase(ev, q.databaseOffset() - c.position(), q.databaseLength())) {
                        return;
                    }
                } else {
                    // "In case the event for one of these statements is obtained from binary log 5.0,
                    // make it compatible with 5.1"
                    flags |= EventFlags.SUPPRESS_USE;
                }
                printUseStatement(ev, q, c.position(), flags);
                printSkipReplication(c.flags());
                long entry = beginCapture();
                printQuery(c, ev, q, flags, null);
                endCapture(entry);
            }
            case EXECUTE_LOAD_QUERY -> {
                QueryEventView q = c.query();
                String fname = loadFiles.remove(q.fileId());
                if (!shallSkipDatabase(ev, q.databaseOffset() - c.position(), q.databaseLength())) {
                    printUseStatement(ev, q, c.position(), c.flags());
                    if (fname != null) {
                        printSkipReplication(c.flags());
                        printQuery(c, ev, q, c.flags(), fname);
                    } else {
                        warnings.accept("Ignoring Execute_load_query since there is no Begin_load_query event for file_id: "
                                + q.fileId());
                    }
                }
            }
            case APPEND_BLOCK -> {
                printLoadBlockHeader(c, ev, "Append_block");
                appendLoadBlock(c.load());
            }
            case BEGIN_LOAD_QUERY -> {
                printLoadBlockHeader(c, ev, "Begin_load_query");
                beginLoadFile(c.load());
            }
            case FORMAT_DESCRIPTION -> printFormatDescription(c, ev);
            case ANNOTATE_ROWS -> {
                if (!o.skipAnnotateRowEvents()) {
                    // Kept until a Table_map is printed: the row events may all be filtered away.
                    annotateAt = c.position();
                    annotateLength = (int) ev.byteSize();
                    annotateFormat = c.format();
                }
            }
            case TABLE_MAP -> printTableMap(c, ev);
            default -> {
                if (type.isRows()) {
                    printRows(c, ev);
                } else {
                    printSkipReplication(c.flags());
                    boolean captured = type == EventType.XID || type == EventType.MARIADB_GTID
                            || type == EventType.XA_PREPARE;
                    if (flashback != null && type == EventType.STOP) {
                        // Its text is printed after the reversed events (stop_event_string).
                        ByteSink saved = out;
                        out = new ByteSink(null);
                        printOther(c, ev, type);
                        stopEventText = out.toByteArray();
                        out = saved;
                    } else if (captured) {
                        long entry = beginCapture();
                        printOther(c, ev, type);
                        endCapture(entry);
                    } else {
                        printOther(c, ev, type);
                    }
                }
            }
        }
    }

    private void printOther(EventCursor c, MemorySegment ev, EventType type) {
        boolean shortForm = o.shortForm();
        switch (type) {
            case ROTATE -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                var r = c.rotate();
                out.ascii("\tRotate to ").utf8(r.nextFile()).ascii("  pos: ").dec(r.nextPosition()).byte_('\n');
            }
            case BINLOG_CHECKPOINT -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                out.ascii("\tBinlog checkpoint ").utf8(c.binlogCheckpoint().file()).byte_('\n');
            }
            case GTID_LIST -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                printGtidList(c.gtidList());
            }
            case INTVAR -> {
                clearHead();
                if (!shortForm) {
                    header(c, ev);
                    out.ascii("\tIntvar\n");
                }
                var v = c.intvar();
                out.ascii("SET ").ascii(v.variableName()).byte_('=').dec(v.value()).ascii(DELIMITER).byte_('\n');
            }
            case RAND -> {
                clearHead();
                if (!shortForm) {
                    header(c, ev);
                    out.ascii("\tRand\n");
                }
                var r = c.rand();
                out.ascii("SET @@RAND_SEED1=").dec(r.seed1()).ascii(", @@RAND_SEED2=").dec(r.seed2())
                        .ascii(DELIMITER).byte_('\n');
            }
            case XID -> {
                clearHead();
                if (!shortForm) {
                    header(c, ev);
                    out.ascii("\tXid = ").udec(c.xid().xid()).byte_('\n');
                }
                out.ascii(flashback != null ? "START TRANSACTION" : "COMMIT").ascii(DELIMITER).byte_('\n');
            }
            case USER_VAR -> {
                clearHead();
                if (!shortForm) {
                    header(c, ev);
                    out.ascii("\tUser_var\n");
                }
                printUserVar(c.userVar());
            }
            case MARIADB_GTID -> {
                clearHead();
                printGtid(c, ev, c.mariaGtid());
            }
            case XA_PREPARE -> {
                clearHead();
                XaPrepareEventView x = c.xaPrepare();
                if (!shortForm) {
                    header(c, ev);
                    out.ascii("\tXID = ");
                    xid(x.formatId(), x.gtrid(), x.bqual());
                    out.byte_('\n');
                }
                out.ascii("XA PREPARE ");
                xid(x.formatId(), x.gtrid(), x.bqual());
                out.byte_('\n').ascii(DELIMITER).byte_('\n');
            }
            case STOP -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                out.ascii("\tStop\n");
            }
            case INCIDENT -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                int incident = c.incident().incident();
                out.ascii("\n# Incident: ").ascii(incident == IncidentEventView.LOST_EVENTS ? "LOST_EVENTS" : "NOTHING")
                        .ascii("\nRELOAD DATABASE; # Shall generate syntax error\n");
            }
            case DELETE_FILE -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                out.ascii("\n#Delete_file: file_id=").dec(c.load().fileId()).byte_('\n');
            }
            case START_ENCRYPTION -> {
                clearHead();
                var s = c.startEncryption();
                out.ascii("# Encryption scheme: ").dec(s.scheme()).ascii(", key_version: ").dec(s.keyVersion())
                        .ascii(", nonce: ");
                MemorySegment nonce = s.nonce();
                for (int i = 0; i < nonce.byteSize(); i++) {
                    int b = nonce.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                    out.byte_(HEX_UPPER[b >> 4]).byte_(HEX_UPPER[b & 0xF]);
                }
                out.ascii("\n# The rest of the binlog is encrypted!\n");
            }
            default -> {
                if (shortForm) {
                    return;
                }
                clearHead();
                header(c, ev);
                out.ascii("\n# Unknown event\n");
            }
        }
    }

    // ---- headers ---------------------------------------------------------------------------------

    /** {@code Log_event::print_header} for the cursor's current event. */
    private void header(EventCursor c, MemorySegment ev) {
        header(c, ev, hexdumpFrom, out);
    }

    /**
     * {@code Log_event::print_header} of the cursor's event: {@code #yymmdd hh:mm:ss server id N
     * end_log_pos N } and, when the file has checksums, {@code CRC32 0x%08x }; with {@code --hexdump}
     * the dump follows and the line that the caller completes starts with {@code # Event: }. The dump
     * shows {@code dumped}: the event's bytes, or their rewrite for compressed row events (the official
     * tool dumps them uncompressed, but prints the stored checksum).
     */
    private void header(EventCursor c, MemorySegment dumped, long hexFrom, ByteSink to) {
        to.byte_('#');
        time.append(c.timestamp(), to);
        to.ascii(" server id ").dec(c.serverId()).ascii("  end_log_pos ").dec(c.logPosition()).byte_(' ');
        if (c.format().checksum() == ChecksumAlgorithm.CRC32) {
            to.ascii("CRC32 0x");
            long v = c.storedChecksum();
            for (int shift = 28; shift >= 0; shift -= 4) {
                to.byte_(HEX_LOWER[(int) (v >>> shift) & 0xF]);
            }
            to.byte_(' ');
        }
        if (hexFrom != 0) {
            to.byte_('\n');
            hexDump.append(dumped, c.format().headerLength(), hexFrom, to);
            to.ascii("# Event: ");
        }
    }

    // ---- Format_description --------------------------------------------------------------------

    /** {@code Format_description_log_event::print}. */
    private void printFormatDescription(EventCursor c, MemorySegment ev) {
        clearHead();
        var fd = c.formatDescriptionEvent();
        int flags = c.flags();
        long created = fd.createTimestamp();
        if (!o.shortForm()) {
            header(c, ev);
            out.ascii("\tStart: binlog v ").dec(fd.binlogVersion()).ascii(", server v ").ascii(fd.serverVersion())
                    .ascii(" created ");
            time.append(c.timestamp(), out);
            if (created != 0) {
                out.ascii(" at startup");
            }
            out.byte_('\n');
            if ((flags & EventFlags.BINLOG_IN_USE) != 0) {
                out.ascii("# Warning: this binlog is either in use or was not closed properly.\n");
            }
        }
        if ((flags & EventFlags.ARTIFICIAL) == 0 && created != 0) {
            // Like a replica after a crash: roll back what the crashed server left open.
            out.ascii("ROLLBACK").ascii(DELIMITER).byte_('\n');
        }
        if (o.base64Output() != Base64Output.NEVER && !o.shortForm()) {
            boolean encoded = o.base64Output() != Base64Output.DECODE_ROWS;
            if (encoded) {
                out.ascii("BINLOG '\n");
                base64.encode(ev, 0, ev.byteSize(), out);
                out.byte_('\n');
                out.byte_('\'').ascii(DELIMITER).byte_('\n');
            }
            printedFdEvent = true;
        }
        if (!o.forceIfOpen() && (flags & EventFlags.BINLOG_IN_USE) != 0) {
            throw new BinlogFormatException(file.path(), c.position(), "binlog state", "closed by the server",
                    "still in use or not closed properly (rerun without --skip-force-if-open)");
        }
    }

    // ---- Query ----------------------------------------------------------------------------------

    /** {@code Query_log_event::is_trans_keyword(is_xa)}, XA as the last GTID event printed says. */
    private boolean isTransKeyword(QueryEventView q) {
        return TransactionBoundary.isTransKeyword(q, TransactionBoundary.Server.MARIADB, gtidFlags2);
    }

    /** {@code shall_skip_database}: a {@code --database} filter that names another database. */
    private boolean shallSkipDatabase(MemorySegment ev, long off, int len) {
        return databaseFilter != null && !sameBytes(ev, off, len, databaseFilter);
    }

    private boolean sameDatabase(MemorySegment ev, long off, int len) {
        return len == dbLength && sameBytes(ev, off, db, len);
    }

    private void rememberDatabase(MemorySegment ev, long off, int len) {
        MemorySegment.copy(ev, ValueLayout.JAVA_BYTE, off, db, 0, Math.min(len, db.length));
        dbLength = Math.min(len, db.length);
    }

    /**
     * {@code print_use_stmt}: with a {@code --rewrite-db} rule for the statement's database, prints
     * {@code use `to`} itself and remembers the original name, so that the event prints no {@code use}.
     */
    private void printUseStatement(MemorySegment ev, QueryEventView q, long pos, int flags) {
        if (o.rewriteDb().isEmpty() || (flags & EventFlags.SUPPRESS_USE) != 0) {
            return;
        }
        long off = q.databaseOffset() - pos;
        int len = q.databaseLength();
        if (sameDatabase(ev, off, len)) {
            return;
        }
        String to = o.rewriteDb().get(new String(ev.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE),
                StandardCharsets.UTF_8));
        if (to == null) {
            return;
        }
        out.ascii("use ");
        backquoted(to.getBytes(StandardCharsets.UTF_8));
        out.ascii(DELIMITER).byte_('\n');
        rememberDatabase(ev, off, len);
    }

    /** {@code print_skip_replication_statement}: printed when the flag changes. */
    private void printSkipReplication(int eventFlags) {
        int cur = (eventFlags & EventFlags.SKIP_REPLICATION) != 0 ? 1 : 0;
        if (cur == skipReplication) {
            return;
        }
        out.ascii("/*!50521 SET skip_replication=").dec(cur).ascii("*/").ascii(DELIMITER).byte_('\n');
        skipReplication = cur;
    }

    /**
     * {@code Query_log_event::print} (and {@code Execute_load_query_log_event::print} when
     * {@code localFile} is given): the header, the session state that changed, the statement.
     */
    private void printQuery(EventCursor c, MemorySegment ev, QueryEventView q, int flags, String localFile) {
        clearHead();
        printQueryHeader(c, ev, q, flags);
        MemorySegment sql = q.sqlBytes();
        int gtidFlags3 = q.gtidFlags3();
        if (localFile != null) {
            long start = q.fileNameStart();
            long end = q.fileNameEnd();
            out.bytes(sql, 0, start).ascii(" LOCAL INFILE ");
            ClientText.prettyQuoted(out, localFile.getBytes(StandardCharsets.UTF_8));
            if (q.dupHandling() == QueryEventView.LOAD_DUP_REPLACE) {
                out.ascii(" REPLACE");
            }
            out.ascii(" INTO").bytes(sql, end, sql.byteSize() - end).byte_('\n').ascii(DELIMITER).byte_('\n');
            if (!o.shortForm()) {
                out.ascii("# file_id: ").dec(q.fileId()).ascii(" \n");
            }
        } else if (flashback == null && gtidFlags3 > 0 && (gtidFlags3 & (QueryEventView.FL_START_ALTER_E1
                | QueryEventView.FL_COMMIT_ALTER_E1 | QueryEventView.FL_ROLLBACK_ALTER_E1)) != 0) {
            // The two-phase ALTER of binlog_alter_two_phase is printed in base64, the START and
            // ROLLBACK parts as comments.
            boolean encoded = o.base64Output() == Base64Output.AUTO && !o.shortForm();
            boolean comment = encoded && (gtidFlags3 & (QueryEventView.FL_START_ALTER_E1
                    | QueryEventView.FL_ROLLBACK_ALTER_E1)) != 0;
            if (comment) {
                out.ascii("/*!100600 ");
            }
            if (encoded) {
                out.ascii("BINLOG '\n");
                base64.encode(ev, 0, ev.byteSize(), out);
                out.byte_('\n');
                out.ascii(comment ? "' */" : "'").ascii(DELIMITER).byte_('\n');
            }
            if (o.verbosity() > 0 && !o.shortForm()) {
                out.ascii("### ").bytes(sql).byte_('\n');
            }
        } else if (flashback != null) {
            // Flashback keeps only the transaction boundaries, swapped.
            TransactionBoundary.Statement st = TransactionBoundary.statement(sql, TransactionBoundary.Server.MARIADB);
            if (st == TransactionBoundary.Statement.BEGIN) {
                out.ascii("COMMIT\n").ascii(DELIMITER).byte_('\n');
            } else if (st == TransactionBoundary.Statement.COMMIT) {
                out.ascii("START TRANSACTION\n").ascii(DELIMITER).byte_('\n');
            }
        } else {
            out.bytes(sql).byte_('\n').ascii(DELIMITER).byte_('\n');
        }
    }

    /** {@code Query_log_event::print_query_header}. */
    private void printQueryHeader(EventCursor c, MemorySegment ev, QueryEventView q, int flags) {
        if (!o.shortForm()) {
            header(c, ev);
            String name = switch (c.type()) {
                case QUERY_COMPRESSED -> "Query_compressed";
                case EXECUTE_LOAD_QUERY -> "Execute_load_query";
                default -> "Query";
            };
            long xid = q.xid();
            out.byte_('\t').ascii(name).ascii("\tthread_id=").dec(q.threadId()).ascii("\texec_time=")
                    .dec(q.execTime()).ascii("\terror_code=").dec(q.errorCode()).ascii("\txid=")
                    .udec(xid < 0 && !q.has(QueryEventView.Q_XID) ? 0 : xid).byte_('\n');
        }
        long dbOff = q.databaseOffset() - c.position();
        int dbLen = q.databaseLength();
        if ((flags & EventFlags.SUPPRESS_USE) != 0) {
            if (!isTransKeyword(q)) {
                dbLength = 0;
            }
        } else if (!sameDatabase(ev, dbOff, dbLen)) {
            rememberDatabase(ev, dbOff, dbLen);
            if (dbLen > 0) {
                out.ascii("use ");
                backquoted(ev, dbOff, dbLen);
                out.ascii(DELIMITER).byte_('\n');
            }
        }
        out.ascii("SET TIMESTAMP=").dec(c.timestamp());
        int micros = q.microseconds();
        if (micros > 0 && micros <= 999_999) {
            out.byte_('.').zeroPadded(micros, 6);
        }
        out.ascii(DELIMITER).byte_('\n');
        long tid = q.threadId();
        if (!threadIdPrinted || ((c.flags() & EventFlags.THREAD_SPECIFIC) != 0 && tid != threadId)) {
            // --short-form prints a fixed value so that outputs compare equal.
            out.ascii("SET @@session.pseudo_thread_id=").dec(o.shortForm() ? 999_999_999 : tid)
                    .ascii(DELIMITER).byte_('\n');
            threadId = tid;
            threadIdPrinted = true;
        }
        if (q.has(QueryEventView.Q_FLAGS2)) {
            long f2 = q.flags2();
            long changed;
            if (flags2Inited) {
                changed = flags2 ^ f2;
            } else {
                flags2Inited = true;
                changed = 0xFFFF_FFFFL;
            }
            if (changed != 0) {
                long mask = optionsWrittenToBinlog(c.format());
                boolean[] comma = {false};
                out.ascii("SET ");
                ClientText.setOption(out, changed, OPTION_NO_FOREIGN_KEY_CHECKS, ~f2, "@@session.foreign_key_checks", comma);
                ClientText.setOption(out, changed, OPTION_AUTO_IS_NULL, f2, "@@session.sql_auto_is_null", comma);
                ClientText.setOption(out, changed, OPTION_RELAXED_UNIQUE_CHECKS, ~f2, "@@session.unique_checks", comma);
                ClientText.setOption(out, changed, OPTION_NOT_AUTOCOMMIT, ~f2, "@@session.autocommit", comma);
                ClientText.setOption(out, changed, OPTION_NO_CHECK_CONSTRAINT_CHECKS, ~f2, "@@session.check_constraint_checks",
                        comma);
                ClientText.setOption(out, changed, mask & OPTION_IF_EXISTS, f2, "@@session.sql_if_exists", comma);
                ClientText.setOption(out, changed, mask & OPTION_EXPLICIT_DEF_TIMESTAMP, f2,
                        "@@session.explicit_defaults_for_timestamp", comma);
                ClientText.setOption(out, changed, mask & OPTION_INSERT_HISTORY, f2, "@@session.system_versioning_insert_history",
                        comma);
                out.ascii(DELIMITER).byte_('\n');
                flags2 = f2;
            }
        }
        if (q.has(QueryEventView.Q_SQL_MODE) && (sqlMode != q.sqlMode() || !sqlModeInited)) {
            out.ascii("SET @@session.sql_mode=").udec(q.sqlMode()).ascii(DELIMITER).byte_('\n');
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
        long csAt = q.statusValueOffset(QueryEventView.Q_CHARSET);
        if (csAt >= 0) {
            long rel = csAt - c.position();
            if (!charsetInited || !sameBytes(ev, rel, charset)) {
                int client = u16(ev, rel);
                String name = Charsets.name(client);
                if (name != null) {
                    out.ascii("/*!\\C ").ascii(name).ascii(" */").ascii(DELIMITER).byte_('\n');
                } else {
                    out.ascii("# Ignored (Unknown charset) ");
                }
                out.ascii("SET @@session.character_set_client=").ascii(name != null ? name : "Unknown")
                        .ascii(",@@session.collation_connection=").dec(u16(ev, rel + 2))
                        .ascii(",@@session.collation_server=").dec(u16(ev, rel + 4)).ascii(DELIMITER).byte_('\n');
                MemorySegment.copy(ev, ValueLayout.JAVA_BYTE, rel, charset, 0, 6);
                charsetInited = true;
            }
        }
        long tzAt = q.statusValueOffset(QueryEventView.Q_TIME_ZONE);
        if (tzAt >= 0) {
            long rel = tzAt - c.position();
            int len = ev.get(ValueLayout.JAVA_BYTE, rel) & 0xFF;
            if (len > 0 && !sameBytes(ev, rel + 1, len, timeZone)) {
                timeZone = ev.asSlice(rel + 1, len).toArray(ValueLayout.JAVA_BYTE);
                out.ascii("SET @@session.time_zone='").bytes(timeZone).byte_('\'').ascii(DELIMITER).byte_('\n');
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
    }

    /**
     * {@code Format_description_log_event::deduct_options_written_to_bin_log}: which Q_FLAGS2 bits the
     * writing server logs. MySQL and MariaDB before 10.5.2 log the four classic ones; sql_if_exists
     * came with 10.5.2, explicit_defaults_for_timestamp with 10.5.17 / 10.6.9 / 10.7.5 / 10.8.4 /
     * 10.9.2 / 10.10, system_versioning_insert_history with 10.11.
     */
    static long optionsWrittenToBinlog(FormatDescription fd) {
        long mask = OPTION_AUTO_IS_NULL | OPTION_NOT_AUTOCOMMIT | OPTION_NO_FOREIGN_KEY_CHECKS
                | OPTION_RELAXED_UNIQUE_CHECKS | OPTION_NO_CHECK_CONSTRAINT_CHECKS;
        int[] v = fd.versionSplit();
        if (!fd.isMariaDb() || v[0] == 0 || !fd.versionAtLeast(10, 5, 2)) {
            return mask;
        }
        mask |= OPTION_IF_EXISTS;
        if (v[0] == 10) {
            int[] since = {99, 99, 99, 99, 99, 17, 9, 5, 4, 2};
            if (v[1] < 10 && v[2] < since[v[1]]) {
                return mask;
            }
        }
        mask |= OPTION_EXPLICIT_DEF_TIMESTAMP;
        if (fd.versionAtLeast(10, 11, 0)) {
            mask |= OPTION_INSERT_HISTORY;
        }
        return mask;
    }

    // ---- User_var, GTID, XID ----------------------------------------------------------------------

    /** {@code User_var_log_event::print}. */
    private void printUserVar(UserVarEventView v) {
        out.ascii("SET @");
        backquoted(v.name().getBytes(StandardCharsets.UTF_8));
        if (v.isNull()) {
            out.ascii(":=NULL").ascii(DELIMITER).byte_('\n');
            return;
        }
        switch (v.valueType()) {
            case UserVarEventView.REAL_RESULT -> out.ascii(":=").ascii(Numbers.formatG14(v.realValue()));
            case UserVarEventView.INT_RESULT -> {
                out.ascii(":=");
                if (v.isUnsigned()) {
                    out.udec(v.intValue());
                } else {
                    out.dec(v.intValue());
                }
            }
            case UserVarEventView.DECIMAL_RESULT -> out.ascii(":=").ascii(v.decimalValue().toPlainString());
            case UserVarEventView.STRING_RESULT -> {
                int cs = (int) v.charset();
                String name = Charsets.name(cs);
                if (name == null) {
                    out.ascii(":=???").ascii(DELIMITER).byte_('\n');
                    return;
                }
                out.ascii(":=_").ascii(name).ascii(" X'");
                MemorySegment val = v.valueBytes();
                for (long i = 0; i < val.byteSize(); i++) {
                    int b = val.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                    out.byte_(HEX_UPPER[b >> 4]).byte_(HEX_UPPER[b & 0xF]);
                }
                out.ascii("' COLLATE `").ascii(Charsets.collation(cs)).byte_('`');
            }
            default -> {
                // ROW_RESULT never reaches the binlog (DBUG_ASSERT(0) in the server).
            }
        }
        out.ascii(DELIMITER).byte_('\n');
    }

    /** {@code Gtid_log_event::print}. */
    private void printGtid(EventCursor c, MemorySegment ev, MariaGtidEventView g) {
        int flags = g.flags();
        if (!o.shortForm() && flashback == null) {
            header(c, ev);
            out.ascii("\tGTID ").dec(g.domainId()).byte_('-').dec(g.serverId()).byte_('-').udec(g.sequence());
            if ((flags & MariaGtidEventView.FL_GROUP_COMMIT_ID) != 0) {
                out.ascii(" cid=").udec(g.commitId());
            }
            if ((flags & MariaGtidEventView.FL_DDL) != 0) {
                out.ascii(" ddl");
            }
            if ((flags & MariaGtidEventView.FL_TRANSACTIONAL) != 0) {
                out.ascii(" trans");
            }
            if ((flags & MariaGtidEventView.FL_WAITED) != 0) {
                out.ascii(" waited");
            }
            out.byte_('\n');
            boolean parallel = (flags & MariaGtidEventView.FL_ALLOW_PARALLEL) != 0;
            if (!allowParallelPrinted || allowParallel != parallel) {
                out.ascii("/*M!100101 SET @@session.skip_parallel_replication=").dec(parallel ? 0 : 1)
                        .ascii("*/").ascii(DELIMITER).byte_('\n');
                allowParallel = parallel;
                allowParallelPrinted = true;
            }
            if (!domainIdPrinted || gtidDomainId != g.domainId()) {
                out.ascii("/*M!100001 SET @@session.gtid_domain_id=").dec(g.domainId()).ascii("*/")
                        .ascii(DELIMITER).byte_('\n');
                gtidDomainId = g.domainId();
                domainIdPrinted = true;
            }
            if (!serverIdPrinted || gtidServerId != g.serverId()) {
                out.ascii("/*M!100001 SET @@session.server_id=").dec(g.serverId()).ascii("*/").ascii(DELIMITER)
                        .byte_('\n');
                gtidServerId = g.serverId();
                serverIdPrinted = true;
            }
            out.ascii("/*M!100001 SET @@session.gtid_seq_no=").udec(g.sequence()).ascii("*/").ascii(DELIMITER)
                    .byte_('\n');
        }
        if ((flags & MariaGtidEventView.FL_PREPARED_XA) != 0 && flashback == null) {
            out.ascii("XA START ");
            xid(g.xidFormatId(), g.xidGtrid(), g.xidBqual());
            out.ascii(DELIMITER).byte_('\n');
        } else if ((flags & MariaGtidEventView.FL_STANDALONE) == 0) {
            out.ascii(flashback != null ? "COMMIT\n" : "START TRANSACTION\n").ascii(DELIMITER).byte_('\n');
        }
        gtidFlags2 = flags;
    }

    /** {@code XID::serialize}: {@code X'gtrid',X'bqual',formatID}. */
    private void xid(long formatId, byte[] gtrid, byte[] bqual) {
        out.ascii("X'");
        for (byte b : gtrid) {
            out.byte_(HEX_LOWER[(b >> 4) & 0xF]).byte_(HEX_LOWER[b & 0xF]);
        }
        out.ascii("',X'");
        for (byte b : bqual) {
            out.byte_(HEX_LOWER[(b >> 4) & 0xF]).byte_(HEX_LOWER[b & 0xF]);
        }
        out.ascii("',").dec((int) formatId);
    }

    /** {@code Gtid_list_log_event::print}: sorted by domain, then sequence number. */
    private void printGtidList(GtidListEventView l) {
        int n = l.count();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int d = Long.compare(l.domainId(a), l.domainId(b));
            return d != 0 ? d : Long.compareUnsigned(l.sequence(a), l.sequence(b));
        });
        out.ascii("\tGtid list [");
        for (int k = 0; k < n; k++) {
            int i = order[k];
            out.dec(l.domainId(i)).byte_('-').dec(l.serverId(i)).byte_('-').udec(l.sequence(i));
            if (k < n - 1) {
                out.ascii(",\n# ");
            }
        }
        out.ascii("]\n");
    }

    // ---- LOAD DATA -----------------------------------------------------------------------------

    /** {@code Append_block_log_event::print} (also for Begin_load_query). */
    private void printLoadBlockHeader(EventCursor c, MemorySegment ev, String name) {
        if (o.shortForm()) {
            return;
        }
        clearHead();
        header(c, ev);
        LoadEventView l = c.load();
        out.ascii("\n#").ascii(name).ascii(": file_id: ").dec(l.fileId()).ascii("  block_len: ")
                .dec(l.block().byteSize()).byte_('\n');
    }

    /**
     * {@code Load_log_processor::process_first_event}: writes the first block of a LOAD DATA to
     * {@code <dir>/SQL_LOAD_MB-<file_id>-<n>} (hex, n the first free number), for the
     * {@code LOAD DATA LOCAL INFILE} that the Execute_load_query event becomes.
     */
    private void beginLoadFile(LoadEventView l) {
        long fileId = l.fileId();
        String base = localLoadDir + "SQL_LOAD_MB-" + Long.toHexString(fileId);
        for (int version = 0; version < 1000; version++) {
            String name = base + "-" + Integer.toHexString(version);
            try (var w = Files.newOutputStream(Path.of(name), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writeBlock(l.block(), w);
                loadFiles.put(fileId, name);
                return;
            } catch (FileAlreadyExistsException e) {
                // try the next number
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + name + " for LOAD DATA (see --local-load)", e);
            }
        }
        throw new UncheckedIOException(new IOException("Could not construct local filename " + base));
    }

    /** {@code Load_log_processor::process(Append_block_log_event*)}. */
    private void appendLoadBlock(LoadEventView l) {
        String name = loadFiles.get(l.fileId());
        if (name == null) {
            warnings.accept("Ignoring Append_block as there is no Create_file event for file_id: " + l.fileId());
            return;
        }
        try (var w = Files.newOutputStream(Path.of(name), StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            writeBlock(l.block(), w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + name, e);
        }
    }

    private static void writeBlock(MemorySegment block, OutputStream w) throws IOException {
        byte[] buf = new byte[(int) Math.min(block.byteSize(), 1 << 16)];
        for (long p = 0; p < block.byteSize(); p += buf.length) {
            int n = (int) Math.min(buf.length, block.byteSize() - p);
            MemorySegment.copy(block, ValueLayout.JAVA_BYTE, p, buf, 0, n);
            w.write(buf, 0, n);
        }
    }

    // ---- row events -------------------------------------------------------------------------------

    /** The TABLE_MAP_EVENT case of {@code process_event} and {@code Table_map_log_event::print}. */
    private void printTableMap(EventCursor c, MemorySegment ev) {
        TableMapEventView map = c.tableMap();
        if ((o.database() != null && !o.database().equals(map.database()))
                || (o.table() != null && !o.table().equals(map.table()))) {
            ignoredTables.add(map.tableId());
            return;
        }
        printAnnotate();
        requireFormatDescription(c);
        String database = map.database();
        String rewritten = o.rewriteDb().get(database);
        if (rewritten != null) {
            database = rewritten;
        }
        if (!o.shortForm()) {
            flushHead();
            header(c, ev);
            out.ascii("\tTable_map: ");
            backquoted(database.getBytes(StandardCharsets.UTF_8));
            out.byte_('.');
            backquoted(map.table().getBytes(StandardCharsets.UTF_8));
            out.ascii(" mapped to number ").udec(map.tableId());
            if ((map.tableFlags() & TableMapEventView.TM_BIT_HAS_TRIGGERS_F) != 0) {
                out.ascii(" (has triggers)");
            }
            out.byte_('\n');
        }
        if (!o.shortForm() || printRowCount) {
            if (encodeRows()) {
                body.add(c.position());
            }
            if (verbosity > 0 || printRowCount || flashback != null) {
                renderer.tableMap(map);
            }
            flushHead();
        }
        if (flashback != null) {
            stmtEvents.clear();
            stmtFlags.clear();
        }
    }

    /** Whether row events go into BINLOG statements ({@code do_print_encoded} of {@code print_helper}). */
    private boolean encodeRows() {
        return o.base64Output() == Base64Output.AUTO && !o.shortForm();
    }

    /**
     * The static {@code print_base64} of {@code mysqlbinlog.cc}: row events are safe to print in
     * base64 only after a Format_description event was.
     */
    private void requireFormatDescription(EventCursor c) {
        if (!printedFdEvent && !o.shortForm() && o.base64Output() == Base64Output.AUTO) {
            throw new BinlogFormatException(file.path(), c.position(), "Format_description event",
                    "printed before any " + c.type().displayName() + " event",
                    "none (malformed binlog: it does not contain any Format_description_log_event)");
        }
    }

    /** {@code print_annotate_event}: the kept Annotate_rows event goes into the head cache. */
    private void printAnnotate() {
        if (annotateLength < 0) {
            return;
        }
        int n = annotateLength;
        annotateLength = -1;
        if (annotateAt >= 0 && hexdumpFrom == 0) {
            // rendered by flushHead straight from the mapping (a negative chunk: ~position)
            headChunks.add(~annotateAt);
        } else {
            EventCursor a = annotateAt >= 0 ? auxAt(annotateAt)
                    : EventCursor.of(null, MemorySegment.ofArray(annotate).asSlice(0, n), annotateFormat)
                            .verifyChecksums(false).moveTo(0);
            int chunkStart = headText.position();
            renderAnnotate(a, headText);
            headChunks.add(((long) chunkStart << 32) | (headText.position() - chunkStart));
        }
        annotateAt = -1;
        head.add(-headChunks.size());
    }

    /** {@code Annotate_rows_log_event::print} of the cursor's event. */
    private void renderAnnotate(EventCursor a, ByteSink to) {
        if (!o.shortForm()) {
            header(a, a.eventBytes(), hexdumpFrom, to);
            to.ascii("\tAnnotate_rows:\n");
        } else {
            to.ascii("# Annotate_rows:\n");
        }
        MemorySegment text = a.rowsQuery().textBytes();
        to.queryLines(text, 0, text.byteSize());
    }

    /** The row-event cases of {@code process_event}, {@code print_row_event} and {@code print_helper}. */
    private void printRows(EventCursor c, MemorySegment ev) {
        RowsEventView rows = c.rows();
        boolean stmtEnd = rows.isStatementEnd();
        if (!foundRowEvent) {
            foundRowEvent = true;
            rowEvents = 0;
        }
        boolean skip = ignoredTables.contains(rows.tableId());
        if (flashback != null) {
            // print_row_event: the statement's last event will be printed first, so it loses
            // STMT_END_F, and the first one, printed last, gets it. Filtered tables are not spared.
            int flags = rows.rowsFlags();
            if (stmtEnd) {
                flags &= ~RowsEventView.STMT_END_F;
            }
            if (stmtEvents.isEmpty()) {
                flags |= RowsEventView.STMT_END_F;
            }
            stmtEvents.add(c.position());
            stmtFlags.add(flags);
        }
        if (stmtEnd) {
            ignoredTables.clear();
            // A kept annotation whose row events were all filtered away is dropped here.
            annotateLength = -1;
            annotateAt = -1;
            if (skip) {
                // The statement's last event is filtered: flush what the caches hold, without the
                // BINLOG opener (as mariadb-binlog does).
                if (!body.isEmpty()) {
                    flushHead();
                    flushBodyRaw();
                    out.byte_('\'').ascii(DELIMITER).byte_('\n');
                } else {
                    flushHead();
                }
                flushTail();
            }
        }
        if (!skip) {
            if (flashback != null) {
                if (stmtEnd) {
                    // mariadb-binlog has printed this event's "# at" line when it gives up on a row
                    // it cannot reverse: keep it too.
                    out.commit();
                    printFlashbackStatement(c.position());
                    if (printRowCount) {
                        out.ascii("# Number of rows: ").dec(rowEvents).byte_('\n');
                    }
                    rowEvents = 0;
                }
            } else {
                requireFormatDescription(c);
                if (!o.shortForm()) {
                    head.add(c.position());
                }
                if (!o.shortForm() || printRowCount) {
                    if (encodeRows()) {
                        body.add(c.position());
                    }
                    if (verbosity > 0) {
                        // print_verbose counts the rows as it prints them (flushTail)
                        tail.add(c.position());
                    } else {
                        rowEvents += rowWalk.countRows(rows, renderer.table(rows.tableId()), SizePlan.MARIADB_COUNT);
                    }
                }
                if (stmtEnd) {
                    flushHead();
                    flushBodyWrapped(encodeRows());
                    flushTail();
                    if (printRowCount) {
                        out.ascii("# Number of rows: ").dec(rowEvents).byte_('\n');
                    }
                    rowEvents = 0;
                }
            }
        }
        if (stmtEnd) {
            foundRowEvent = false;
        }
    }

    // ---- flashback -------------------------------------------------------------------------------

    /** Starts capturing an event's text for the reversed output (output_buf); returns the entry. */
    private long beginCapture() {
        if (flashback == null) {
            return -1;
        }
        long entry = flashback.begin();
        out = flashback.sink;
        return entry;
    }

    private void endCapture(long entry) {
        if (flashback == null) {
            return;
        }
        flashback.end(entry);
        out = main;
    }

    /**
     * The flashback branch of {@code print_row_event}: the statement's row events, last first, each
     * turned into its inverse ({@code Log_event::print_base64} with {@code is_flashback}), as one
     * entry of the reversed output.
     */
    private void printFlashbackStatement(long current) {
        long entry = beginCapture();
        // The head cache is flushed when the statement's block is; nothing is written in between, so
        // flushing it first and then writing each header straight into the entry keeps the order
        // without holding the headers (with --hexdump, several times the statement's size) in memory.
        flushHead();
        boolean encode = encodeRows();
        LongList printed = new LongList();
        for (int i = stmtEvents.size() - 1; i >= 0; i--) {
            long pos = stmtEvents.get(i);
            int flags = (int) stmtFlags.get(i);
            EventCursor a = auxAt(pos);
            requireFormatDescription(a);
            RowsEventView r = a.rows();
            // made even when not printed: a damaged compressed event fails here, as in mariadb-binlog
            MemorySegment base = rewriter.withRowsFlags(a, flags);
            if (!o.shortForm()) {
                header(a, base, o.hexdump() ? current : 0, out);
                String name;
                if (r.isCompressed()) {
                    name = r.isWrite() ? "Write_compressed_rows" : r.isUpdate() ? "Update_compressed_rows"
                            : "Delete_compressed_rows";
                } else {
                    name = r.isWrite() ? "Delete_rows" : r.isUpdate() ? "Update_rows" : "Write_rows";
                }
                out.byte_('\t').ascii(name).ascii(": table id ").udec(r.tableId());
                if ((flags & RowsEventView.STMT_END_F) != 0) {
                    out.ascii(" flags: STMT_END_F");
                }
                out.byte_('\n');
                out.commit();
                out.maybeFlush();
            }
            if (!o.shortForm() || printRowCount) {
                MemorySegment inverse = inverse(a, flags);
                if (encode) {
                    printed.add(i);
                }
                if (verbosity > 0) {
                    invertedTail.add(pos);
                } else {
                    rowEvents += rowWalk.measure(r, renderer.table(r.tableId()), SizePlan.MARIADB_COUNT)
                            .countRows(inverse, rewriter.rowsOffset(), rewriter.rowsEnd(), r.isDelete());
                }
            }
            if ((flags & RowsEventView.STMT_END_F) != 0) {
                flushFlashbackBody(encode, printed);
                printed.clear();
                flushTail();
            }
        }
        endCapture(entry);
        stmtEvents.clear();
        stmtFlags.clear();
    }

    /** The statement's BINLOG block in flashback: its table maps, then the inverted row events. */
    private void flushFlashbackBody(boolean wrap, LongList printed) {
        if (!wrap) {
            flushBodyRaw();
            return;
        }
        long size = 0;
        for (int i = 0; i < body.size(); i++) {
            size += Base64Text.encodedLength(encodedEventLength(body.get(i))) + 1;
        }
        for (int k = 0; k < printed.size(); k++) {
            int i = (int) printed.get(k);
            size += Base64Text.encodedLength(encodedEventLength(stmtEvents.get(i))) + 1;
        }
        if (4 + 11 + size + 5 > MAX_ENCODED_SIZE) {
            throw new UnsupportedOperationException("--flashback of a statement over 1 GiB of base64");
        }
        out.ascii("\nBINLOG '\n");
        for (int i = 0; i < body.size(); i++) {
            encodeEvent(body.get(i), out);
        }
        body.clear();
        for (int k = 0; k < printed.size(); k++) {
            int i = (int) printed.get(k);
            MemorySegment inverse = inverse(auxAt(stmtEvents.get(i)), (int) stmtFlags.get(i));
            base64.encode(inverse, 0, inverse.byteSize(), out);
            out.byte_('\n');
            out.commit();
            out.maybeFlush();
        }
        out.byte_('\'').ascii(DELIMITER).byte_('\n');
    }

    /**
     * {@code Rows_log_event::change_to_flashback_event} of the row event with the statement-end flag
     * {@code flags}: the rewriter reverses it, measuring the rows as mariadb-binlog 10.11 does, with
     * {@code print_verbose_one_row()}, whose value printer knows GEOMETRY and the compressed columns
     * (unlike the row count's walker), and an update's after image with the before image's column
     * bitmap: a minimal-image update cannot be reversed ("Error row length: 0").
     */
    private MemorySegment inverse(EventCursor a, int flags) {
        RowsEventView r = a.rows();
        TableMapEventView table = renderer.table(r.tableId());
        if (table == null) {
            return rewriter.flashback(a, flags, null);
        }
        rowWalk.measure(r, table, SizePlan.MARIADB_FLASHBACK);
        return rewriter.flashback(a, flags, flashbackSizer);
    }

    /** Drops the head cache, as a {@code Write_on_release_cache} on it does. */
    private void clearHead() {
        head.clear();
        headText.truncate(0);
        headChunks.clear();
    }

    /** {@code copy_event_cache_to_file_and_reinit(head)}. */
    private void flushHead() {
        for (int i = 0; i < head.size(); i++) {
            long item = head.get(i);
            if (item >= 0) {
                printRowsHeader(item);
                out.commit();
                out.maybeFlush();
            } else {
                long chunk = headChunks.get((int) (-item - 1));
                if (chunk < 0) {
                    renderAnnotate(auxAt(~chunk), out);
                    continue;
                }
                int start = (int) (chunk >>> 32);
                int len = (int) chunk;
                out.bytes(headText.buffer(), start, len);
            }
        }
        clearHead();
    }

    private void printRowsHeader(long pos) {
        EventCursor a = auxAt(pos);
        RowsEventView rows = a.rows();
        MemorySegment dumped = o.hexdump() ? rewriter.uncompressed(a) : null;
        header(a, dumped, o.hexdump() ? pos : 0, out);
        String name;
        if (rows.isCompressed()) {
            name = rows.isWrite() ? "Write_compressed_rows" : rows.isUpdate() ? "Update_compressed_rows"
                    : "Delete_compressed_rows";
        } else {
            name = rows.isWrite() ? "Write_rows" : rows.isUpdate() ? "Update_rows" : "Delete_rows";
        }
        out.byte_('\t').ascii(name).ascii(": table id ").udec(rows.tableId());
        if (rows.isStatementEnd()) {
            out.ascii(" flags: STMT_END_F");
        }
        out.byte_('\n');
    }

    /** The event at {@code pos} of the current file, on the reused cursor (its CRC32 was verified when first read). */
    private EventCursor auxAt(long pos) {
        if (aux == null) {
            aux = file.cursor().verifyChecksums(false);
        }
        return aux.moveTo(pos);
    }

    /**
     * {@code copy_cache_to_file_wrapped}: the statement's BINLOG block, split in two when huge. The
     * first pass measures (and so decodes every compressed event: a damaged one fails before any of
     * the block is written); the second streams, committing event by event so that memory stays flat
     * however large the statement.
     */
    private void flushBodyWrapped(boolean wrap) {
        if (!wrap) {
            flushBodyRaw();
            return;
        }
        long size = 0;
        for (int i = 0; i < body.size(); i++) {
            size += Base64Text.encodedLength(encodedEventLength(body.get(i))) + 1;
        }
        if (4 + 11 + size + 5 > MAX_ENCODED_SIZE) {
            long split = size / 2 + 1;
            out.ascii("\nSET @binlog_fragment_0 ='\n");
            long written = 0;
            for (int i = 0; i < body.size(); i++) {
                scratch.truncate(0);
                encodeEvent(body.get(i), scratch);
                byte[] text = scratch.toByteArray();
                int n = text.length;
                if (written < split && written + n >= split) {
                    int first = (int) (split - written);
                    out.bytes(text, 0, first);
                    out.ascii("\n'").ascii(DELIMITER).ascii("\nSET @binlog_fragment_1 ='\n");
                    out.bytes(text, first, n - first);
                } else {
                    out.bytes(text, 0, n);
                }
                written += n;
                out.commit();
                out.maybeFlush();
            }
            out.byte_('\'').ascii(DELIMITER).byte_('\n');
            out.ascii("BINLOG @binlog_fragment_0, @binlog_fragment_1").ascii(DELIMITER).byte_('\n');
        } else {
            out.ascii("\nBINLOG '\n");
            for (int i = 0; i < body.size(); i++) {
                encodeEvent(body.get(i), out);
                out.commit();
                out.maybeFlush();
            }
            out.byte_('\'').ascii(DELIMITER).byte_('\n');
        }
        body.clear();
    }

    private void flushBodyRaw() {
        for (int i = 0; i < body.size(); i++) {
            encodeEvent(body.get(i), out);
            out.commit();
            out.maybeFlush();
        }
        body.clear();
    }

    private void flushTail() {
        for (int i = 0; i < tail.size(); i++) {
            EventCursor a = auxAt(tail.get(i));
            rowEvents += renderer.printVerbose(a.rows(), verbosity, out);
            out.commit();
            out.maybeFlush();
        }
        tail.clear();
        for (int i = 0; i < invertedTail.size(); i++) {
            EventCursor a = auxAt(invertedTail.get(i));
            rowEvents += renderer.printVerboseInverted(a.rows(), verbosity, out);
        }
        invertedTail.clear();
    }

    /**
     * Length of the event as {@code print_base64} encodes it (compressed row events grow). Measuring
     * inflates a compressed event (so that a damaged one fails before any of its block is written);
     * the rewriter keeps what it inflated for {@link #encodeEvent}.
     */
    private long encodedEventLength(long pos) {
        return encodedForm(auxAt(pos)).byteSize();
    }

    /** {@code Log_event::print_base64}: the event's bytes in base64 and a newline. */
    private void encodeEvent(long pos, ByteSink to) {
        MemorySegment ev = encodedForm(auxAt(pos));
        base64.encode(ev, 0, ev.byteSize(), to);
        to.byte_('\n');
    }

    /**
     * The bytes {@code print_base64} encodes: the event uncompressed ({@code row_log_event_uncompress}),
     * a Table_map with the database of {@code --rewrite-db} ({@code Table_map_log_event::rewrite_db}),
     * or the event as stored.
     */
    private MemorySegment encodedForm(EventCursor a) {
        if (a.type() == EventType.TABLE_MAP && !o.rewriteDb().isEmpty()) {
            String to = o.rewriteDb().get(a.tableMap().database());
            if (to != null) {
                return rewriter.withDatabase(a, to.getBytes(StandardCharsets.UTF_8));
            }
        }
        return rewriter.uncompressed(a);
    }

    // ---- small writers ---------------------------------------------------------------------------

    /** {@code %`s}: a backquoted identifier with backquotes doubled. */
    private void backquoted(byte[] name) {
        out.byte_('`');
        for (byte b : name) {
            if (b == '`') {
                out.byte_('`');
            }
            out.byte_(b);
        }
        out.byte_('`');
    }

    private void backquoted(MemorySegment ev, long off, int len) {
        out.byte_('`');
        for (int i = 0; i < len; i++) {
            byte b = ev.get(ValueLayout.JAVA_BYTE, off + i);
            if (b == '`') {
                out.byte_('`');
            }
            out.byte_(b);
        }
        out.byte_('`');
    }

    /** Whether the {@code n} bytes at {@code off} equal the first {@code n} of {@code b}. */
    private static boolean sameBytes(MemorySegment ev, long off, byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (ev.get(ValueLayout.JAVA_BYTE, off + i) != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(MemorySegment ev, long off, byte[] b) {
        return sameBytes(ev, off, b, b.length);
    }

    private static boolean sameBytes(MemorySegment ev, long off, int len, byte[] b) {
        return len == b.length && sameBytes(ev, off, b, len);
    }

    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static int u16(MemorySegment s, long off) {
        return s.get(LE_SHORT, off) & 0xFFFF;
    }
}
