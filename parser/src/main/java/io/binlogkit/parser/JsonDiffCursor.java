package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * The diffs of a partially updated JSON column in a Partial_update_rows (39) after image, a pull
 * cursor over {@code Json_diff} entries ({@code Json_diff_vector::write_binary} in MySQL's
 * {@code sql/json_diff.cc}): operation (u8: 0 REPLACE, 1 INSERT, 2 REMOVE), path length (packed),
 * path (a JSON path such as {@code $.a[2]}), then for REPLACE and INSERT the value length (packed)
 * and the value in binary JSON.
 *
 * <p>{@code mysqlbinlog -v} prints the diffs as nested {@code JSON_REPLACE} / {@code JSON_INSERT} /
 * {@code JSON_ARRAY_INSERT} (INSERT whose path ends in {@code ]}) / {@code JSON_REMOVE} calls
 * ({@code print_json_diff} in MySQL's {@code sql/log_event.cc}); {@link #functionName()} gives the
 * name it uses.
 */
public final class JsonDiffCursor {
    public enum Operation { REPLACE, INSERT, REMOVE }

    private static final Operation[] OPS = Operation.values();

    private final RowCursor owner;
    private int column;
    private long pos;
    private long end;
    private Operation op;
    private long pathAt;
    private int pathLen;
    private long valueAt;
    private int valueLen;

    JsonDiffCursor(RowCursor owner) {
        this.owner = owner;
    }

    void reset(int column, long from, long to) {
        this.column = column;
        this.pos = from;
        this.end = to;
        this.op = null;
    }

    /** Moves to the next diff; false after the last. */
    public boolean next() {
        if (pos >= end) {
            op = null;
            return false;
        }
        MemorySegment s = owner.data;
        int code = Bytes.u8(s, pos);
        if (code >= OPS.length) {
            throw owner.valueError(column, "JSON diff operation", "0..2", String.valueOf(code), pos);
        }
        op = OPS[code];
        long p = pos + 1;
        long n = packed(p, "JSON diff path length");
        p += Bytes.packedSize(s, p);
        need(p, n, "JSON diff path");
        pathAt = p;
        pathLen = (int) n;
        p += n;
        valueAt = -1;
        valueLen = 0;
        if (op != Operation.REMOVE) {
            long v = packed(p, "JSON diff value length");
            p += Bytes.packedSize(s, p);
            need(p, v, "JSON diff value");
            valueAt = p;
            valueLen = (int) v;
            p += v;
        }
        pos = p;
        return true;
    }

    private long packed(long p, String field) {
        need(p, 1, field);
        need(p, Bytes.packedSize(owner.data, p), field);
        long v = Bytes.packed(owner.data, p);
        if (v < 0) {
            throw owner.valueError(column, field, "a length", "NULL (251)", p);
        }
        return v;
    }

    private void need(long p, long n, String field) {
        if (n < 0 || p + n > end) {
            throw owner.valueError(column, field, n + " bytes", (end - p) + " bytes left in the diff", p);
        }
    }

    public Operation operation() {
        current();
        return op;
    }

    /** The JSON path, e.g. {@code $.a[1]}. */
    public String path() {
        current();
        return Bytes.utf8(owner.data, pathAt, pathLen);
    }

    public long pathOffset() {
        current();
        return pathAt;
    }

    public int pathLength() {
        current();
        return pathLen;
    }

    /** Whether the diff carries a value (REPLACE and INSERT). */
    public boolean hasValue() {
        current();
        return valueAt >= 0;
    }

    /** Offset of the binary JSON value in the row image's segment, -1 for REMOVE. */
    public long valueOffset() {
        current();
        return valueAt;
    }

    public int valueLength() {
        current();
        return valueLen;
    }

    /** JSON type byte of the value (0..15, see json_binary.h), -1 for an empty value. */
    public int valueJsonType() {
        requireValue();
        return JsonBinary.documentType(owner.data, valueAt, valueLen);
    }

    /** The value as text ({@code Json_wrapper::to_string}, strings unquoted at top level). */
    public String valueText() {
        requireValue();
        try {
            return JsonBinary.toText(owner.data, valueAt, valueLen);
        } catch (JsonBinary.Malformed e) {
            throw owner.valueError(column, "JSON diff value", "a valid document", e.getMessage(), e.offset);
        }
    }

    /** JSON_REPLACE, JSON_INSERT, JSON_ARRAY_INSERT or JSON_REMOVE, as mysqlbinlog names the diff. */
    public String functionName() {
        current();
        return switch (op) {
            case REPLACE -> "JSON_REPLACE";
            case INSERT -> pathLen > 0 && Bytes.u8(owner.data, pathAt + pathLen - 1) == ']'
                    ? "JSON_ARRAY_INSERT" : "JSON_INSERT";
            case REMOVE -> "JSON_REMOVE";
        };
    }

    private void current() {
        if (op == null) {
            throw new IllegalStateException("no current diff: call next() first");
        }
    }

    private void requireValue() {
        current();
        if (valueAt < 0) {
            throw new IllegalStateException("a REMOVE diff has no value");
        }
    }
}
