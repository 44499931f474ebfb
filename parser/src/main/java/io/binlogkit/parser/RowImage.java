package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * One row image (the row of a write or delete, or the before / after image of an update), a
 * flyweight filled by {@link RowCursor#next()}. Columns are addressed by their table index; only
 * the columns in the event's columns-present bitmap are in the image ({@link #isPresent}), e.g.
 * with {@code binlog_row_image=MINIMAL} or {@code NOBLOB}.
 *
 * <p>Tiers of access: raw bytes ({@link #segment()}, {@link #offset}, {@link #length}), primitives
 * ({@link #getLong}, {@link #getDouble}, {@link #getDecimalUnscaled}, {@link #temporal}, …, or every
 * column at once into a {@code long[]} with {@link #decodeInto}), and allocated values on demand
 * ({@link #getString}, {@link #getBigDecimal}, {@link #getJsonText}). Nothing is allocated per row;
 * values are decoded when read. Asking a column for a kind of value its type does not have is an
 * {@link IllegalStateException}.
 *
 * <p>Row image layout ({@code Rows_log_event::print_verbose_one_row} in MySQL's
 * {@code sql/log_event.cc}): a NULL bitmap with one bit per present column (LSB first), then the
 * non-NULL present columns back to back, each as {@code calc_field_size} says. The after image of
 * a Partial_update_rows event starts with {@code value_options} (packed) and, when bit 0
 * (PARTIAL_JSON_UPDATES) is set, a bitmap with one bit per JSON column of the table saying which
 * JSON values are diffs rather than documents.
 */
public final class RowImage {
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte VALUE = 2;

    private final RowCursor owner;
    private byte[] state = new byte[0];
    private long[] at = new long[0];
    private int[] len = new int[0];
    private boolean[] partial = new boolean[0];
    private int columnCount;
    /**
     * {@code columnCount} once {@link #locate()} has filled state/at/len for the current row, 0
     * before: every per-column accessor's index check compares with it, so the same compare that
     * rejects a bad index also locates an image that {@link RowCursor#lazy lazy} cursors left alone.
     */
    private int located;
    /** Offset of the image, or -1 while it is the end of {@link #previous} that is not walked yet. */
    private long start;
    /** Offset after the image, -1 until it has been walked (located or decoded in bulk). */
    private long end;
    /** The before image, for the after image of an update (it starts where that one ends). */
    private RowImage previous;
    // Bound by the cursor at every wrap (see bind), so that accessors read one field instead of
    // chasing owner.table.
    private MemorySegment seg;
    private long limit;
    private boolean[] present = new boolean[0];
    private int presentCount;
    private boolean partialAfterImage;
    private byte[] kind = new byte[0];
    private byte[] op = new byte[0];
    private int[] size = new int[0];
    private ColumnType[] type = new ColumnType[0];
    private int[] meta = new int[0];
    private long[] fast = new long[0];
    /** The row images of the event on the heap, once decodeInto has asked for them (see heap()). */
    private byte[] heap;
    private boolean heapTooLarge;
    private long heapBias;
    private int heapLimit;
    /** Every column present, 1..64 of them, no Partial_update_rows header: one word of NULL bits (decodeInto). */
    private boolean oneNullWord;
    private int nullBytes;
    private long nullMask;
    private int nullByte;
    private boolean anyPartial;
    private final TemporalValue temporal = new TemporalValue();
    private JsonDiffCursor diff;

    RowImage(RowCursor owner) {
        this.owner = owner;
    }

    // ---- decoding (package-private, called by RowCursor) ----------------------------------------

    /**
     * Binds the image to the rows event the cursor was just wrapped around: its memory, the end of
     * its row images, the columns-present bitmap of this image ({@code presentCount} true entries
     * of {@code present[0, columns)}, counted once per event by the cursor) and the table's plan.
     * {@code previous} is the before image when this is the after image of an update.
     */
    void bind(MemorySegment seg, long limit, boolean[] present, int columns, int presentCount,
              boolean partialAfterImage, RowImage previous) {
        TableMapEventView table = owner.table;
        if (state.length < columns) {
            int cap = Math.max(columns, state.length * 2);
            state = new byte[cap];
            at = new long[cap];
            len = new int[cap];
            partial = new boolean[cap];
        }
        ColumnPlan plan = table.plan();
        this.seg = seg;
        this.limit = limit;
        this.present = present;
        this.columnCount = columns;
        this.presentCount = presentCount;
        this.partialAfterImage = partialAfterImage;
        this.previous = previous;
        this.kind = plan.kind;
        this.op = plan.op;
        this.size = plan.size;
        this.type = plan.type;
        this.meta = table.metadataArray();
        this.fast = plan.fast;
        this.heap = null;
        this.heapTooLarge = false;
        this.oneNullWord = !partialAfterImage && presentCount == columns && columns >= 1 && columns <= 64;
        this.nullBytes = (presentCount + 7) >>> 3;
        this.nullMask = columns >= 64 ? -1L : (1L << columns) - 1;
        this.located = 0;
    }

    /** Points the image at the image of a row that {@link RowRunDecoder} has walked, from {@code pos} to {@code end}. */
    void walked(long pos, long end) {
        start = pos;
        this.end = end;
        located = 0;
    }

    /** Points the image at a new row: at {@code pos}, or (pos = -1) where {@link #previous} ends. */
    void reset(long pos) {
        start = pos;
        end = -1;
        located = 0;
    }

    /** Offset of the image, walking the before image first when this one starts where it ends. */
    private long start() {
        if (start < 0) {
            start = previous.end();
        }
        return start;
    }

    /** Offset after the image, locating it if it has not been walked yet. */
    long end() {
        return end >= 0 ? end : locate();
    }

    /**
     * The value_options and partial-JSON bitmap of a Partial_update_rows after image (filling
     * {@link #partial}); returns the offset of the NULL bitmap.
     */
    private long skipPartialHeader(long pos) {
        MemorySegment seg = this.seg;
        int columns = columnCount;
        long partialBits = -1;
        if (partialAfterImage) {
            owner.need(pos, 1, "value_options", pos);
            int size1 = Bytes.packedSize(seg, pos);
            owner.need(pos, size1, "value_options", pos);
            long options = Bytes.packed(seg, pos);
            pos += size1;
            if ((options & 1) != 0) {
                TableMapEventView table = owner.table;
                int n = (table.jsonColumnCount() + 7) / 8;
                owner.need(pos, n, "partial JSON bitmap", pos);
                partialBits = pos;
                pos += n;
            }
        }
        if (partialBits >= 0) {
            TableMapEventView table = owner.table;
            for (int i = 0; i < columns; i++) {
                int j = table.jsonOrdinal(i);
                partial[i] = j >= 0 && (Bytes.u8(seg, partialBits + (j >> 3)) & (1 << (j & 7))) != 0;
            }
            anyPartial = true;
        } else if (anyPartial) {
            java.util.Arrays.fill(partial, false);
            anyPartial = false;
        }
        return pos;
    }

    /** Locates every column of the image (state, at, len); returns the offset after it. */
    long locate() {
        long pos = skipPartialHeader(start());
        MemorySegment seg = this.seg;
        long limit = this.limit;
        int columns = columnCount;
        int presentCount = this.presentCount;
        boolean[] present = this.present;
        int nullBytes = (presentCount + 7) / 8;
        owner.need(pos, nullBytes, "NULL bitmap", pos);
        long nullAt = pos;
        pos += nullBytes;
        byte[] state = this.state;
        if (presentCount == columns) {
            // Every column present (binlog_row_image=FULL, the default): NULL bit i is column i's,
            // read a byte at a time.
            for (int i = 0; i < columns; i++) {
                if ((i & 7) == 0) {
                    nullByte = Bytes.u8(seg, nullAt + (i >> 3));
                }
                if ((nullByte & (1 << (i & 7))) != 0) {
                    state[i] = NULL;
                    continue;
                }
                pos = locateValue(i, pos, limit);
            }
            return located(pos);
        }
        int bit = 0;
        for (int i = 0; i < columns; i++) {
            if (!present[i]) {
                state[i] = ABSENT;
                continue;
            }
            boolean isNull = (Bytes.u8(seg, nullAt + (bit >> 3)) & (1 << (bit & 7))) != 0;
            bit++;
            if (isNull) {
                state[i] = NULL;
                continue;
            }
            pos = locateValue(i, pos, limit);
        }
        return located(pos);
    }

    /** Column {@code i} has a value at {@code pos}: records where, and returns the offset after it. */
    private long locateValue(int i, long pos, long limit) {
        state[i] = VALUE;
        int sz = size[i];
        if (sz < 0) {
            return locateVariable(i, pos, limit, sz);
        }
        if (pos + sz > limit) {
            throw truncated(i, pos, sz, "", pos);
        }
        at[i] = pos;
        len[i] = sz;
        return pos + sz;
    }

    private long located(long pos) {
        located = columnCount;
        end = pos;
        return pos;
    }

    /**
     * A length-prefixed value ({@code sz} = minus the prefix size) or a column whose metadata the
     * plan rejected ({@link ColumnPlan#INVALID}); sets at[i]/len[i], returns the value's end.
     */
    private long locateVariable(int i, long pos, long end, int sz) {
        if (sz < -4) {
            throw invalidColumn(i, pos);
        }
        int prefix = -sz;
        if (pos + prefix > end) {
            throw truncated(i, pos, prefix, " length", pos);
        }
        long n = switch (prefix) {
            case 1 -> Bytes.u8(seg, pos);
            case 2 -> Bytes.u16(seg, pos);
            case 3 -> Bytes.u24(seg, pos);
            default -> Bytes.u32(seg, pos);
        };
        long from = pos + prefix;
        if (from + n > end) {
            throw truncated(i, from, n, "", pos);
        }
        at[i] = from;
        len[i] = (int) n;
        return from + n;
    }

    /** The bounds error of a value that does not fit the row images (the field name is built only here). */
    private BinlogFormatException truncated(int i, long p, long n, String suffix, long at) {
        return owner.shortOf(p, n, column(i) + suffix, at);
    }

    /** The error for a non-NULL value of a column whose metadata {@link ColumnPlan} rejected. */
    private BinlogFormatException invalidColumn(int i, long pos) {
        int type = owner.table.realTypeCode(i);
        int meta = owner.table.metadataUnchecked(i);
        ColumnType t = ColumnType.ofCode(type);
        if (t == null) {
            return owner.error(i, "column type", "a type that row events carry", "null (" + type + ")", pos);
        }
        return switch (t) {
            case NEWDECIMAL -> owner.error(i, "DECIMAL precision and scale", "precision 1..65, scale <= 30",
                    "(" + (meta >> 8) + "," + (meta & 0xFF) + ")", pos);
            case TIME2, DATETIME2, TIMESTAMP2 ->
                    owner.error(i, "fractional seconds precision", "0..6", String.valueOf(meta), pos);
            case BIT -> owner.error(i, "BIT length", "1..64 bits", (meta >> 8) + " bytes and " + (meta & 0xFF) + " bits", pos);
            case ENUM -> owner.error(i, "ENUM pack length", "1 or 2", String.valueOf(meta & 0xFF), pos);
            case SET -> owner.error(i, "SET pack length", "1..8", String.valueOf(meta & 0xFF), pos);
            case BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY, JSON, VECTOR, BLOB_COMPRESSED ->
                    owner.error(i, "length-prefix size", "1..4", String.valueOf(meta), pos);
            default -> owner.error(i, "column type", "a type that row events carry", t + " (" + type + ")", pos);
        };
    }

    private String column(int i) {
        return "column " + i + " (" + ColumnType.ofCode(owner.table.realTypeCode(i)) + ")";
    }

    // ---- presence -------------------------------------------------------------------------------

    /** Number of columns of the table (present or not). */
    public int columnCount() {
        return columnCount;
    }

    /** Whether column {@code i} is in this image (the same for every row of a rows event). */
    public boolean isPresent(int i) {
        if (i < 0 || i >= columnCount) {
            throw outOfRange(i);
        }
        return present[i];
    }

    /** Whether column {@code i} is SQL NULL; false for columns not in the image. */
    public boolean isNull(int i) {
        checkIndex(i);
        return state[i] == NULL;
    }

    /** The column's type (the real type: ENUM and SET, not STRING). */
    public ColumnType columnType(int i) {
        if (i < 0 || i >= columnCount) {
            throw outOfRange(i);
        }
        return type[i];
    }

    /** Offset of the image in {@link #segment()} (its NULL bitmap, or value_options of a partial after image). */
    public long imageOffset() {
        return start();
    }

    /**
     * Offset in {@link #segment()} of the first row image of the event, the origin of the
     * locations that {@link #decodeInto} and {@link RowCursor#nextRows} give for strings and other
     * bytes (0 for the inflated images of a compressed event).
     */
    public long rowImagesOffset() {
        return owner.rowImagesOffset();
    }

    // ---- tier 1: raw bytes ----------------------------------------------------------------------

    /** Memory the values are in: the file mapping, or the cursor's inflate buffer for compressed events. */
    public MemorySegment segment() {
        return owner.data;
    }

    /** Offset of column {@code i}'s value in {@link #segment()}, after any length prefix. */
    public long offset(int i) {
        value(i);
        return at[i];
    }

    /** Length in bytes of column {@code i}'s value, without its length prefix. */
    public int length(int i) {
        value(i);
        return len[i];
    }

    /** A copy of column {@code i}'s value bytes (tier 3). */
    public byte[] getBytes(int i) {
        value(i);
        return Bytes.copy(owner.data, at[i], len[i]);
    }

    /**
     * Column {@code i}'s bytes decoded as UTF-8 (tier 3): for CHAR, VARCHAR, TEXT/BLOB, and JSON in
     * MariaDB (where it is LONGTEXT). Use {@link #getString(int, Charset)} for other charsets, and
     * {@link #getJsonText(int)} for MySQL binary JSON.
     */
    public String getString(int i) {
        return getString(i, StandardCharsets.UTF_8);
    }

    public String getString(int i, Charset charset) {
        value(i);
        return new String(Bytes.copy(owner.data, at[i], len[i]), charset);
    }

    // ---- tier 2: primitives ---------------------------------------------------------------------

    /**
     * Integers (TINY, SHORT, INT24, LONG, LONGLONG) sign- or zero-extended as the table map's
     * SIGNEDNESS field says (signed when it does not say; an UNSIGNED BIGINT above
     * {@link Long#MAX_VALUE} comes out negative: use {@link Long#toUnsignedString}); also YEAR (the
     * year, 0 for 0000), BIT (the bits as an unsigned number), ENUM (the 1-based index, 0 for ''),
     * SET (the member bitmask) and TIMESTAMP (epoch seconds).
     */
    public long getLong(int i) {
        value(i);
        MemorySegment s = seg;
        long p = at[i];
        return switch (kind[i]) {
            case ColumnPlan.K_INT8 -> (byte) Bytes.u8(s, p);
            case ColumnPlan.K_INT16 -> (short) Bytes.u16(s, p);
            case ColumnPlan.K_INT24 -> (Bytes.u24(s, p) << 8) >> 8;
            case ColumnPlan.K_INT32 -> Bytes.i32(s, p);
            case ColumnPlan.K_INT64, ColumnPlan.K_UINT64 -> Bytes.i64(s, p);
            default -> unsignedLong(i, s, p);
        };
    }

    /** Like {@link #getLong(int)} but integers are always zero-extended (what mysqlbinlog prints in parentheses). */
    public long getUnsignedLong(int i) {
        value(i);
        return unsignedLong(i, seg, at[i]);
    }

    private long unsignedLong(int i, MemorySegment s, long p) {
        return switch (kind[i]) {
            case ColumnPlan.K_INT8, ColumnPlan.K_UINT8 -> Bytes.u8(s, p);
            case ColumnPlan.K_INT16, ColumnPlan.K_UINT16 -> Bytes.u16(s, p);
            case ColumnPlan.K_INT24, ColumnPlan.K_UINT24 -> Bytes.u24(s, p);
            case ColumnPlan.K_INT32, ColumnPlan.K_UINT32, ColumnPlan.K_TIMESTAMP -> Bytes.u32(s, p);
            case ColumnPlan.K_INT64, ColumnPlan.K_UINT64 -> Bytes.i64(s, p);
            case ColumnPlan.K_YEAR -> {
                int y = Bytes.u8(s, p);
                yield y == 0 ? 0 : 1900 + y;
            }
            // Field_bit stores the value big-endian in (bits + 7) / 8 bytes
            case ColumnPlan.K_BIT -> Bytes.beN(s, p, len[i]);
            case ColumnPlan.K_ENUM_SET -> Bytes.uN(s, p, len[i]);
            default -> throw wrongKind(i, "an integer");
        };
    }

    /** ENUM: the 1-based index of the value (0 for the empty error value). */
    public int getEnumIndex(int i) {
        requireType(i, ColumnType.ENUM);
        return (int) getUnsignedLong(i);
    }

    /** SET: bit n set when the (n+1)-th member is in the value. */
    public long getSetBits(int i) {
        requireType(i, ColumnType.SET);
        return getUnsignedLong(i);
    }

    /** BIT(n): the bits as an unsigned number. */
    public long getBits(int i) {
        requireType(i, ColumnType.BIT);
        return getUnsignedLong(i);
    }

    /** DOUBLE, FLOAT (widened), and integers. */
    public double getDouble(int i) {
        value(i);
        return switch (kind[i]) {
            case ColumnPlan.K_DOUBLE -> Double.longBitsToDouble(Bytes.i64(seg, at[i]));
            case ColumnPlan.K_FLOAT -> getFloat(i);
            case ColumnPlan.K_INT8, ColumnPlan.K_INT16, ColumnPlan.K_INT24, ColumnPlan.K_INT32,
                 ColumnPlan.K_UINT8, ColumnPlan.K_UINT16, ColumnPlan.K_UINT24, ColumnPlan.K_UINT32,
                 ColumnPlan.K_INT64 -> getLong(i);
            case ColumnPlan.K_UINT64 -> unsignedToDouble(getLong(i));
            case ColumnPlan.K_DECIMAL -> getBigDecimal(i).doubleValue();
            default -> throw wrongKind(i, "a number");
        };
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    public float getFloat(int i) {
        requireType(i, ColumnType.FLOAT);
        return Float.intBitsToFloat(Bytes.i32(seg, at[i]));
    }

    /** DECIMAL: the declared scale. */
    public int decimalScale(int i) {
        requireType(i, ColumnType.NEWDECIMAL);
        return meta[i] & 0xFF;
    }

    /** DECIMAL: the declared precision. */
    public int decimalPrecision(int i) {
        requireType(i, ColumnType.NEWDECIMAL);
        return meta[i] >> 8;
    }

    /** Whether {@link #getDecimalUnscaled(int)} can hold every value of the column (precision <= 18). */
    public boolean decimalFitsLong(int i) {
        return DecimalBinary.fitsLong(decimalPrecision(i));
    }

    /**
     * DECIMAL as its unscaled value: 12.50 in a DECIMAL(5,2) is 1250. Only for precision <= 18
     * ({@link #decimalFitsLong}); use {@link #getBigDecimal(int)} otherwise.
     */
    public long getDecimalUnscaled(int i) {
        requireType(i, ColumnType.NEWDECIMAL);
        int precision = meta[i] >> 8;
        if (!DecimalBinary.fitsLong(precision)) {
            throw tooPrecise(i, precision);
        }
        try {
            return DecimalBinary.unscaled(seg, at[i], precision, meta[i] & 0xFF);
        } catch (IllegalArgumentException e) {
            throw owner.valueError(i, "DECIMAL value", "digit groups of 9 digits", e.getMessage(), at[i]);
        }
    }

    /** DECIMAL as a BigDecimal with the column's scale (tier 3). */
    public BigDecimal getBigDecimal(int i) {
        requireType(i, ColumnType.NEWDECIMAL);
        try {
            return DecimalBinary.toBigDecimal(seg, at[i], meta[i] >> 8, meta[i] & 0xFF);
        } catch (IllegalArgumentException e) {
            throw owner.valueError(i, "DECIMAL value", "digit groups of 9 digits", e.getMessage(), at[i]);
        }
    }

    /**
     * Decodes a DATE, TIME, DATETIME, TIMESTAMP (old and fractional v2 formats) or YEAR into this
     * image's reusable {@link TemporalValue}, valid until the next call.
     *
     * <p>Formats (MySQL {@code my_time.cc} / {@code log_event.cc}): DATE 3 bytes LE
     * {@code year << 9 | month << 5 | day}; TIME 3 bytes LE {@code hhmmss} as a number; DATETIME
     * 8 bytes LE {@code YYYYMMDDhhmmss}; TIMESTAMP 4 bytes LE epoch seconds. The v2 formats are
     * big-endian, followed by {@code (fsp + 1) / 2} bytes of fraction: DATETIME2 is 40 bits
     * {@code 1 sign | 17 year*13+month | 5 day | 5 hour | 6 minute | 6 second} offset by 2^39;
     * TIME2 is 24 bits {@code 1 sign | 1 unused | 10 hour | 6 minute | 6 second} offset by 2^23
     * (negative values keep the fraction as a negative two's complement, see
     * {@code my_time_packed_from_binary}); TIMESTAMP2 is 4 bytes of epoch seconds.
     */
    public TemporalValue temporal(int i) {
        value(i);
        MemorySegment s = seg;
        long p = at[i];
        ColumnType t = type[i];
        TemporalValue v = temporal;
        // A small dispatcher over one method per format, so that the JIT inlines it (and the
        // hot formats) into the caller's loop; one big switch was too large to inline.
        switch (kind[i]) {
            case ColumnPlan.K_YEAR -> {
                v.clear(t, 0);
                int y = Bytes.u8(s, p);
                v.year = y == 0 ? 0 : 1900 + y;
            }
            case ColumnPlan.K_DATE -> date(v, t, s, p);
            case ColumnPlan.K_TIME -> time(v, t, s, p);
            case ColumnPlan.K_DATETIME -> datetime(v, t, s, p);
            case ColumnPlan.K_TIMESTAMP -> {
                v.clear(t, 0);
                v.setEpoch(Bytes.u32(s, p), 0);
            }
            case ColumnPlan.K_TIMESTAMP2 -> {
                int fsp = meta[i];
                v.clear(t, fsp);
                v.setEpoch(Bytes.u32be(s, p), fraction(s, p + 4, fsp));
            }
            case ColumnPlan.K_DATETIME2 -> datetime2(v, t, s, p, meta[i]);
            case ColumnPlan.K_TIME2 -> time2(v, t, s, p, meta[i]);
            default -> throw wrongKind(i, "a date or time");
        }
        return v;
    }

    private static void date(TemporalValue v, ColumnType t, MemorySegment s, long p) {
        v.clear(t, 0);
        int d = Bytes.u24(s, p);
        v.day = d & 31;
        v.month = (d >> 5) & 15;
        v.year = d >> 9;
    }

    private static void time(TemporalValue v, ColumnType t, MemorySegment s, long p) {
        v.clear(t, 0);
        int raw = (Bytes.u24(s, p) << 8) >> 8;
        v.negative = raw < 0;
        int a = Math.abs(raw);
        v.hour = a / 10000;
        v.minute = a / 100 % 100;
        v.second = a % 100;
    }

    private static void datetime(TemporalValue v, ColumnType t, MemorySegment s, long p) {
        v.clear(t, 0);
        long x = Bytes.i64(s, p);
        long d = x / 1_000_000;
        long tm = x % 1_000_000;
        v.year = (int) (d / 10000);
        v.month = (int) (d % 10000 / 100);
        v.day = (int) (d % 100);
        v.hour = (int) (tm / 10000);
        v.minute = (int) (tm % 10000 / 100);
        v.second = (int) (tm % 100);
    }

    private static void datetime2(TemporalValue v, ColumnType t, MemorySegment s, long p, int meta) {
        v.clear(t, meta);
        // my_datetime_packed_from_binary: 5 bytes - DATETIMEF_INT_OFS, signed fraction
        long intPart = ((Bytes.u32be(s, p) << 8) | Bytes.u8(s, p + 4)) - 0x80_0000_0000L;
        long frac = signedFraction(s, p + 5, meta);
        long packed = (intPart << 24) + frac;
        boolean neg = packed < 0;
        long a = neg ? -packed : packed;
        v.negative = neg;
        v.micros = (int) (a % (1L << 24));
        long ymdhms = a >> 24;
        long ymd = ymdhms >> 17;
        long ym = ymd >> 5;
        long hms = ymdhms % (1 << 17);
        v.day = (int) (ymd % (1 << 5));
        v.month = (int) (ym % 13);
        v.year = (int) (ym / 13);
        v.second = (int) (hms % (1 << 6));
        v.minute = (int) ((hms >> 6) % (1 << 6));
        v.hour = (int) (hms >> 12);
    }

    private static void time2(TemporalValue v, ColumnType t, MemorySegment s, long p, int meta) {
        v.clear(t, meta);
        long packed = time2Packed(s, p, meta);
        boolean neg = packed < 0;
        long a = neg ? -packed : packed;
        v.negative = neg;
        v.micros = (int) (a % (1L << 24));
        long hms = a >> 24;
        v.hour = (int) ((hms >> 12) % (1 << 10));
        v.minute = (int) ((hms >> 6) % (1 << 6));
        v.second = (int) (hms % (1 << 6));
    }

    /** Unsigned big-endian fraction of a TIMESTAMP2, scaled to microseconds. */
    private static int fraction(MemorySegment s, long p, int fsp) {
        return switch (fsp) {
            case 1, 2 -> Bytes.u8(s, p) * 10000;
            case 3, 4 -> Bytes.u16be(s, p) * 100;
            case 5, 6 -> Bytes.u24be(s, p);
            default -> 0;
        };
    }

    /** Signed big-endian fraction (mi_sint*korr) as my_datetime_packed_from_binary reads it. */
    private static long signedFraction(MemorySegment s, long p, int fsp) {
        return switch (fsp) {
            case 1, 2 -> (byte) Bytes.u8(s, p) * 10000L;
            case 3, 4 -> (short) Bytes.u16be(s, p) * 100L;
            case 5, 6 -> (Bytes.u24be(s, p) << 8) >> 8;
            default -> 0;
        };
    }

    /** my_time_packed_from_binary (MySQL mysys/my_time.cc). */
    private static long time2Packed(MemorySegment s, long p, int fsp) {
        final long intOfs = 0x800000L;
        switch (fsp) {
            case 1, 2 -> {
                // frac is read unsigned ((uint) ptr[3]); a negative value's fraction is 0x100 - frac
                long intPart = Bytes.u24be(s, p) - intOfs;
                int frac = Bytes.u8(s, p + 3);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                return (intPart << 24) + frac * 10000L;
            }
            case 3, 4 -> {
                long intPart = Bytes.u24be(s, p) - intOfs;
                int frac = Bytes.u16be(s, p + 3);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                return (intPart << 24) + frac * 100L;
            }
            case 5, 6 -> {
                return ((Bytes.u32be(s, p) << 16) | Bytes.u16be(s, p + 4)) - 0x8000_0000_0000L;
            }
            default -> {
                return (Bytes.u24be(s, p) - intOfs) << 24;
            }
        }
    }

    // ---- tier 2 in bulk -------------------------------------------------------------------------

    /**
     * Every column of the image as one primitive {@code long}, in a single pass over the row's
     * bytes: the values the per-column accessors give, without their per-call checks, for a caller
     * that reads every value (on a {@link RowCursor#lazy lazy} cursor the values are located and
     * decoded in the same pass). Allocates nothing. {@code values[i]} is column i's value as the
     * table says, or 0 when the column has none ({@code nulls} bit set):
     *
     * <table>
     * <caption>values[i] by column type</caption>
     * <tr><th>type</th><th>values[i]</th></tr>
     * <tr><td>TINY, SHORT, INT24, LONG, LONGLONG, YEAR</td><td>{@link #getLong}: signedness as the
     *     table map says, the year (0 for 0000)</td></tr>
     * <tr><td>BIT, ENUM, SET</td><td>{@link #getBits}, {@link #getEnumIndex}, {@link #getSetBits}</td></tr>
     * <tr><td>FLOAT</td><td>{@code Float.floatToRawIntBits(getFloat(i))}, sign-extended: read it back
     *     with {@code Float.intBitsToFloat((int) v)}</td></tr>
     * <tr><td>DOUBLE</td><td>{@code Double.doubleToRawLongBits(getDouble(i))}</td></tr>
     * <tr><td>NEWDECIMAL of precision &lt;= 18</td><td>{@link #getDecimalUnscaled}; the scale is
     *     {@link #decimalScale}</td></tr>
     * <tr><td>DATE, NEWDATE, DATETIME, DATETIME2</td><td>MySQL's packed datetime of the
     *     {@link #temporal} fields ({@code TIME_to_longlong_datetime_packed}, mysys/my_time.cc):
     *     {@code ((((year * 13 + month) << 5 | day) << 17 | hour << 12 | minute << 6 | second) << 24) + micros},
     *     negated when {@code negative}; for a DATETIME2 it is the stored value itself</td></tr>
     * <tr><td>TIME, TIME2</td><td>MySQL's packed time ({@code TIME_to_longlong_time_packed}):
     *     {@code ((hour << 12 | minute << 6 | second) << 24) + micros}, negated when {@code negative}</td></tr>
     * <tr><td>TIMESTAMP, TIMESTAMP2</td><td>microseconds since the epoch:
     *     {@code epochSecond * 1_000_000 + micros}</td></tr>
     * <tr><td>everything else: CHAR, VARCHAR, TEXT/BLOB, JSON, GEOMETRY, VECTOR, NEWDECIMAL of
     *     precision &gt; 18, …</td><td>where the bytes are: {@code (offset(i) - imageOffset()) << 32 | length(i)}
     *     (both unsigned 32-bit; an image lies inside one event); read a wide DECIMAL with
     *     {@link #getBigDecimal}</td></tr>
     * </table>
     *
     * <p>The packed temporals hold every value a server writes; only fields outside their ranges
     * (month &gt; 12, minute &gt; 63, …: a damaged DATE or pre-5.6 DATETIME/TIME, whose
     * {@link #temporal} fields are read as they are stored) do not unpack to the same fields.
     * Unpacking: {@code micros = v & 0xFFFFFF}, {@code second = v >> 24 & 63},
     * {@code minute = v >> 30 & 63}, then for a time {@code hour = v >> 36 & 1023}; for a datetime
     * {@code hour = v >> 36 & 31}, {@code day = v >> 41 & 31}, {@code month = (v >> 46) % 13},
     * {@code year = (v >> 46) / 13} (of the absolute value when negative).
     *
     * @param values at least {@link #columnCount()} longs
     * @param nulls  at least {@code (columnCount() + 63) / 64} longs: bit {@code i & 63} of
     *               {@code nulls[i >> 6]} is set when column i has no value, because it is SQL
     *               NULL or not in the image ({@link #isPresent} tells the two apart, and is the
     *               same for every row of a rows event)
     * @return the number of columns with a value (present and not NULL)
     * @throws BinlogFormatException    when the row is damaged: the error the per-column path
     *                                  ({@link RowCursor#next()}, then the accessors above column
     *                                  by column) reports first, with the same field and offset
     * @throws IllegalArgumentException when an array is too short
     */
    public int decodeInto(long[] values, long[] nulls) {
        int columns = columnCount;
        if (values.length < columns || nulls.length < ((columns + 63) >>> 6)) {
            throw tooShort(values, nulls);
        }
        long base = start >= 0 ? start : start();
        byte[] b = heap != null || heapTooLarge ? heap : heap();
        if (oneNullWord && b != null) {
            // The common case: every column present, 1..64 of them, the NULL bitmap one word
            int q = (int) (base - heapBias);
            int lim = heapLimit;
            if (q + nullBytes <= lim) {
                long none = Bytes.i64(b, q) & nullMask;
                nulls[0] = none;
                q += nullBytes;
                long[] fast = this.fast;
                int i = 0;
                // The values the fast plan reads (at most 8 bytes, or a length-prefixed value),
                // from the heap copy of the row images with its 8 spare bytes: one 8-byte read
                // each. Nothing in this loop calls out, so that the JIT keeps its state in
                // registers; the first value it does not read (another type, the end of the row
                // images, something out of range) leaves it for decodeRest.
                for (; i < columns; i++) {
                    if ((none & (1L << i)) != 0) {
                        values[i] = 0;
                        continue;
                    }
                    long f = fast[i];
                    if (f < 0 || q >= lim) {
                        break;
                    }
                    long v = ColumnPlan.fastValue(f, Bytes.i64(b, q), q);
                    long next = q + ColumnPlan.fastSize(f, v);
                    if (next > lim || ColumnPlan.isBadDecimal(f, v)) {
                        break;
                    }
                    values[i] = v;
                    q = (int) next;
                }
                long pos = q + heapBias;
                end = i < columns ? decodeRest(i, pos, values, nulls) : pos;
                return columns - Long.bitCount(none);
            }
        }
        long pos = skipPartialHeader(base);
        int nullBytes = (presentCount + 7) >>> 3;
        owner.need(pos, nullBytes, "NULL bitmap", pos);
        int missing = nullBits(seg, pos, nulls, columns, (columns + 63) >>> 6);
        end = decodeRest(0, pos + nullBytes, values, nulls);
        return columns - missing;
    }

    /** The row images of the event on the heap ({@link RowCursor#rowBytes()}), bound to this image; null if too large. */
    private byte[] heap() {
        byte[] b = owner.rowBytes();
        if (b == null) {
            heapTooLarge = true;
        } else {
            heap = b;
            heapBias = owner.rowBytesBase;
            heapLimit = (int) (limit - heapBias);
        }
        return b;
    }

    /**
     * The values of columns {@code i..} of the image, the first at {@code pos}, with the NULL bits
     * already in {@code nulls}: the fast reads of {@link #decodeInto} where they apply (from the
     * heap copy), every other value by checkedValue; returns the offset after the image.
     */
    private long decodeRest(int i, long pos, long[] values, long[] nulls) {
        int columns = columnCount;
        MemorySegment s = seg;
        byte[] b = heap;
        long bias = heapBias;
        int lim = b != null ? heapLimit : 0;
        long[] fast = this.fast;
        for (; i < columns; i++) {
            if ((nulls[i >>> 6] & (1L << i)) != 0) {
                values[i] = 0;
                continue;
            }
            long f = fast[i];
            if (b != null && f >= 0 && pos - bias < lim) {
                int q = (int) (pos - bias);
                long v = ColumnPlan.fastValue(f, Bytes.i64(b, q), q);
                long next = q + ColumnPlan.fastSize(f, v);
                if (next <= lim && !ColumnPlan.isBadDecimal(f, v)) {
                    values[i] = v;
                    pos = next + bias;
                    continue;
                }
            }
            // another type, or something out of range: checked, for the error
            pos = checkedValue(i, s, pos, values);
        }
        return pos;
    }

    /**
     * Column i's value at {@code p} into {@code values[i]}, read from the segment with every read
     * checked against the end of the row images; returns the offset after the value. The values
     * the fast reads of {@link #decodeInto} leave: other types, row images too large to copy, and
     * anything out of range, whose error this reports as the accessors do.
     */
    private long checkedValue(int i, MemorySegment s, long p, long[] values) {
        long limit = this.limit;
        long rows = owner.rowImagesOffset();
        byte o = op[i];
        long v;
        long pos;
        if (o < ColumnPlan.OP_PREFIX1) {
            int n = size[i];
            if (p + n > limit) {
                throw truncated(i, p, n, "", p);
            }
            pos = p + n;
            v = switch (o) {
                case ColumnPlan.K_INT8 -> (byte) Bytes.u8(s, p);
                case ColumnPlan.K_INT16 -> (short) Bytes.u16(s, p);
                case ColumnPlan.K_INT24 -> (Bytes.u24(s, p) << 8) >> 8;
                case ColumnPlan.K_INT32, ColumnPlan.K_FLOAT -> Bytes.i32(s, p);
                case ColumnPlan.K_INT64, ColumnPlan.K_UINT64, ColumnPlan.K_DOUBLE -> Bytes.i64(s, p);
                case ColumnPlan.K_UINT8 -> Bytes.u8(s, p);
                case ColumnPlan.K_UINT16 -> Bytes.u16(s, p);
                case ColumnPlan.K_UINT24 -> Bytes.u24(s, p);
                case ColumnPlan.K_UINT32 -> Bytes.u32(s, p);
                case ColumnPlan.K_YEAR -> year(Bytes.u8(s, p));
                case ColumnPlan.K_BIT -> Bytes.beN(s, p, n);
                case ColumnPlan.K_ENUM_SET -> Bytes.uN(s, p, n);
                case ColumnPlan.K_DECIMAL -> {
                    int layout = fast[i] < 0 ? -1 : ColumnPlan.fastParameter(fast[i]);
                    long u = layout < 0 ? Long.MIN_VALUE : DecimalBinary.unscaled(
                            p + 8 <= limit ? Bytes.i64be(s, p) : Bytes.beN(s, p, n) << -(n << 3), n, layout);
                    yield u != Long.MIN_VALUE ? u : decimal(i, s, p, meta[i]);
                }
                case ColumnPlan.K_TIMESTAMP -> Bytes.u32(s, p) * 1_000_000L;
                case ColumnPlan.K_TIMESTAMP2 -> Bytes.u32be(s, p) * 1_000_000L + fraction(s, p + 4, meta[i]);
                case ColumnPlan.K_DATETIME2 ->
                        ((((Bytes.u32be(s, p) << 8) | Bytes.u8(s, p + 4)) - 0x80_0000_0000L) << 24)
                                + signedFraction(s, p + 5, meta[i]);
                case ColumnPlan.K_DATE -> packedDate(Bytes.u24(s, p));
                case ColumnPlan.K_TIME -> packedTime(Bytes.u24(s, p));
                case ColumnPlan.K_DATETIME -> packedDatetime(Bytes.i64(s, p));
                case ColumnPlan.K_TIME2 -> packedTime2(time2Packed(s, p, meta[i]));
                default -> (p - rows) << 32 | n; // OP_LOCATION
            };
        } else {
            if (o == ColumnPlan.OP_INVALID) {
                throw invalidColumn(i, p);
            }
            int prefix = o - ColumnPlan.OP_PREFIX1 + 1;
            if (p + prefix > limit) {
                throw truncated(i, p, prefix, " length", p);
            }
            long n = switch (prefix) {
                case 1 -> Bytes.u8(s, p);
                case 2 -> Bytes.u16(s, p);
                case 3 -> Bytes.u24(s, p);
                default -> Bytes.u32(s, p);
            };
            long from = p + prefix;
            if (from + n > limit) {
                throw truncated(i, from, n, "", p);
            }
            v = (from - rows) << 32 | n;
            pos = from + n;
        }
        values[i] = v;
        return pos;
    }

    /**
     * Fills {@code nulls[0, words)} from the NULL bitmap at {@code nullAt} (bit i: column i NULL or
     * not present); returns the number of bits set.
     */
    private int nullBits(MemorySegment s, long nullAt, long[] nulls, int columns, int words) {
        int count = 0;
        if (presentCount == columns) {
            // NULL bit i is column i's: the bitmap is the answer, 8 bytes at a time
            int nullBytes = (columns + 7) >>> 3;
            for (int w = 0; w < words; w++) {
                int from = w << 3;
                long bits = nullBytes - from >= 8
                        ? Bytes.i64(s, nullAt + from)
                        : Bytes.uN(s, nullAt + from, nullBytes - from);
                int rest = columns - (w << 6);
                if (rest < 64) {
                    bits &= (1L << rest) - 1;
                }
                nulls[w] = bits;
                count += Long.bitCount(bits);
            }
            return count;
        }
        java.util.Arrays.fill(nulls, 0, words, 0L);
        boolean[] present = this.present;
        int bit = 0;
        for (int i = 0; i < columns; i++) {
            boolean none = !present[i];
            if (!none) {
                none = (Bytes.u8(s, nullAt + (bit >> 3)) & (1 << (bit & 7))) != 0;
                bit++;
            }
            if (none) {
                nulls[i >>> 6] |= 1L << i;
                count++;
            }
        }
        return count;
    }

    private static long year(int y) {
        return y == 0 ? 0 : 1900 + y;
    }

    /** {@link #getDecimalUnscaled} at {@code p}, for {@link #decodeInto}. */
    private long decimal(int i, MemorySegment s, long p, int meta) {
        try {
            return DecimalBinary.unscaled(s, p, meta >> 8, meta & 0xFF);
        } catch (IllegalArgumentException e) {
            throw badDecimal(i, p, e);
        }
    }

    /** The error of a DECIMAL whose digit groups are damaged (see {@link RowCursor#valueError}). */
    private BinlogFormatException badDecimal(int i, long p, IllegalArgumentException e) {
        return owner.valueError(i, "DECIMAL value", "digit groups of 9 digits", e.getMessage(), p);
    }

    /** MySQL's packed datetime (TIME_to_longlong_datetime_packed) of the fields, as {@link #decodeInto} documents. */
    private static long packDatetime(long year, long month, long day, long hour, long minute, long second,
                                     long micros, boolean negative) {
        long ymd = ((year * 13 + month) << 5) | day;
        long hms = (hour << 12) | (minute << 6) | second;
        long v = (((ymd << 17) | hms) << 24) + micros;
        return negative ? -v : v;
    }

    /** MySQL's packed time (TIME_to_longlong_time_packed) of the fields. */
    private static long packTime(long hour, long minute, long second, long micros, boolean negative) {
        long v = (((hour << 12) | (minute << 6) | second) << 24) + micros;
        return negative ? -v : v;
    }

    // The fields below are computed exactly as temporal() computes them (see date, time, datetime).

    private static long packedDate(int d) {
        return packDatetime(d >> 9, (d >> 5) & 15, d & 31, 0, 0, 0, 0, false);
    }

    private static long packedTime(int u24) {
        int raw = (u24 << 8) >> 8;
        int a = Math.abs(raw);
        return packTime(a / 10000, a / 100 % 100, a % 100, 0, raw < 0);
    }

    private static long packedDatetime(long x) {
        long d = x / 1_000_000;
        long tm = x % 1_000_000;
        return packDatetime((int) (d / 10000), (int) (d % 10000 / 100), (int) (d % 100),
                (int) (tm / 10000), (int) (tm % 10000 / 100), (int) (tm % 100), 0, false);
    }

    /** A TIME2 as stored, without the hour bits above the 10 that temporal() keeps. */
    private static long packedTime2(long packed) {
        long a = Math.abs(packed) & ((1L << 46) - 1);
        return packed < 0 ? -a : a;
    }

    private IllegalArgumentException tooShort(long[] values, long[] nulls) {
        return new IllegalArgumentException("decodeInto needs " + columnCount + " values and "
                + ((columnCount + 63) >>> 6) + " null words, got " + values.length + " and " + nulls.length);
    }

    // ---- JSON -----------------------------------------------------------------------------------

    /** Whether JSON column {@code i} holds a partial update (a diff) rather than a document. */
    public boolean isPartialJson(int i) {
        checkIndex(i);
        return partial[i];
    }

    /**
     * MySQL binary JSON as text, exactly as {@code mysqlbinlog -v} prints it between its single
     * quotes ({@code Json_wrapper::to_string}). For a partial update use {@link #jsonDiff(int)}.
     */
    public String getJsonText(int i) {
        requireType(i, ColumnType.JSON);
        if (partial[i]) {
            throw new IllegalStateException("column " + i + " holds a JSON diff: use jsonDiff(" + i + ")");
        }
        try {
            return JsonBinary.toText(owner.data, at[i], len[i]);
        } catch (JsonBinary.Malformed e) {
            throw owner.valueError(i, "binary JSON", "a valid document", e.getMessage(), e.offset);
        }
    }

    /**
     * The diffs of a partially updated JSON column ({@link #isPartialJson}), as a reusable cursor
     * valid until the next call.
     */
    public JsonDiffCursor jsonDiff(int i) {
        requireType(i, ColumnType.JSON);
        if (!partial[i]) {
            throw new IllegalStateException("column " + i + " holds a whole JSON document: use getJsonText(" + i + ")");
        }
        if (diff == null) {
            diff = new JsonDiffCursor(owner);
        }
        diff.reset(i, at[i], at[i] + len[i]);
        return diff;
    }

    // ---- helpers --------------------------------------------------------------------------------

    // The checks below run for every value read: their failure messages are built in separate
    // methods so that the checks stay small enough to inline into the caller's loop.

    private void value(int i) {
        checkIndex(i);
        if (state[i] != VALUE) {
            throw notAValue(i);
        }
    }

    private IllegalStateException notAValue(int i) {
        return new IllegalStateException("column " + i + (state[i] == NULL ? " is NULL" : " is not in the image"));
    }

    private static IllegalStateException tooPrecise(int i, int precision) {
        return new IllegalStateException("column " + i + " is DECIMAL(" + precision + ", …): use getBigDecimal");
    }

    private void requireType(int i, ColumnType t) {
        value(i);
        if (type[i] != t) {
            throw wrongKind(i, t.name());
        }
    }

    private IllegalStateException wrongKind(int i, String wanted) {
        return new IllegalStateException("column " + i + " is " + columnType(i) + ", not " + wanted);
    }

    /** The index check of every per-column accessor; also locates the values on first use (see {@link #located}). */
    private void checkIndex(int i) {
        if (i < 0 || i >= located) {
            locateOrThrow(i);
        }
    }

    private void locateOrThrow(int i) {
        if (i < 0 || i >= columnCount) {
            throw outOfRange(i);
        }
        locate();
    }

    private IndexOutOfBoundsException outOfRange(int i) {
        return new IndexOutOfBoundsException("column " + i + " of " + columnCount);
    }
}
