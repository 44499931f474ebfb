package io.binlogkit.emitter;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import io.binlogkit.parser.GtidListEventView;
import io.binlogkit.parser.MariaGtidEventView;
import io.binlogkit.parser.QueryEventView;
import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;
import io.binlogkit.parser.TransactionBoundary;
import io.binlogkit.parser.UserVarEventView;
import io.binlogkit.parser.XaPrepareEventView;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code binlog dump --format json}: one JSON object per event, one per line, written with Jackson's
 * streaming generator (no tree per event). The same range and filter options as the text output
 * apply ({@code --start/stop-position}, {@code --start/stop-datetime}, {@code --offset},
 * {@code --server-id}, {@code --database}, {@code --table}); the fields are documented in
 * {@code emitter/README-dump.md}.
 *
 * <p>Row events carry their table, operation and row count; the row values come from the
 * {@link RowsRenderer} when it can write them ({@link RowsRenderer#canWriteJson()}), and are
 * {@code null} otherwise. As for the text output, a damaged event stops the dump after the last
 * complete object and its {@link io.binlogkit.parser.BinlogFormatException} propagates.
 */
public final class JsonEventWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final DumpOptions o;
    private final ByteSink sink;
    private final JsonGenerator g;
    private final RowsRenderer renderer;
    private long recCount;
    private long offsetLeft;
    private long startDatetime;
    /** Table id to "db.table" of the table maps seen in the current file. */
    private final Set<Long> ignoredTables = new HashSet<>();
    private byte[] text = new byte[256];

    public JsonEventWriter(DumpOptions options, ByteSink out, RowsRenderer renderer) {
        this.o = options;
        this.sink = out;
        this.renderer = renderer;
        this.offsetLeft = options.offset();
        this.startDatetime = options.startDatetime();
        try {
            this.g = new JsonFactory().createGenerator(new SinkStream(out), JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // JSON lines: each object ends with a newline written by the writer, no other separator.
        g.setRootValueSeparator(null);
    }

    /** An OutputStream over the sink whose flush does not drain it (the writer commits per event). */
    private static final class SinkStream extends OutputStream {
        private final ByteSink sink;

        SinkStream(ByteSink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            sink.byte_(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sink.bytes(b, off, len);
        }
    }

    /**
     * Writes the events of one file; {@code --start-position} applies when it is the first of the
     * list, {@code --stop-position} when it is the last.
     *
     * @return false when the stop position or datetime was reached
     */
    public boolean dump(Path path, boolean first, boolean last) throws IOException {
        try (BinlogFile f = BinlogFile.open(path)) {
            return dump(f, first, last);
        }
    }

    public boolean dump(BinlogFile file, boolean first, boolean last) {
        long start = first ? o.startPosition() : DumpOptions.FIRST_EVENT;
        long stop = last ? o.stopPosition() : DumpOptions.NO_STOP_POSITION;
        ignoredTables.clear();
        renderer.reset();
        EventCursor c = file.cursor();
        c.verifyChecksums(o.verifyChecksums());
        String name = file.path().getFileName().toString();
        try {
            if (start > DumpOptions.FIRST_EVENT) {
                // Read the format description(s) before the start; then jump.
                while (c.nextEventOffset() < start && c.next()) {
                    if (c.type() != EventType.FORMAT_DESCRIPTION && c.type() != EventType.ROTATE) {
                        break;
                    }
                }
                c.seek(Math.min(start, file.size()));
            }
            while (c.next()) {
                long pos = c.position();
                long when = c.timestamp();
                EventType type = c.type();
                boolean counted = recCount >= offsetLeft && when >= startDatetime;
                recCount++;
                if (!counted && type != EventType.FORMAT_DESCRIPTION) {
                    continue;
                }
                if (type != EventType.FORMAT_DESCRIPTION) {
                    startDatetime = 0;
                    offsetLeft = 0;
                }
                if ((o.stopDatetimeGiven() && when >= o.stopDatetime()) || pos >= stop) {
                    return false;
                }
                if (type != EventType.ROTATE && type != EventType.FORMAT_DESCRIPTION && !o.serverIds().isEmpty()
                        && !o.serverIds().contains(c.serverId())) {
                    continue;
                }
                if (!passesDatabaseFilter(c, type)) {
                    continue;
                }
                event(c, name, type);
                g.flush();
                sink.commit();
                sink.maybeFlush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            sink.discardUncommitted();
            sink.flush();
            throw e;
        }
        return true;
    }

    /** Flushes what is buffered. */
    public void end() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.commit();
        sink.flush();
    }

    private boolean passesDatabaseFilter(EventCursor c, EventType type) {
        if (o.database() == null && o.table() == null) {
            return true;
        }
        switch (type) {
            case QUERY, QUERY_COMPRESSED, EXECUTE_LOAD_QUERY -> {
                return o.database() == null || o.database().equals(c.query().database());
            }
            case TABLE_MAP -> {
                TableMapEventView m = c.tableMap();
                boolean pass = (o.database() == null || o.database().equals(m.database()))
                        && (o.table() == null || o.table().equals(m.table()));
                if (!pass) {
                    ignoredTables.add(m.tableId());
                }
                return pass;
            }
            default -> {
                if (type.isRows()) {
                    return !ignoredTables.contains(c.rows().tableId());
                }
                return true;
            }
        }
    }

    private void event(EventCursor c, String file, EventType type) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", file);
        g.writeNumberField("pos", c.position());
        g.writeNumberField("end_log_pos", c.logPosition());
        g.writeNumberField("timestamp", c.timestamp());
        g.writeStringField("time", Instant.ofEpochSecond(c.timestamp()).toString());
        g.writeStringField("type", type.displayName());
        g.writeNumberField("type_code", c.typeCode());
        g.writeNumberField("server_id", c.serverId());
        g.writeNumberField("length", c.length());
        g.writeNumberField("flags", c.flags());
        switch (type) {
            case FORMAT_DESCRIPTION -> {
                var fd = c.formatDescriptionEvent();
                g.writeNumberField("binlog_version", fd.binlogVersion());
                g.writeStringField("server_version", fd.serverVersion());
                g.writeNumberField("created", fd.createTimestamp());
                g.writeStringField("checksum", c.format().checksum().name());
                g.writeBooleanField("in_use", (c.flags() & 1) != 0);
            }
            case QUERY, QUERY_COMPRESSED, EXECUTE_LOAD_QUERY -> query(c.query(), type);
            case MARIADB_GTID -> gtid(c.mariaGtid());
            case XID -> {
                g.writeNumberField("xid", c.xid().xid());
                g.writeStringField("transaction", "commit");
            }
            case INTVAR -> {
                var v = c.intvar();
                g.writeStringField("variable", v.variableName());
                g.writeNumberField("value", v.value());
            }
            case RAND -> {
                var r = c.rand();
                g.writeNumberField("seed1", r.seed1());
                g.writeNumberField("seed2", r.seed2());
            }
            case USER_VAR -> userVar(c.userVar());
            case ROTATE -> {
                var r = c.rotate();
                g.writeStringField("next_file", r.nextFile());
                g.writeNumberField("next_position", r.nextPosition());
            }
            case BINLOG_CHECKPOINT -> g.writeStringField("checkpoint_file", c.binlogCheckpoint().file());
            case GTID_LIST -> {
                GtidListEventView l = c.gtidList();
                g.writeArrayFieldStart("gtids");
                for (int i = 0; i < l.count(); i++) {
                    g.writeString(l.gtid(i));
                }
                g.writeEndArray();
            }
            case ANNOTATE_ROWS -> {
                var q = c.rowsQuery();
                g.writeFieldName("statement");
                utf8(q.textBytes());
            }
            case TABLE_MAP -> {
                TableMapEventView m = c.tableMap();
                renderer.tableMap(m);
                g.writeNumberField("table_id", m.tableId());
                g.writeStringField("database", m.database());
                g.writeStringField("table", m.table());
                g.writeNumberField("column_count", m.columnCount());
                g.writeArrayFieldStart("column_types");
                for (int i = 0; i < m.columnCount(); i++) {
                    g.writeNumber(m.columnTypeCode(i));
                }
                g.writeEndArray();
            }
            case XA_PREPARE -> {
                XaPrepareEventView x = c.xaPrepare();
                g.writeStringField("xid", xid(x.formatId(), x.gtrid(), x.bqual()));
                g.writeBooleanField("one_phase", x.onePhase());
                g.writeStringField("transaction", "xa_prepare");
            }
            case BEGIN_LOAD_QUERY, APPEND_BLOCK -> {
                var l = c.load();
                g.writeNumberField("file_id", l.fileId());
                g.writeNumberField("block_length", l.block().byteSize());
            }
            case DELETE_FILE -> g.writeNumberField("file_id", c.load().fileId());
            case INCIDENT -> {
                g.writeNumberField("incident", c.incident().incident());
                g.writeStringField("message", c.incident().message());
            }
            default -> {
                if (type.isRows()) {
                    rows(c.rows());
                }
            }
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private void query(QueryEventView q, EventType type) throws IOException {
        g.writeNumberField("thread_id", q.threadId());
        g.writeNumberField("exec_time", q.execTime());
        g.writeNumberField("error_code", q.errorCode());
        g.writeStringField("database", q.database());
        MemorySegment sql = q.sqlBytes();
        g.writeFieldName("sql");
        utf8(sql);
        if (q.has(QueryEventView.Q_XID)) {
            g.writeNumberField("xid", q.xid());
        }
        if (q.microseconds() >= 0) {
            g.writeNumberField("microseconds", q.microseconds());
        }
        if (q.has(QueryEventView.Q_SQL_MODE)) {
            g.writeNumberField("sql_mode", q.sqlMode());
        }
        if (q.charsetClient() >= 0) {
            g.writeStringField("charset_client", Charsets.name(q.charsetClient()));
            g.writeNumberField("collation_connection", q.collationConnection());
            g.writeNumberField("collation_server", q.collationServer());
        }
        if (q.timeZone() != null) {
            g.writeStringField("time_zone", q.timeZone());
        }
        if (type == EventType.EXECUTE_LOAD_QUERY) {
            g.writeNumberField("file_id", q.fileId());
        }
        // BEGIN, COMMIT and ROLLBACK statements as transaction boundaries, by the writing server's rules
        String boundary = switch (TransactionBoundary.statement(q)) {
            case BEGIN -> "begin";
            case COMMIT -> "commit";
            case ROLLBACK -> "rollback";
            default -> null;
        };
        if (boundary != null) {
            g.writeStringField("transaction", boundary);
        }
    }

    private void gtid(MariaGtidEventView v) throws IOException {
        int flags = v.flags();
        g.writeStringField("gtid", v.gtid());
        g.writeNumberField("domain_id", v.domainId());
        g.writeNumberField("sequence", v.sequence());
        g.writeBooleanField("standalone", (flags & MariaGtidEventView.FL_STANDALONE) != 0);
        g.writeBooleanField("transactional", (flags & MariaGtidEventView.FL_TRANSACTIONAL) != 0);
        g.writeBooleanField("ddl", (flags & MariaGtidEventView.FL_DDL) != 0);
        if ((flags & MariaGtidEventView.FL_GROUP_COMMIT_ID) != 0) {
            g.writeNumberField("commit_id", v.commitId());
        }
        if (v.hasXid()) {
            g.writeStringField("xa_xid", xid(v.xidFormatId(), v.xidGtrid(), v.xidBqual()));
        }
        g.writeStringField("transaction", (flags & MariaGtidEventView.FL_STANDALONE) != 0 ? "standalone" : "begin");
    }

    private void userVar(UserVarEventView v) throws IOException {
        g.writeStringField("name", v.name());
        if (v.isNull()) {
            g.writeNullField("value");
            return;
        }
        switch (v.valueType()) {
            case UserVarEventView.INT_RESULT -> {
                g.writeStringField("value_type", "int");
                if (v.isUnsigned() && v.intValue() < 0) {
                    g.writeFieldName("value");
                    g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v.intValue())));
                } else {
                    g.writeNumberField("value", v.intValue());
                }
            }
            case UserVarEventView.REAL_RESULT -> {
                g.writeStringField("value_type", "real");
                g.writeNumberField("value", v.realValue());
            }
            case UserVarEventView.DECIMAL_RESULT -> {
                g.writeStringField("value_type", "decimal");
                g.writeNumberField("value", v.decimalValue());
            }
            default -> {
                int cs = (int) v.charset();
                g.writeStringField("value_type", "string");
                g.writeStringField("charset", Charsets.name(cs));
                g.writeStringField("collation", Charsets.collation(cs));
                MemorySegment val = v.valueBytes();
                if ("binary".equals(Charsets.name(cs)) || !validUtf8(val)) {
                    g.writeStringField("value_hex", hex(val));
                } else {
                    g.writeFieldName("value");
                    utf8(val);
                }
            }
        }
    }

    private void rows(RowsEventView r) throws IOException {
        long id = r.tableId();
        TableMapEventView t = renderer.table(id);
        g.writeNumberField("table_id", id);
        g.writeStringField("database", t == null ? null : t.database());
        g.writeStringField("table", t == null ? null : t.table());
        g.writeStringField("operation", r.isWrite() ? "insert" : r.isUpdate() ? "update" : "delete");
        g.writeBooleanField("stmt_end", r.isStatementEnd());
        g.writeBooleanField("compressed", r.isCompressed());
        g.writeNumberField("column_count", r.columnCount());
        g.writeNumberField("row_count", renderer.countRows(r));
        g.writeFieldName("rows");
        if (renderer.canWriteJson()) {
            renderer.writeJson(r, g);
        } else {
            g.writeNull();
        }
    }

    /** Writes bytes as a JSON string: as UTF-8 when they are, else decoded as Latin-1. */
    private void utf8(MemorySegment s) throws IOException {
        int n = (int) s.byteSize();
        if (text.length < n) {
            text = new byte[Math.max(n, text.length * 2)];
        }
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, 0, text, 0, n);
        if (validUtf8(s)) {
            g.writeUTF8String(text, 0, n);
        } else {
            g.writeString(new String(text, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    private static boolean validUtf8(MemorySegment s) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(s.asByteBuffer());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hex(MemorySegment s) {
        StringBuilder b = new StringBuilder((int) s.byteSize() * 2);
        for (long i = 0; i < s.byteSize(); i++) {
            int x = s.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            b.append((char) HEX[x >> 4]).append((char) HEX[x & 0xF]);
        }
        return b.toString();
    }

    private static String xid(long formatId, byte[] gtrid, byte[] bqual) {
        return "X'" + hex(MemorySegment.ofArray(gtrid)) + "',X'" + hex(MemorySegment.ofArray(bqual)) + "',"
                + (int) formatId;
    }
}
