package io.binlogkit.emitter;

import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.RowCursor;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.SizePlan;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TableMapRegistry;
import io.binlogkit.parser.TransactionBoundary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * {@code binlog stats}: what a set of binlogs holds, in one pass that keeps no event: per
 * {@code database.table} the rows inserted, updated and deleted (the rows of row events, counted
 * by the parser's row walk: {@link SizePlan#SERVER}), the largest transactions (bytes, events,
 * duration), the time span and the number of events of each type.
 *
 * <p>Transactions are the parser's {@link TransactionBoundary} groups: from a GTID event (or a
 * {@code BEGIN} without one) to its Xid, {@code COMMIT}, {@code ROLLBACK} or XA_prepare; a standalone
 * MariaDB GTID or a MySQL GTID without {@code BEGIN} (DDL) covers the statement after it, and a
 * statement outside any group is a transaction of its own.
 */
public final class BinlogStats {
    /** Rows changed in one table. */
    public record TableCounts(String database, String table, long inserts, long updates, long deletes) {
        public long total() {
            return inserts + updates + deletes;
        }
    }

    /** One transaction: where it starts, its GTID (or null), size in bytes, events and time span. */
    public record Transaction(String file, long position, String gtid, long bytes, int events, long firstTimestamp,
                              long lastTimestamp) {
        public long durationSeconds() {
            return lastTimestamp - firstTimestamp;
        }
    }

    private final int top;
    private final TableMapRegistry tableMaps = new TableMapRegistry();
    private final RowCursor rowWalk = new RowCursor();
    private final Map<String, long[]> tables = new TreeMap<>();
    private final Map<EventType, Long> types = new EnumMap<>(EventType.class);
    private final PriorityQueue<Transaction> largest =
            new PriorityQueue<>(Comparator.comparingLong(Transaction::bytes));
    private long events;
    private long bytes;
    private long transactions;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private int files;

    // the open transaction
    private final TransactionBoundary boundaries = new TransactionBoundary();
    private String trxFile;
    private long trxPos;
    private String trxGtid;
    private long trxBytes;
    private int trxEvents;
    private long trxFirst;
    private long trxLast;

    /** @param top how many of the largest transactions to keep */
    public BinlogStats(int top) {
        this.top = top;
    }

    /** Adds every event of {@code file}. */
    public void add(BinlogFile file) {
        files++;
        tableMaps.clear();
        String name = file.path().getFileName().toString();
        EventCursor c = file.cursor();
        while (c.next()) {
            add(c, name);
        }
        // A transaction left open at the end of the file (in use, or cut) is not counted.
        boundaries.reset();
    }

    private void add(EventCursor c, String file) {
        EventType type = c.type();
        long ts = c.timestamp();
        events++;
        bytes += c.length();
        types.merge(type, 1L, Long::sum);
        if (ts != 0 && type != EventType.FORMAT_DESCRIPTION) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }
        switch (type) {
            case TABLE_MAP -> {
                TableMapEventView m = c.tableMap();
                tableMaps.put(m);
                if (tableMaps.attachment(m.tableId()) == null) {
                    // the name rows are counted under, kept while the same table map is resent
                    tableMaps.attach(m.tableId(), m.database() + "." + m.table());
                }
            }
            default -> {
                if (type.isRows()) {
                    RowsEventView r = c.rows();
                    Object name = tableMaps.attachment(r.tableId());
                    String t = name != null ? (String) name : "#" + r.tableId();
                    long[] n = tables.computeIfAbsent(t, k -> new long[3]);
                    n[r.isWrite() ? 0 : r.isUpdate() ? 1 : 2] +=
                            rowWalk.countRows(r, tableMaps.get(r.tableId()), SizePlan.SERVER);
                }
            }
        }
        TransactionBoundary.Step step = boundaries.next(c);
        if (step.starts()) {
            begin(file, c);
        } else if (step != TransactionBoundary.Step.OUTSIDE) {
            include(c);
        }
        if (step.ends()) {
            end();
        }
    }

    private void begin(String file, EventCursor c) {
        trxFile = file;
        trxPos = c.position();
        trxGtid = switch (c.type()) {
            case MARIADB_GTID -> c.mariaGtid().gtid();
            case GTID, GTID_TAGGED, ANONYMOUS_GTID -> c.gtid().isAnonymous() ? null : c.gtid().gtid();
            default -> null;
        };
        trxBytes = c.length();
        trxEvents = 1;
        trxFirst = c.timestamp();
        trxLast = c.timestamp();
    }

    private void include(EventCursor c) {
        trxBytes += c.length();
        trxEvents++;
        trxLast = Math.max(trxLast, c.timestamp());
    }

    private void end() {
        transactions++;
        if (top <= 0) {
            return;
        }
        if (largest.size() < top || largest.peek().bytes() < trxBytes) {
            largest.add(new Transaction(trxFile, trxPos, trxGtid, trxBytes, trxEvents, trxFirst, trxLast));
            if (largest.size() > top) {
                largest.poll();
            }
        }
    }

    /** Rows per table, by table name. */
    public List<TableCounts> tables() {
        List<TableCounts> out = new ArrayList<>();
        for (var e : tables.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String db = dot < 0 ? null : key.substring(0, dot);
            String t = dot < 0 ? key : key.substring(dot + 1);
            out.add(new TableCounts(db, t, e.getValue()[0], e.getValue()[1], e.getValue()[2]));
        }
        return out;
    }

    /** The largest transactions, largest first. */
    public List<Transaction> largestTransactions() {
        List<Transaction> out = new ArrayList<>(largest);
        out.sort(Comparator.comparingLong(Transaction::bytes).reversed().thenComparing(Transaction::file)
                .thenComparingLong(Transaction::position));
        return out;
    }

    /** Events of each type, in type-code order. */
    public Map<EventType, Long> eventsPerType() {
        return new EnumMap<>(types);
    }

    public long events() {
        return events;
    }

    public long bytes() {
        return bytes;
    }

    public long transactions() {
        return transactions;
    }

    public int files() {
        return files;
    }

    /** Earliest event timestamp (seconds since the epoch), or -1 without events. */
    public long firstTimestamp() {
        return first == Long.MAX_VALUE ? -1 : first;
    }

    /** Latest event timestamp, or -1 without events. */
    public long lastTimestamp() {
        return last == Long.MIN_VALUE ? -1 : last;
    }

    /** Writes everything as one JSON object. */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("files", files);
        g.writeNumberField("events", events);
        g.writeNumberField("bytes", bytes);
        g.writeNumberField("transactions", transactions);
        g.writeNumberField("first_timestamp", firstTimestamp());
        g.writeNumberField("last_timestamp", lastTimestamp());
        g.writeArrayFieldStart("tables");
        for (TableCounts t : tables()) {
            g.writeStartObject();
            g.writeStringField("database", t.database());
            g.writeStringField("table", t.table());
            g.writeNumberField("inserts", t.inserts());
            g.writeNumberField("updates", t.updates());
            g.writeNumberField("deletes", t.deletes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("largest_transactions");
        for (Transaction t : largestTransactions()) {
            g.writeStartObject();
            g.writeStringField("file", t.file());
            g.writeNumberField("pos", t.position());
            g.writeStringField("gtid", t.gtid());
            g.writeNumberField("bytes", t.bytes());
            g.writeNumberField("events", t.events());
            g.writeNumberField("first_timestamp", t.firstTimestamp());
            g.writeNumberField("duration_seconds", t.durationSeconds());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("events_per_type");
        for (var e : types.entrySet()) {
            g.writeNumberField(e.getKey().displayName(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
