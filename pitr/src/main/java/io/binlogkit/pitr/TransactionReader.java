package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.GtidEventView;
import io.binlogkit.parser.MariaGtidEventView;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TableMapRegistry;
import io.binlogkit.parser.TransactionBoundary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks one binlog file transaction by transaction: the unit a restore applies, stops before or skips.
 * A transaction is what replication applies as one event group: a MariaDB GTID event and what follows
 * up to its Xid, {@code COMMIT}/{@code ROLLBACK} query or XA_prepare, or, for a standalone GTID (DDL,
 * non-transactional statements), up to its one statement; a MySQL GTID/anonymous GTID and a
 * {@code BEGIN}…{@code COMMIT}/Xid or one statement; in files without GTIDs, {@code BEGIN}…{@code COMMIT}
 * or one statement. Events outside any group (Format_description, Gtid_list, Binlog_checkpoint,
 * Previous_gtids, Rotate, Stop) belong to no transaction. The boundaries are the parser's
 * {@link TransactionBoundary}, which cites the servers' rules.
 *
 * <p>After {@link #next()} returned {@code false}, {@link #openTransactionStart()} tells whether the
 * file ended inside a transaction (the rest of it is in no file yet, or lost). Damage surfaces as the
 * parser's {@link io.binlogkit.parser.BinlogFormatException}, naming the file and the offset.
 */
public final class TransactionReader {
    private final EventCursor c;
    private final boolean countRows;
    private final TableMapRegistry tables = new TableMapRegistry();
    private final RowCursor rowCursor = new RowCursor().lazy(true);
    /** Rows per "db.table" of the current transaction: {inserted, updated, deleted}. */
    private final Map<String, long[]> rows = new LinkedHashMap<>();

    /** Where transactions start and end: the parser's one classification, shared with the index and the dumps. */
    private final TransactionBoundary boundaries = new TransactionBoundary();
    private long start;
    private long end;
    private String gtid;
    private long domain;
    private long sequence;
    private long gtidServerId;
    private long firstTime;
    private long lastTime;
    private int events;
    private String statement;
    private String gtidListAtStart;
    private long openStart = -1;
    private long lastEnd;

    /**
     * @param from      offset of an event to start at (the file's first event after its header: 4)
     * @param countRows whether to count the rows of row events per table (reads every rows event's rows)
     */
    public TransactionReader(BinlogFile file, long from, boolean countRows) {
        this.c = from <= BinlogFile.MAGIC_LENGTH ? file.cursor() : file.cursor(from);
        this.countRows = countRows;
        this.lastEnd = Math.max(from, BinlogFile.MAGIC_LENGTH);
    }

    /** Reads the next complete transaction; {@code false} at the end of the file. */
    public boolean next() {
        reset();
        while (c.next()) {
            EventType t = c.type();
            TransactionBoundary.Step step = boundaries.next(c);
            if (step == TransactionBoundary.Step.OUTSIDE) {
                if (t == EventType.GTID_LIST && gtidListAtStart == null) {
                    gtidListAtStart = gtidList();
                }
                lastEnd = c.nextEventOffset();
                continue;
            }
            if (step.starts()) {
                reset(); // a transaction left unfinished before this one is not one of the file's transactions
                begin(c.position());
            } else {
                events++;
                lastTime = c.timestamp();
            }
            switch (t) {
                case MARIADB_GTID -> {
                    MariaGtidEventView g = c.mariaGtid();
                    gtid = g.gtid();
                    domain = g.domainId();
                    sequence = g.sequence();
                    gtidServerId = g.serverId();
                }
                case GTID, GTID_TAGGED, ANONYMOUS_GTID -> {
                    GtidEventView g = c.gtid();
                    if (!g.isAnonymous()) {
                        gtid = g.gtid();
                    }
                }
                case QUERY, QUERY_COMPRESSED -> {
                    if (statement == null && !boundaries.statement().isMarker()) {
                        statement = c.query().sql();
                    }
                }
                case ANNOTATE_ROWS, ROWS_QUERY -> {
                    if (statement == null) {
                        statement = c.rowsQuery().text();
                    }
                }
                case TABLE_MAP -> tables.put(c.tableMap());
                default -> {
                    if (t.isRows() && countRows) {
                        count(c.rows());
                    }
                }
            }
            if (step.ends()) {
                return finish();
            }
        }
        if (boundaries.inTransaction()) {
            openStart = start;
        }
        return false;
    }

    private void count(RowsEventView r) {
        TableMapEventView tm = tables.require(r);
        long[] n = rows.computeIfAbsent(tm.database() + "." + tm.table(), k -> new long[3]);
        int op = r.isWrite() ? 0 : r.isUpdate() ? 1 : 2;
        rowCursor.wrap(r, tm);
        while (rowCursor.next()) {
            n[op]++;
        }
    }

    private String gtidList() {
        var l = c.gtidList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.count(); i++) {
            sb.append(i == 0 ? "" : ",").append(l.gtid(i));
        }
        return sb.toString();
    }

    private void reset() {
        gtid = null;
        domain = -1;
        sequence = -1;
        gtidServerId = -1;
        firstTime = 0;
        lastTime = 0;
        events = 0;
        statement = null;
        rows.clear();
    }

    private void begin(long pos) {
        start = pos;
        events = 1;
        firstTime = c.timestamp();
        lastTime = firstTime;
        gtidServerId = c.serverId();
    }

    private boolean finish() {
        end = c.nextEventOffset();
        lastEnd = end;
        return true;
    }

    /** Offset of the transaction's first event (its GTID event, or BEGIN, or its statement). */
    public long start() {
        return start;
    }

    /** Offset just after its last event: where the next event starts. */
    public long end() {
        return end;
    }

    /** Its GTID ({@code D-S-N} for MariaDB, {@code uuid:N} for MySQL), or {@code null} when it has none. */
    public String gtid() {
        return gtid;
    }

    /** MariaDB GTID domain, or -1. */
    public long domain() {
        return domain;
    }

    /** MariaDB GTID sequence number, or -1. */
    public long sequence() {
        return sequence;
    }

    /** Server id of the server that originally wrote the transaction. */
    public long serverId() {
        return gtidServerId;
    }

    /** Timestamp (epoch seconds) of its first event. */
    public long firstTime() {
        return firstTime;
    }

    /**
     * Timestamp (epoch seconds) of its last event: for a transaction its commit (the Xid or
     * {@code COMMIT} event is written at commit), for a DDL the statement's start.
     */
    public long commitTime() {
        return lastTime;
    }

    public int events() {
        return events;
    }

    /** The first statement's text (a Query, or the Annotate_rows/Rows_query of row events), or {@code null}. */
    public String statement() {
        return statement;
    }

    /** Rows of the transaction per {@code db.table}: {inserted, updated, deleted}; empty unless counting. */
    public Map<String, long[]> rows() {
        return rows;
    }

    /** The Gtid_list at the file's start ({@code D-S-N,...}), when the walk passed it. */
    public String gtidListAtStart() {
        return gtidListAtStart;
    }

    /** After {@code next()} returned false: the start of a transaction the file ends inside, or -1. */
    public long openTransactionStart() {
        return openStart;
    }

    /** End of the last whole transaction or event outside transactions read so far. */
    public long lastCompleteEnd() {
        return lastEnd;
    }
}
