package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * Walks the events of a binlog in file order. This class alone frames events: it reads an event's
 * length, checks it against what is left of the file, verifies its CRC32 when the format says the
 * file has checksums, and adopts every Format_description event it passes (relay logs hold more
 * than one). The typed views it hands out ({@link #query()}, {@link #rows()}, …) are flyweights
 * re-pointed at the current event; they are valid until the next call to {@link #next()} and
 * allocate nothing.
 *
 * <p>A file that ends inside an event is damaged, and {@link #next()} throws a
 * {@link TruncatedBinlogException}, unless the server still had it open (in-use flag): then the
 * cursor ends at the last complete event and {@link #endedAtPartialEvent()} says so.
 */
public final class EventCursor {
    /** Length of the CRC32 trailer ({@code BINLOG_CHECKSUM_LEN}). */
    static final int CRC_LENGTH = 4;
    // Offsets in the common header (LOG_EVENT_HEADER: timestamp u32, type u8, server_id u32,
    // event_size u32; from v3 log_pos u32 and flags u16), as in the server's *_OFFSET constants.
    static final int TYPE_OFFSET = 4;
    static final int SERVER_ID_OFFSET = 5;
    static final int LENGTH_OFFSET = 9;
    static final int LOG_POS_OFFSET = 13;
    /** Offset of the low byte of the flags in the v4 event header. */
    static final int FLAGS_OFFSET = 17;
    /** Largest window handed to {@link CRC32#update(ByteBuffer)} (a ByteBuffer is int-indexed). */
    private static final long CRC_WINDOW = 1L << 30;

    private final Path path;
    private final MemorySegment seg;
    private final long end;
    private final boolean inUse;
    private FormatDescription format;

    private long nextStart;
    private long start = -1;
    private int length;
    private int typeCode;
    private long bodyStart;
    private long bodyEnd;
    private boolean partial;
    /** Set once a Start_encryption event has been framed: what follows cannot be read. */
    private boolean encrypted;
    private long partialAt = -1;
    private boolean verifyChecksums = true;

    private final CRC32 crc = new CRC32();
    private ByteBuffer crcWindow;
    private long crcWindowStart;

    private final Views views = new Views();
    private Inflater inflater;

    EventCursor(BinlogFile file, long position) {
        this(file.path(), file.segment(), position, file.segment().byteSize(), file.formatDescription(), file.inUse());
    }

    EventCursor(Path path, MemorySegment seg, long position, long end, FormatDescription format, boolean inUse) {
        this.path = path;
        this.seg = seg;
        this.nextStart = position;
        this.end = end;
        this.format = format;
        this.inUse = inUse;
    }

    /**
     * A cursor over events held in memory instead of a file (a copy of some events, a network
     * buffer), framed by the same code as a file's: {@code events} starts with an event (no magic
     * number), and {@code format} is the format description they were written with. {@code name}
     * is used in error messages.
     */
    public static EventCursor of(Path name, MemorySegment events, FormatDescription format) {
        return new EventCursor(name, events, 0, events.byteSize(), format, false);
    }

    /** Turns CRC32 verification off (on by default when the file has checksums). */
    public EventCursor verifyChecksums(boolean verify) {
        this.verifyChecksums = verify;
        return this;
    }

    /**
     * Frames the next event.
     *
     * @return false at the end of the file (or before a partial last event of an in-use file)
     * @throws BinlogFormatException when the event is truncated, has an impossible length or a
     *                               wrong CRC32
     */
    public boolean next() {
        long s = nextStart;
        if (s >= end) {
            start = -1;
            return false;
        }
        if (encrypted) {
            throw new EncryptedBinlogException(path, s);
        }
        return frame(s, inUse);
    }

    /**
     * Frames the event that starts at {@code position} and makes it the current event, as
     * {@link #next()} would have framed it (same checks, same errors), without walking the events
     * before it: a reusable view for consumers that keep event offsets and come back to them, the
     * way a Lucene reader seeks. The format description in force is this cursor's (the file's
     * first one for a new cursor; a Format_description event framed here is adopted, as by
     * {@code next()}). The next call to {@code next()} frames the event after it. Allocates nothing.
     *
     * <p>{@code position} must be where an event starts (a {@link #position()} seen before): at
     * another offset the bytes are framed as an event anyway, and fail the length or CRC32 checks
     * only if they happen to be impossible.
     *
     * @return this cursor, on the event at {@code position}
     * @throws TruncatedBinlogException when the file ends before the event does (even in an in-use
     *                                  file: the caller asked for this event)
     * @throws BinlogFormatException    when {@code position} is outside the file, or the event has an
     *                                  impossible length or a wrong CRC32
     */
    public EventCursor moveTo(long position) {
        if (position < 0 || position > end) {
            throw new BinlogFormatException(path, position, "event position", "0.." + end, String.valueOf(position));
        }
        partial = false;
        encrypted = false;
        frame(position, false);
        return this;
    }

    /**
     * The one framing code: checks the event at {@code s} and makes it current. A partial event
     * ends the walk quietly when {@code partialIsEnd} (an in-use file), else it is an error.
     */
    private boolean frame(long s, boolean partialIsEnd) {
        int header = format.headerLength();
        if (end - s < header) {
            return partialEvent(s, partialIsEnd, "event header", header + " bytes", (end - s) + " bytes left in the file");
        }
        // No read-ahead of the mapping here: MemorySegment.load() windows cost ~5 % warm and ~60 %
        // cold against the kernel's own asynchronous readahead and fault-around (benchmarks/README.md,
        // PrefetchProbe), so pages are faulted in on demand.
        long len = Bytes.u32(seg, s + LENGTH_OFFSET);
        if (len < header) {
            throw new BinlogFormatException(path, s, "event length", ">= " + header, String.valueOf(len));
        }
        if (len > end - s) {
            // A partial write has a complete header whose end_log_pos agrees with its length; a
            // damaged length does not (in a relay log end_log_pos is the master's, so only 0 or the
            // agreeing value pass as a partial write).
            long logPos = header >= FormatDescription.V4_HEADER_LENGTH ? Bytes.u32(seg, s + LOG_POS_OFFSET) : 0;
            if (logPos != 0 && logPos != s + len) {
                throw new BinlogFormatException(path, s, "event length",
                        "<= " + (end - s) + " (bytes left in the file)",
                        len + " (and end_log_pos " + logPos + " disagrees with it)");
            }
            return partialEvent(s, partialIsEnd, "event length", "<= " + (end - s) + " (bytes left in the file)",
                    String.valueOf(len));
        }
        int type = format.eventType(Bytes.u8(seg, s + TYPE_OFFSET));
        long bodyEnd = s + len;
        if (type == EventType.FORMAT_DESCRIPTION.code()) {
            FormatDescription fd = FormatDescription.read(path, seg, s, (int) len);
            format = fd;
            if (fd.checksum() != ChecksumAlgorithm.UNDEFINED) {
                // A checksum-aware server always appends the algorithm byte and a CRC to this event.
                bodyEnd -= 1 + CRC_LENGTH;
                if (fd.checksum() == ChecksumAlgorithm.CRC32 && verifyChecksums) {
                    verify(s, len);
                }
            }
        } else if (format.checksum() == ChecksumAlgorithm.CRC32) {
            if (len < header + CRC_LENGTH) {
                throw new BinlogFormatException(path, s, "event length", ">= " + (header + CRC_LENGTH)
                        + " (header and CRC32)", String.valueOf(len));
            }
            bodyEnd -= CRC_LENGTH;
            if (verifyChecksums) {
                verify(s, len);
            }
        }
        if (type == EventType.START_ENCRYPTION.code()) {
            encrypted = true;
        }
        this.start = s;
        this.length = (int) len;
        this.typeCode = type;
        this.bodyStart = s + header;
        this.bodyEnd = bodyEnd;
        this.nextStart = s + len;
        return true;
    }

    private boolean partialEvent(long s, boolean partialIsEnd, String field, String expected, String actual) {
        if (partialIsEnd) {
            partial = true;
            partialAt = s;
            start = -1;
            nextStart = end;
            return false;
        }
        throw new TruncatedBinlogException(path, s, field, expected, actual);
    }

    private void verify(long s, long len) {
        long n = len - CRC_LENGTH;
        if (crcWindow == null || s < crcWindowStart || s + n > crcWindowStart + crcWindow.capacity()) {
            crcWindowStart = s;
            crcWindow = seg.asSlice(s, Math.min(Math.max(CRC_WINDOW, n), end - s)).asByteBuffer();
        }
        int from = (int) (s - crcWindowStart);
        crc.reset();
        if (Bytes.u8(seg, s + TYPE_OFFSET) == EventType.FORMAT_DESCRIPTION.code()) {
            // The server clears LOG_EVENT_BINLOG_IN_USE_F in place when it closes the file, and
            // checksums this event as if the flag were clear (Log_event::event_checksum_test).
            crcWindow.limit(from + FLAGS_OFFSET).position(from);
            crc.update(crcWindow);
            crc.update(Bytes.u8(seg, s + FLAGS_OFFSET) & ~EventFlags.BINLOG_IN_USE);
            crcWindow.limit(from + (int) n).position(from + FLAGS_OFFSET + 1);
        } else {
            crcWindow.limit(from + (int) n).position(from);
        }
        crc.update(crcWindow);
        long expected = Bytes.u32(seg, s + n);
        long actual = crc.getValue();
        if (expected != actual) {
            throw new BinlogFormatException(path, s, "CRC32 of " + typeName(Bytes.u8(seg, s + TYPE_OFFSET)) + " event",
                    String.format("0x%08x (stored)", expected), String.format("0x%08x (computed)", actual));
        }
    }

    private static String typeName(int code) {
        EventType t = EventType.ofCode(code);
        return t == null ? "type " + code : t.displayName();
    }

    /** Whether the cursor stopped before a partial last event of an in-use file. */
    public boolean endedAtPartialEvent() {
        return partial;
    }

    /** Offset of the partial last event the cursor stopped before, or -1. */
    public long partialEventOffset() {
        return partialAt;
    }

    /** Offset where the next call to {@link #next()} will frame an event (the end of the current one). */
    public long nextEventOffset() {
        return nextStart;
    }

    /** Moves the cursor so that the next call to {@link #next()} frames the event at {@code position}. */
    public void seek(long position) {
        if (position < 0 || position > end) {
            throw new BinlogFormatException(path, position, "seek position", "0.." + end, String.valueOf(position));
        }
        nextStart = position;
        start = -1;
        partial = false;
        encrypted = false;
    }

    // ---- header of the current event ------------------------------------------------------------

    public Path path() {
        return path;
    }

    /** Offset of the current event in the file (SHOW BINLOG EVENTS' Pos). */
    public long position() {
        return start;
    }

    /** Total length of the current event, header and checksum included. */
    public int length() {
        return length;
    }

    /** Seconds since the epoch, from the event header. */
    public long timestamp() {
        return Bytes.u32(seg, start);
    }

    public int typeCode() {
        return typeCode;
    }

    /** The event type, {@link EventType#UNKNOWN} for a code no server writes. */
    public EventType type() {
        EventType t = EventType.ofCode(typeCode);
        return t == null ? EventType.UNKNOWN : t;
    }

    public long serverId() {
        return Bytes.u32(seg, start + SERVER_ID_OFFSET);
    }

    /**
     * The header's log_pos: in v4 binlogs the offset just past this event in the server's binlog
     * (End_log_pos); in relay logs the master's; 0 for a v1 file.
     */
    public long logPosition() {
        return format.headerLength() >= FormatDescription.V4_HEADER_LENGTH ? Bytes.u32(seg, start + LOG_POS_OFFSET) : 0;
    }

    /** The header's flags (LOG_EVENT_*_F), 0 for a v1 file. */
    public int flags() {
        return format.headerLength() >= FormatDescription.V4_HEADER_LENGTH ? Bytes.u16(seg, start + FLAGS_OFFSET) : 0;
    }

    /** Whether the current event ends with a CRC32 trailer. */
    public boolean hasChecksum() {
        return start + length != bodyEnd;
    }

    /** The stored CRC32 of the current event, or -1 when it has none. */
    public long storedChecksum() {
        return hasChecksum() ? Bytes.u32(seg, start + length - CRC_LENGTH) : -1;
    }

    /** The format description in force for the current event. */
    public FormatDescription format() {
        return format;
    }

    /** Absolute offset of the current event's body (after the common header). */
    public long bodyOffset() {
        return bodyStart;
    }

    /** Length of the body, without the common header and the checksum trailer. */
    public int bodyLength() {
        return (int) (bodyEnd - bodyStart);
    }

    /** The whole current event (header, body, checksum) as a slice of the mapping; allocates a slice. */
    public MemorySegment eventBytes() {
        return seg.asSlice(start, length);
    }

    /** The mapping (or memory) the events are read from, for the parser's own readers. */
    MemorySegment segment() {
        return seg;
    }

    /** One inflater per cursor, for the views' compressed parts (made on first use). */
    Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater();
        }
        return inflater;
    }

    // ---- typed views ---------------------------------------------------------------------------

    public QueryEventView query() {
        return wrap(views.query(), EventType.QUERY, EventType.EXECUTE_LOAD_QUERY, EventType.QUERY_COMPRESSED);
    }

    public RotateEventView rotate() {
        return wrap(views.rotate(), EventType.ROTATE);
    }

    public FormatDescriptionEventView formatDescriptionEvent() {
        return wrap(views.formatDescription(), EventType.FORMAT_DESCRIPTION, EventType.START_V3);
    }

    public XidEventView xid() {
        return wrap(views.xid(), EventType.XID);
    }

    public IntvarEventView intvar() {
        return wrap(views.intvar(), EventType.INTVAR);
    }

    public RandEventView rand() {
        return wrap(views.rand(), EventType.RAND);
    }

    public UserVarEventView userVar() {
        return wrap(views.userVar(), EventType.USER_VAR);
    }

    public MariaGtidEventView mariaGtid() {
        return wrap(views.mariaGtid(), EventType.MARIADB_GTID);
    }

    public GtidListEventView gtidList() {
        return wrap(views.gtidList(), EventType.GTID_LIST);
    }

    public BinlogCheckpointEventView binlogCheckpoint() {
        return wrap(views.binlogCheckpoint(), EventType.BINLOG_CHECKPOINT);
    }

    public RowsQueryEventView rowsQuery() {
        return wrap(views.rowsQuery(), EventType.ANNOTATE_ROWS, EventType.ROWS_QUERY);
    }

    public GtidEventView gtid() {
        return wrap(views.gtid(), EventType.GTID, EventType.ANONYMOUS_GTID, EventType.GTID_TAGGED);
    }

    public PreviousGtidsEventView previousGtids() {
        return wrap(views.previousGtids(), EventType.PREVIOUS_GTIDS);
    }

    public IncidentEventView incident() {
        return wrap(views.incident(), EventType.INCIDENT);
    }

    public XaPrepareEventView xaPrepare() {
        return wrap(views.xaPrepare(), EventType.XA_PREPARE);
    }

    public HeartbeatEventView heartbeat() {
        return wrap(views.heartbeat(), EventType.HEARTBEAT, EventType.HEARTBEAT_V2);
    }

    public StartEncryptionEventView startEncryption() {
        return wrap(views.startEncryption(), EventType.START_ENCRYPTION);
    }

    public LoadEventView load() {
        return wrap(views.load(), EventType.LOAD, EventType.NEW_LOAD, EventType.CREATE_FILE,
                EventType.APPEND_BLOCK, EventType.BEGIN_LOAD_QUERY, EventType.EXEC_LOAD, EventType.DELETE_FILE);
    }

    public TransactionPayloadEventView transactionPayload() {
        return wrap(views.transactionPayload(), EventType.TRANSACTION_PAYLOAD);
    }

    public TableMapEventView tableMap() {
        return wrap(views.tableMap(), EventType.TABLE_MAP);
    }

    public RowsEventView rows() {
        if (!type().isRows()) {
            throw wrongType("rows");
        }
        RowsEventView v = views.rows();
        v.wrap(this, path, seg, start, bodyStart, bodyEnd, format, typeCode);
        return v;
    }

    // Fixed-arity forms for the common accessors: a varargs call allocates its array on every event.
    private <V extends EventView> V wrap(V view, EventType accepted) {
        if (accepted.code() != typeCode) {
            throw wrongType(accepted.displayName());
        }
        view.wrap(this, path, seg, start, bodyStart, bodyEnd, format, typeCode);
        return view;
    }

    private <V extends EventView> V wrap(V view, EventType a, EventType b, EventType c) {
        if (a.code() != typeCode && b.code() != typeCode && c.code() != typeCode) {
            throw wrongType(a.displayName());
        }
        view.wrap(this, path, seg, start, bodyStart, bodyEnd, format, typeCode);
        return view;
    }

    private <V extends EventView> V wrap(V view, EventType... accepted) {
        for (EventType t : accepted) {
            if (t.code() == typeCode) {
                view.wrap(this, path, seg, start, bodyStart, bodyEnd, format, typeCode);
                return view;
            }
        }
        throw wrongType(accepted[0].displayName());
    }

    private IllegalStateException wrongType(String wanted) {
        if (start < 0) {
            return new IllegalStateException("no current event: call next() first");
        }
        return new IllegalStateException("event at " + start + " is " + type().displayName() + ", not " + wanted);
    }

    /** Lazily made view instances, one of each kind per cursor. */
    private static final class Views {
        private QueryEventView query;
        private RotateEventView rotate;
        private FormatDescriptionEventView formatDescription;
        private XidEventView xid;
        private IntvarEventView intvar;
        private RandEventView rand;
        private UserVarEventView userVar;
        private MariaGtidEventView mariaGtid;
        private GtidListEventView gtidList;
        private BinlogCheckpointEventView binlogCheckpoint;
        private RowsQueryEventView rowsQuery;
        private GtidEventView gtid;
        private PreviousGtidsEventView previousGtids;
        private IncidentEventView incident;
        private XaPrepareEventView xaPrepare;
        private HeartbeatEventView heartbeat;
        private StartEncryptionEventView startEncryption;
        private LoadEventView load;
        private TransactionPayloadEventView transactionPayload;
        private TableMapEventView tableMap;
        private RowsEventView rows;

        QueryEventView query() { return query != null ? query : (query = new QueryEventView()); }
        RotateEventView rotate() { return rotate != null ? rotate : (rotate = new RotateEventView()); }
        FormatDescriptionEventView formatDescription() {
            return formatDescription != null ? formatDescription : (formatDescription = new FormatDescriptionEventView());
        }
        XidEventView xid() { return xid != null ? xid : (xid = new XidEventView()); }
        IntvarEventView intvar() { return intvar != null ? intvar : (intvar = new IntvarEventView()); }
        RandEventView rand() { return rand != null ? rand : (rand = new RandEventView()); }
        UserVarEventView userVar() { return userVar != null ? userVar : (userVar = new UserVarEventView()); }
        MariaGtidEventView mariaGtid() { return mariaGtid != null ? mariaGtid : (mariaGtid = new MariaGtidEventView()); }
        GtidListEventView gtidList() { return gtidList != null ? gtidList : (gtidList = new GtidListEventView()); }
        BinlogCheckpointEventView binlogCheckpoint() {
            return binlogCheckpoint != null ? binlogCheckpoint : (binlogCheckpoint = new BinlogCheckpointEventView());
        }
        RowsQueryEventView rowsQuery() { return rowsQuery != null ? rowsQuery : (rowsQuery = new RowsQueryEventView()); }
        GtidEventView gtid() { return gtid != null ? gtid : (gtid = new GtidEventView()); }
        PreviousGtidsEventView previousGtids() {
            return previousGtids != null ? previousGtids : (previousGtids = new PreviousGtidsEventView());
        }
        IncidentEventView incident() { return incident != null ? incident : (incident = new IncidentEventView()); }
        XaPrepareEventView xaPrepare() { return xaPrepare != null ? xaPrepare : (xaPrepare = new XaPrepareEventView()); }
        HeartbeatEventView heartbeat() { return heartbeat != null ? heartbeat : (heartbeat = new HeartbeatEventView()); }
        StartEncryptionEventView startEncryption() {
            return startEncryption != null ? startEncryption : (startEncryption = new StartEncryptionEventView());
        }
        LoadEventView load() { return load != null ? load : (load = new LoadEventView()); }
        TransactionPayloadEventView transactionPayload() {
            return transactionPayload != null ? transactionPayload : (transactionPayload = new TransactionPayloadEventView());
        }
        TableMapEventView tableMap() { return tableMap != null ? tableMap : (tableMap = new TableMapEventView()); }
        RowsEventView rows() { return rows != null ? rows : (rows = new RowsEventView()); }
    }
}
