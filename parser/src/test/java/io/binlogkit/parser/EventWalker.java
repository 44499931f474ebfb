package io.binlogkit.parser;

import java.lang.foreign.Arena;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: walks every event and opens the typed view of each one, so that every check runs. */
final class EventWalker {
    final Map<Integer, Integer> histogram = new TreeMap<>();
    long events;
    long rows;
    private final TableMapRegistry tables = new TableMapRegistry();
    private final RowCursor rowCursor = new RowCursor();

    void walk(EventCursor c) {
        while (c.next()) {
            histogram.merge(c.typeCode(), 1, Integer::sum);
            events++;
            touch(c);
        }
    }

    /** Opens the event's view, and decodes every value of row events whose table map is known. */
    void touch(EventCursor c) {
        EventType t = c.type();
        switch (t) {
            case QUERY, QUERY_COMPRESSED, EXECUTE_LOAD_QUERY -> {
                QueryEventView q = c.query();
                q.database();
                q.sql();
                q.flags2();
                q.charsetClient();
                q.timeZone();
            }
            case ROTATE -> c.rotate().nextFile();
            case FORMAT_DESCRIPTION, START_V3 -> c.formatDescriptionEvent().serverVersion();
            case XID -> c.xid().xid();
            case INTVAR -> c.intvar().value();
            case RAND -> c.rand().seed2();
            case USER_VAR -> c.userVar().name();
            case MARIADB_GTID -> c.mariaGtid().gtid();
            case GTID_LIST -> c.gtidList().count();
            case BINLOG_CHECKPOINT -> c.binlogCheckpoint().file();
            case ANNOTATE_ROWS, ROWS_QUERY -> c.rowsQuery().text();
            case GTID, ANONYMOUS_GTID, GTID_TAGGED -> c.gtid();
            case PREVIOUS_GTIDS -> c.previousGtids().gtidSet();
            case INCIDENT -> c.incident().message();
            case XA_PREPARE -> c.xaPrepare().formatId();
            case LOAD, NEW_LOAD, CREATE_FILE, APPEND_BLOCK, BEGIN_LOAD_QUERY, EXEC_LOAD, DELETE_FILE -> c.load();
            case TABLE_MAP -> tables.put(c.tableMap()).table();
            case TRANSACTION_PAYLOAD -> {
                try (Arena a = Arena.ofConfined()) {
                    EventCursor inner = c.transactionPayload().events(a);
                    while (inner.next()) {
                        touch(inner);
                    }
                }
            }
            default -> {
                if (t.isRows()) {
                    RowsEventView r = c.rows();
                    TableMapEventView tm = tables.get(r.tableId());
                    if (tm != null && tm.hasColumnMetadata()) {
                        rowCursor.wrap(r, tm);
                        while (rowCursor.next()) {
                            rows++;
                            if (!r.isWrite()) {
                                Fixtures.render(rowCursor.before());
                            }
                            if (!r.isDelete()) {
                                Fixtures.render(rowCursor.after());
                            }
                        }
                    }
                }
            }
        }
    }

    String histogramText() {
        StringBuilder sb = new StringBuilder();
        histogram.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('x').append(v));
        return sb.toString();
    }
}
