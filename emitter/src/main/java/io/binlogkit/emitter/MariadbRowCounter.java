package io.binlogkit.emitter;

import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts rows for {@code # Number of rows: N} exactly as {@code mariadb-binlog} 10.11 does. Its
 * count walks the row images with {@code calc_row_event_length} / {@code calc_field_event_length}
 * ({@code sql/log_event_client.cc}), which know fewer column types than the server: a non-NULL
 * GEOMETRY, JSON or compressed column makes the walk stop after counting the current row. This
 * class reproduces that walk, quirks included, so that the count line matches byte for byte; it is
 * printer knowledge, not a row decoder (the parser's row cursor is the one to read values with).
 *
 * <p>Column metadata is read as {@code table_def::table_def} in {@code sql/rpl_utility.cc} reads it.
 */
final class MariadbRowCounter implements RowsRenderer {
    // MYSQL_TYPE_* codes (include/mysql_com.h, MariaDB's additions 140/141).
    static final int DECIMAL = 0, TINY = 1, SHORT = 2, LONG = 3, FLOAT = 4, DOUBLE = 5, TIMESTAMP = 7,
            LONGLONG = 8, INT24 = 9, DATE = 10, TIME = 11, DATETIME = 12, YEAR = 13, NEWDATE = 14,
            VARCHAR = 15, BIT = 16, TIMESTAMP2 = 17, DATETIME2 = 18, TIME2 = 19, BLOB_COMPRESSED = 140,
            VARCHAR_COMPRESSED = 141, JSON = 245, NEWDECIMAL = 246, ENUM = 247, SET = 248,
            TINY_BLOB = 249, MEDIUM_BLOB = 250, LONG_BLOB = 251, BLOB = 252, VAR_STRING = 253,
            STRING = 254, GEOMETRY = 255;

    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Binary size of the DIG_PER_DEC1 remainder digits ({@code dig2bytes} in strings/decimal.c). */
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    /** A table map's column types and metadata, as {@code table_def} holds them. */
    static final class TableDef {
        final int[] types;
        final int[] meta;

        /**
         * Per column, what {@link #fieldLength} does with a value of it, worked out once per table
         * map: a fixed size (> 0), minus the size of a length prefix (-1..-4), or 0 (the walk stops).
         * {@code plan} is the official tool's, {@code planExact} that of {@code exact} counting.
         */
        final int[] plan;
        final int[] planExact;
        /** Per rows event: the plan of each present column, in order (reused; one printer thread). */
        private int[] presentPlan = new int[0];

        TableDef(int[] types, int[] meta) {
            this.types = types;
            this.meta = meta;
            int n = types.length;
            this.plan = new int[n];
            this.planExact = new int[n];
            for (int i = 0; i < n; i++) {
                int t = type(i);
                plan[i] = plan(t, meta[i]);
                planExact[i] = plan(exactType(t), meta[i]);
            }
        }

        /** {@code table_def::type()}: ENUM and SET hide behind STRING; DATE means NEWDATE. */
        int type(int i) {
            int t = types[i];
            if (t == STRING) {
                int real = meta[i] >> 8;
                if (real == ENUM || real == SET) {
                    return real;
                }
            } else if (t == DATE) {
                return NEWDATE;
            }
            return t;
        }
    }

    private final Map<Long, TableDef> tables = new HashMap<>();
    private final boolean exact;

    /** Counts as {@code mariadb-binlog} does, quirks included. */
    MariadbRowCounter() {
        this(false);
    }

    /**
     * @param exact also walk the column types {@code mariadb-binlog}'s count gives up on (GEOMETRY,
     *              JSON, compressed BLOB and VARCHAR), for true row counts ({@code binlog stats})
     */
    MariadbRowCounter(boolean exact) {
        this.exact = exact;
    }

    @Override
    public void reset() {
        tables.clear();
    }

    /** The definition of a table id, or null. */
    TableDef table(long tableId) {
        return tables.get(tableId);
    }

    @Override
    public void tableMap(TableMapEventView map) {
        tables.put(map.tableId(), define(map));
    }

    static TableDef define(TableMapEventView map) {
        int n = map.columnCount();
        int[] types = new int[n];
        int[] meta = new int[n];
        MemorySegment md = map.metadata();
        long size = md.byteSize();
        int p = 0;
        for (int i = 0; i < n; i++) {
            int t = map.columnTypeCode(i);
            types[i] = t;
            switch (t) {
                case TINY_BLOB, BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB_COMPRESSED, DOUBLE, FLOAT, GEOMETRY, JSON -> {
                    meta[i] = u8(md, p, size);
                    p += 1;
                }
                case SET, ENUM, STRING, NEWDECIMAL -> {
                    meta[i] = (u8(md, p, size) << 8) | u8(md, p + 1, size);
                    p += 2;
                }
                case BIT, VARCHAR, VARCHAR_COMPRESSED -> {
                    meta[i] = u8(md, p, size) | (u8(md, p + 1, size) << 8);
                    p += 2;
                }
                case TIME2, DATETIME2, TIMESTAMP2 -> {
                    meta[i] = u8(md, p, size);
                    p += 1;
                }
                default -> meta[i] = 0;
            }
        }
        return new TableDef(types, meta);
    }

    private static int u8(MemorySegment s, long off, long size) {
        return off < size ? s.get(ValueLayout.JAVA_BYTE, off) & 0xFF : 0;
    }

    @Override
    public long countRows(RowsEventView rows) {
        TableDef td = tables.get(rows.tableId());
        return count(td, rows, exact);
    }

    /** {@code Rows_log_event::count_row_events}. */
    static long count(TableDef td, RowsEventView rows, boolean exact) {
        MemorySegment data = rows.rowImages();
        return count(td, rows, rows.isWrite(), rows.isUpdate(), data, 0, data.byteSize(), exact);
    }

    /**
     * {@code count_row_events} over explicit row images ({@code [start, end)} of {@code data}) of an
     * event whose bitmaps are {@code rows}'s, as a write / update / delete (flashback swaps them).
     */
    static long count(TableDef td, RowsEventView rows, boolean write, boolean update, MemorySegment data, long start,
                      long end, boolean exact) {
        long n = 0;
        // "A write rows event containing no after image (can happen for REPLACE INTO t() VALUES ()),
        // count this correctly as 1 row and no 0."
        if (write && start == end) {
            n++;
        }
        if (td == null) {
            return n;
        }
        // The present columns and their plans are the same for every row of the event: work them
        // out once (before and after image of an update), then each row is a loop over int arrays.
        int columns = td.types.length;
        int width = rows.columnCount();
        int[] plan = exact ? td.planExact : td.plan;
        int limit = Math.min(width, columns);
        if (td.presentPlan.length < 2 * limit) {
            td.presentPlan = new int[2 * limit];
        }
        int[] pp = td.presentPlan;
        int presentB = 0;
        int kB = 0;
        int presentA = 0;
        int kA = limit;
        for (int i = 0; i < width; i++) {
            if (rows.columnPresent(i)) {
                presentB++;
                if (i < limit) {
                    pp[kB++] = plan[i];
                }
            }
            if (update && rows.columnPresentAfter(i)) {
                presentA++;
                if (i < limit) {
                    pp[kA++] = plan[i];
                }
            }
        }
        int nullBytesB = (presentB + 7) / 8;
        int nullBytesA = (presentA + 7) / 8;
        // Fast path of an image of at most 8 columns, none of a type the walk stops at: when its
        // null bits are all clear, the row is its fixed bytes plus its length-prefixed values.
        int fastB = fastPlan(pp, 0, kB);
        int fastA = update ? fastPlan(pp, limit, kA - limit) : -1;
        long p = start;
        while (p < end) {
            n++;
            long len = fastB >= 0 ? fastLength(pp, 0, kB, fastB, nullBytesB, data, p, end) : 0;
            if (len == 0) {
                len = rowLength(pp, 0, kB, nullBytesB, data, p, end);
            }
            if (len == 0) {
                break;
            }
            p += len;
            if (update) {
                len = fastA >= 0 ? fastLength(pp, limit, kA - limit, fastA, nullBytesA, data, p, end) : 0;
                if (len == 0) {
                    len = rowLength(pp, limit, kA - limit, nullBytesA, data, p, end);
                }
                if (len == 0) {
                    break;
                }
                p += len;
            }
        }
        return n;
    }

    /**
     * Whether {@link #fastLength} can measure rows of an image: -1 when not (more than 8 present
     * columns, or one the walk stops at), else the mask of its null bits.
     */
    private static int fastPlan(int[] plans, int from, int k) {
        if (k > 8) {
            return -1;
        }
        for (int j = 0; j < k; j++) {
            if (plans[from + j] == 0) {
                return -1;
            }
        }
        return (1 << k) - 1;
    }

    /**
     * The length of a row whose present columns' null bits ({@code nullMask}) are all clear, as
     * {@link #rowLength(int[], int, int, int, MemorySegment, long, long)} measures it; 0 when one is
     * set or a bound is passed (the caller then takes the column-by-column walk).
     */
    private static long fastLength(int[] plans, int from, int k, int nullMask, int nullBytes, MemorySegment data,
                                   long start, long end) {
        // the null bits of at most 8 columns are all in the first byte of the bitmap
        if (nullMask != 0 && (start >= end || (data.get(ValueLayout.JAVA_BYTE, start) & nullMask) != 0)) {
            return 0;
        }
        long p = start + nullBytes;
        for (int j = 0; j < k; j++) {
            int plan = plans[from + j];
            if (plan > 0) {
                p += plan;
            } else {
                long size = prefixed(data, p, end, plan);
                if (size == 0) {
                    return 0;
                }
                p += size;
            }
        }
        return p > end ? 0 : p - start;
    }

    /**
     * {@code calc_row_event_length} with the plans of the image's present columns
     * ({@code plans[from..from+k)}) and its null bitmap size worked out beforehand.
     */
    private static long rowLength(int[] plans, int from, int k, int nullBytes, MemorySegment data, long start,
                                  long end) {
        long p = start + nullBytes;
        int nulls = 0;
        for (int j = 0; j < k; j++) {
            if ((j & 7) == 0) {
                long nb = start + (j >> 3);
                nulls = nb < end ? data.get(ValueLayout.JAVA_BYTE, nb) : 0;
            }
            if (((nulls >> (j & 7)) & 1) != 0) {
                continue;
            }
            int plan = plans[from + j];
            long size;
            if (plan > 0) {
                size = plan;
            } else {
                size = prefixed(data, p, end, plan);
                if (size == 0) {
                    return 0;
                }
            }
            if (p + size > end) {
                return 0;
            }
            p += size;
        }
        return p - start;
    }

    /** A length-prefixed value's bytes (prefix included) by its plan (-1..-4), 0 when it cannot tell. */
    private static long prefixed(MemorySegment data, long p, long end, int plan) {
        return switch (plan) {
            case -1 -> p + 1 <= end ? (data.get(ValueLayout.JAVA_BYTE, p) & 0xFF) + 1L : 0;
            case -2 -> p + 2 <= end ? (data.get(LE_SHORT, p) & 0xFFFF) + 2L : 0;
            case -3 -> p + 3 <= end ? ((data.get(LE_SHORT, p) & 0xFFFF)
                    | (data.get(ValueLayout.JAVA_BYTE, p + 2) & 0xFF) << 16) + 3L : 0;
            case -4 -> p + 4 <= end ? (data.get(LE_INT, p) & 0xFFFF_FFFFL) + 4L : 0;
            default -> 0;
        };
    }

    /** The type {@code exact} counting walks a column of type {@code type} as. */
    private static int exactType(int type) {
        // The server stores these as blobs / varchars (Field_geom, Field_blob_compressed, …).
        return switch (type) {
            case GEOMETRY, JSON, BLOB_COMPRESSED -> BLOB;
            case VARCHAR_COMPRESSED -> VARCHAR;
            default -> type;
        };
    }

    static long rowLength(TableDef td, RowsEventView rows, boolean after, MemorySegment data, long start, long end,
                          boolean exact) {
        return rowLength(td, rows, after, data, start, end, exact, null, null);
    }

    /**
     * {@code Rows_log_event::calc_row_event_length}: bytes of one row image, 0 when it cannot tell.
     * When {@code fieldPos} is given, records each present column's value offset and length (offset
     * -1 for NULL), as its {@code fields} argument does.
     */
    static long rowLength(TableDef td, RowsEventView rows, boolean after, MemorySegment data, long start, long end,
                          boolean exact, long[] fieldPos, long[] fieldLen) {
        int width = rows.columnCount();
        int columns = td.types.length;
        int present = 0;
        for (int i = 0; i < width; i++) {
            if (after ? rows.columnPresentAfter(i) : rows.columnPresent(i)) {
                present++;
            }
        }
        long nullBits = start;
        long p = start + (present + 7) / 8;
        int nullIndex = 0;
        for (int i = 0; i < columns; i++) {
            if (i >= width || !(after ? rows.columnPresentAfter(i) : rows.columnPresent(i))) {
                continue;
            }
            long nb = nullBits + nullIndex / 8;
            boolean isNull = nb < end && ((data.get(ValueLayout.JAVA_BYTE, nb) >> (nullIndex % 8)) & 1) != 0;
            if (!isNull) {
                int type = td.type(i);
                if (exact) {
                    type = exactType(type);
                }
                long size = fieldLength(data, p, end, type, td.meta[i]);
                if (size == 0 || p + size > end) {
                    return 0;
                }
                if (fieldPos != null) {
                    fieldPos[i] = p;
                    fieldLen[i] = size;
                }
                p += size;
            } else if (fieldPos != null) {
                fieldPos[i] = -1;
            }
            nullIndex++;
        }
        return p - start;
    }

    /** {@code calc_field_event_length}: bytes of one value, 0 for a type it does not know. */
    static long fieldLength(MemorySegment data, long p, long end, int type, int meta) {
        int plan = plan(type, meta);
        return plan >= 0 ? plan : prefixed(data, p, end, plan);
    }

    /**
     * The real type of a STRING column from its metadata: a CHAR longer than 255 bytes keeps the two
     * high bits of its length XOR-ed into bits 4-5 of the real type byte (MySQL bug #37426), as
     * {@code calc_field_event_length} and {@code log_event_print_value} decode it.
     */
    static int stringRealType(int meta) {
        int byte0 = meta >> 8;
        return meta >= 256 && (byte0 & 0x30) != 0x30 ? byte0 | 0x30 : STRING;
    }

    /** The length of a STRING column from its metadata (see {@link #stringRealType}). */
    static int stringLength(int meta) {
        if (meta < 256) {
            return meta;
        }
        int byte0 = meta >> 8;
        int byte1 = meta & 0xFF;
        return (byte0 & 0x30) != 0x30 ? byte1 | (((byte0 & 0x30) ^ 0x30) << 4) : byte1;
    }

    /**
     * What {@code calc_field_event_length} does with a value of {@code type} and {@code meta}: a
     * fixed size (> 0), minus the size of the length prefix it reads (-1..-4), or 0 when it gives up.
     */
    static int plan(int type, int meta) {
        int length = 0;
        if (type == STRING) {
            length = stringLength(meta);
            type = stringRealType(meta);
        }
        switch (type) {
            case LONG, TIMESTAMP, FLOAT -> {
                return 4;
            }
            case TINY, YEAR -> {
                return 1;
            }
            case SHORT -> {
                return 2;
            }
            case INT24, TIME, NEWDATE, DATE -> {
                return 3;
            }
            case LONGLONG, DATETIME, DOUBLE -> {
                return 8;
            }
            case NEWDECIMAL -> {
                return decimalBinarySize(meta >> 8, meta & 0xFF);
            }
            case BIT -> {
                int bits = (meta >> 8) * 8 + (meta & 0xFF);
                return (bits + 7) / 8;
            }
            case TIMESTAMP2 -> {
                return 4 + (meta + 1) / 2;
            }
            case DATETIME2 -> {
                return 5 + (meta + 1) / 2;
            }
            case TIME2 -> {
                return 3 + (meta + 1) / 2;
            }
            case ENUM -> {
                int pack = meta & 0xFF;
                return pack == 1 || pack == 2 ? pack : 0;
            }
            case SET -> {
                return meta & 0xFF;
            }
            case BLOB -> {
                return meta >= 1 && meta <= 4 ? -meta : 0;
            }
            case VARCHAR, VAR_STRING, STRING -> {
                if (type != STRING) {
                    length = meta;
                }
                return length < 256 ? -1 : -2;
            }
            default -> {
                return 0;
            }
        }
    }

    /** {@code my_decimal_get_binary_size} / {@code decimal_bin_size}. */
    static int decimalBinarySize(int precision, int scale) {
        int intg = precision - scale;
        return intg / 9 * 4 + DIG2BYTES[Math.max(0, intg % 9)] + scale / 9 * 4 + DIG2BYTES[scale % 9];
    }

    @Override
    public long printVerbose(RowsEventView rows, int verbosity, ByteSink out) {
        throw new UnsupportedOperationException(
                "decoding row values (-v, --base64-output=decode-rows -v) needs the parser's row decoder");
    }
}
