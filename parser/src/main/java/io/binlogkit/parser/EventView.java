package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Base of the flyweight event views. A view is re-pointed at an event by its {@link EventCursor}
 * and reads fields on demand from the mapping. Offsets held here are absolute; {@code body} is the
 * first byte after the common header, {@code end} the first byte after the body (before any
 * checksum). Variable-length fields are checked against {@code end} with {@link #need}; fixed
 * fields are checked once in {@link #check()} when the view is wrapped.
 */
public abstract sealed class EventView
        permits QueryEventView, RotateEventView, FormatDescriptionEventView, XidEventView, IntvarEventView,
        RandEventView, UserVarEventView, MariaGtidEventView, GtidListEventView, BinlogCheckpointEventView,
        RowsQueryEventView, GtidEventView, PreviousGtidsEventView, IncidentEventView, XaPrepareEventView,
        HeartbeatEventView, StartEncryptionEventView, LoadEventView, TransactionPayloadEventView,
        TableMapEventView, RowsEventView {

    EventCursor cursor;
    Path path;
    MemorySegment seg;
    long start;
    long body;
    long end;
    FormatDescription format;
    int typeCode;

    EventView() {
    }

    final void wrap(EventCursor cursor, Path path, MemorySegment seg, long start, long body, long end,
                    FormatDescription format, int typeCode) {
        this.cursor = cursor;
        this.path = path;
        this.seg = seg;
        this.start = start;
        this.body = body;
        this.end = end;
        this.format = format;
        this.typeCode = typeCode;
        check();
    }

    /** Validates the fixed part of the event; called on every wrap. */
    abstract void check();

    /** Offset of the event in its file. */
    public final long position() {
        return start;
    }

    public final EventType type() {
        EventType t = EventType.ofCode(typeCode);
        return t == null ? EventType.UNKNOWN : t;
    }

    /** Length of the body (after the common header, before the checksum). */
    public final int bodyLength() {
        return (int) (end - body);
    }

    final int postHeaderLength() {
        return format.postHeaderLength(typeCode);
    }

    /** Fails unless {@code n} bytes from {@code off} lie inside the event body. */
    final void need(long off, long n, String field) {
        if (n < 0 || off < body || n > end - off) { // not off + n > end: n may be near 2^63 (a packed length)
            throw new BinlogFormatException(path, start, type().displayName() + " " + field,
                    n + " bytes at body offset " + (off - body),
                    "body of " + (end - body) + " bytes");
        }
    }

    /**
     * {@link #need(long, long, String)} for a field named {@code prefix + index + suffix}, a name
     * built only when the check fails: checks in loops allocate nothing.
     */
    final void need(long off, long n, String prefix, long index, String suffix) {
        if (n < 0 || off < body || n > end - off) {
            need(off, n, prefix + index + suffix);
        }
    }

    /** {@link #packed(long, String)} for a field named {@code prefix + index + suffix}, built only when it fails. */
    final long packed(long off, String prefix, long index, String suffix) {
        need(off, 1, prefix, index, suffix);
        need(off, Bytes.packedSize(seg, off), prefix, index, suffix);
        return Bytes.packed(seg, off);
    }

    final BinlogFormatException error(String field, String expected, String actual) {
        return new BinlogFormatException(path, start, type().displayName() + " " + field, expected, actual);
    }

    final void failIf(boolean condition, String field, String expected, String actual) {
        if (condition) {
            throw error(field, expected, actual);
        }
    }

    final int u8(long off) {
        return Bytes.u8(seg, off);
    }

    final int u16(long off) {
        return Bytes.u16(seg, off);
    }

    final long u32(long off) {
        return Bytes.u32(seg, off);
    }

    final long i64(long off) {
        return Bytes.i64(seg, off);
    }

    /** Reads a packed integer after checking that its bytes lie inside the body. */
    final long packed(long off, String field) {
        need(off, 1, field);
        need(off, Bytes.packedSize(seg, off), field);
        return Bytes.packed(seg, off);
    }

    final int packedSize(long off) {
        return Bytes.packedSize(seg, off);
    }

    final String string(long off, int len, String field) {
        need(off, len, field);
        return Bytes.utf8(seg, off, len);
    }
}
