package io.binlogkit.parser;

/**
 * How each column of a table sits in a row image and how its value is read, computed once per
 * Table_map (in {@link TableMapEventView#check()}, so a {@link TableMapRegistry} entry keeps it for
 * every rows event of its table id) and walked by {@link RowImage} as plain int arrays: locating the
 * values of a row is a loop over {@link #size} with no switch on the column type, and the typed
 * accessors switch on the small dense {@link #kind} instead of on {@link ColumnType} and the
 * optional SIGNEDNESS metadata.
 *
 * <p>Sizes follow {@code calc_field_size} in MySQL's
 * {@code libs/mysql/binlog/event/binary_log_funcs.cpp} (MariaDB: {@code Field::pack_length_from_metadata}
 * and friends): a fixed number of bytes, or a little-endian length prefix of 1..4 bytes before the
 * value. Metadata the row decoder rejects (a DECIMAL precision over 65, an fsp over 6, a BIT over
 * 64 bits, a type that rows never carry, …) is planned as {@link #INVALID}: the row decoder then
 * throws the {@link BinlogFormatException} that names the column, only when a non-NULL value of it
 * is actually met, exactly as before the plan existed.
 *
 * <p>For the bulk paths ({@link RowImage#decodeInto}, {@link RowCursor#nextRows}) each column also
 * has an {@link #op} (how its bytes become one {@code long}) and, for the common types, a
 * {@link #fast} plan read with one 8-byte access.
 */
final class ColumnPlan {
    /** {@link #size} of a column whose metadata makes its values unreadable. */
    static final int INVALID = Integer.MIN_VALUE;

    // Value kinds: what the accessors of RowImage do with the bytes. Integers carry their
    // signedness (the table map's SIGNEDNESS field), so getLong needs no second look-up.
    static final byte K_OTHER = 0;      // strings, blobs, JSON, GEOMETRY, VECTOR, NULL type: raw bytes only
    static final byte K_INT8 = 1;
    static final byte K_INT16 = 2;
    static final byte K_INT24 = 3;
    static final byte K_INT32 = 4;
    static final byte K_INT64 = 5;
    static final byte K_UINT8 = 6;
    static final byte K_UINT16 = 7;
    static final byte K_UINT24 = 8;
    static final byte K_UINT32 = 9;
    static final byte K_UINT64 = 10;
    static final byte K_YEAR = 11;
    static final byte K_BIT = 12;       // big-endian, length bytes
    static final byte K_ENUM_SET = 13;  // little-endian, length bytes
    static final byte K_FLOAT = 14;
    static final byte K_DOUBLE = 15;
    static final byte K_DECIMAL = 16;
    static final byte K_TIMESTAMP = 17;
    static final byte K_DATE = 18;
    static final byte K_TIME = 19;
    static final byte K_DATETIME = 20;
    static final byte K_TIMESTAMP2 = 21;
    static final byte K_DATETIME2 = 22;
    static final byte K_TIME2 = 23;

    // Bulk ops (RowImage.decodeInto): how a value's bytes become its long, in one switch per column.
    // The typed kinds keep their K_* number; the other columns are given as their location.
    /** Fixed-size bytes given as their location: the NULL type, DECIMAL wider than 18 digits. */
    static final byte OP_LOCATION = 24;
    /** Bytes after a little-endian length prefix of 1..4 bytes, given as their location. */
    static final byte OP_PREFIX1 = 25;
    static final byte OP_PREFIX2 = 26;
    static final byte OP_PREFIX3 = 27;
    static final byte OP_PREFIX4 = 28;
    /** Metadata the decoder rejects ({@link #INVALID} size). */
    static final byte OP_INVALID = 29;

    /** Per column: fixed size in bytes (>= 0), or minus the size of the length prefix (-1..-4), or {@link #INVALID}. */
    int[] size = new int[0];
    /** Per column: one of the K_* kinds. */
    byte[] kind = new byte[0];
    /** Per column: the real type (ENUM and SET resolved). */
    ColumnType[] type = new ColumnType[0];
    /** Per column: the bulk op, a K_* kind or one of the OP_* above. */
    byte[] op = new byte[0];
    // The bulk paths' fast cases (RowImage.decodeInto, RowRunDecoder): a value of at most 8 bytes,
    // or the length prefix of a string, read with one 8-byte access from the heap copy of the row
    // images (which has 8 spare bytes) and decoded without branches on its type's details.
    // fast[i] = class | bytes << 3 | parameter << 8, or -1 for the columns read by their op, so
    // that the loops read one long per column.
    /** A little-endian signed number of {@code bytes} bytes: signed integers, FLOAT, DOUBLE. */
    static final int F_SIGNED = 0;
    /** A little-endian unsigned number: unsigned integers, ENUM, SET. */
    static final int F_UNSIGNED = 1;
    /** Bytes after a little-endian length prefix of {@code bytes} bytes. */
    static final int F_PREFIXED = 2;
    /** A DECIMAL of at most 8 bytes and 18 digits (parameter: its {@link DecimalBinary#layout}). */
    static final int F_DECIMAL = 3;
    /** DATETIME2 (parameter: how to read its fraction, see {@link #fraction}). */
    static final int F_DATETIME2 = 4;
    /** TIMESTAMP2 (parameter as for DATETIME2). */
    static final int F_TIMESTAMP2 = 5;

    /** Per column: the fast class, size and parameter, see F_*; -1 for a column read by its op. */
    long[] fast = new long[0];

    static int fastClass(long f) {
        return (int) f & 7;
    }

    /** Bytes of the value, or of the length prefix of an F_PREFIXED one. */
    static int fastBytes(long f) {
        return (int) f >>> 3 & 15;
    }

    static int fastParameter(long f) {
        return (int) (f >>> 8);
    }

    /**
     * The value of a column of fast class and size {@code f} that starts at offset {@code at} of
     * the row images, given the 8 bytes from there as the little-endian {@code le}: the number, the
     * DECIMAL's unscaled value ({@link Long#MIN_VALUE} when a digit group is out of range, see
     * {@link #isBadDecimal}), the packed DATETIME2, the epoch microseconds of a TIMESTAMP2, or for
     * a length-prefixed value its location {@code (at + prefix) << 32 | length}. RowImage.decodeInto
     * documents the encodings; RowImage.checkedValue computes the same from a memory segment.
     */
    static long fastValue(long f, long le, int at) {
        int bytes = fastBytes(f);
        int shift = -(bytes << 3);
        int param = fastParameter(f);
        return switch (fastClass(f)) {
            case F_SIGNED -> le << shift >> shift;
            case F_UNSIGNED -> le << shift >>> shift;
            case F_PREFIXED -> (long) (at + bytes) << 32 | (le << shift >>> shift);
            case F_DECIMAL -> DecimalBinary.unscaled(Long.reverseBytes(le), bytes, param);
            case F_DATETIME2 -> {
                // my_datetime_packed_from_binary: 5 bytes - DATETIMEF_INT_OFS, then the signed fraction
                long raw = Long.reverseBytes(le);
                yield (((raw >>> 24) - 0x80_0000_0000L) << 24) + ((raw << 40) >> (param & 0xFF)) * (param >>> 8);
            }
            default -> { // F_TIMESTAMP2: epoch seconds, then the unsigned fraction
                long raw = Long.reverseBytes(le);
                yield (raw >>> 32) * 1_000_000L + ((raw << 32) >>> (param & 0xFF)) * (param >>> 8);
            }
        };
    }

    /** Bytes the value {@code v} that {@link #fastValue} gave takes in the row image, length prefix included. */
    static long fastSize(long f, long v) {
        int bytes = fastBytes(f);
        return fastClass(f) == F_PREFIXED ? bytes + (v & 0xFFFF_FFFFL) : bytes;
    }

    /** Whether {@link #fastValue} found a digit group out of range (only a DECIMAL can). */
    static boolean isBadDecimal(long f, long v) {
        return v == Long.MIN_VALUE && fastClass(f) == F_DECIMAL;
    }

    /**
     * Plans {@code columns} columns from the table map's decoded real types and metadata.
     * {@code hasMetadata} false (pre-GA 5.1 table maps) plans every column as {@link #INVALID}.
     */
    void compute(TableMapEventView table, int columns, int[] realType, int[] meta, boolean hasMetadata) {
        this.columns = columns;
        this.planned = 0;
        this.imaged = 0;
        if (size.length < columns) {
            int cap = Math.max(columns, size.length * 2);
            size = new int[cap];
            kind = new byte[cap];
            type = new ColumnType[cap];
            op = new byte[cap];
            fast = new long[cap];
        }
        for (int i = 0; i < columns; i++) {
            ColumnType t = ColumnType.ofCode(realType[i]);
            type[i] = t;
            if (t == null || !hasMetadata) {
                size[i] = INVALID;
                kind[i] = K_OTHER;
                op[i] = OP_INVALID;
                fast[i] = -1;
                continue;
            }
            size[i] = rowSize(t, meta[i]);
            kind[i] = kind(t, table.isUnsigned(i));
            op[i] = op(kind[i], size[i], meta[i]);
            planFast(i, meta[i]);
        }
    }

    /** {@link #fast} of column {@code i}, once its op and size are known. */
    private void planFast(int i, int meta) {
        byte o = op[i];
        int bytes = littleEndianBytes(o, size[i]);
        fast[i] = -1;
        if (bytes > 0) {
            int f = switch (o) {
                case K_INT8, K_INT16, K_INT24, K_INT32, K_INT64, K_UINT64, K_FLOAT, K_DOUBLE -> F_SIGNED;
                case OP_PREFIX1, OP_PREFIX2, OP_PREFIX3, OP_PREFIX4 -> F_PREFIXED;
                default -> F_UNSIGNED;
            };
            fast[i] = f | bytes << 3;
        } else if (o == K_DECIMAL) {
            int layout = DecimalBinary.layout(meta >> 8, meta & 0xFF);
            fast[i] = layout < 0 ? -1 : F_DECIMAL | size[i] << 3 | (long) layout << 8;
        } else if (o == K_DATETIME2 || o == K_TIMESTAMP2) {
            fast[i] = (o == K_DATETIME2 ? F_DATETIME2 : F_TIMESTAMP2) | size[i] << 3 | (long) fraction(meta) << 8;
        }
    }

    /**
     * How the fast path reads the fraction of a DATETIME2 / TIMESTAMP2 of {@code fsp} digits from
     * the 8 bytes starting at the value, big-endian: after skipping the 5 (4) bytes of the integer
     * part, shift right by the low byte (signed for DATETIME2, unsigned for TIMESTAMP2) and multiply
     * by the rest, to microseconds: 1 byte of hundredths, 2 bytes of hundred-microseconds or 3 of
     * microseconds (see RowImage.fraction and signedFraction).
     */
    static int fraction(int fsp) {
        return switch (fsp) {
            case 1, 2 -> 56 | 10000 << 8;
            case 3, 4 -> 48 | 100 << 8;
            case 5, 6 -> 40 | 1 << 8;
            default -> 56; // no fraction: times 0
        };
    }

    /**
     * Bytes of the little-endian number a column's value is (or its length prefix), -1 when it is
     * read otherwise: FLOAT and DOUBLE only at their usual sizes (the accessors read 4 and 8 bytes
     * whatever the metadata says).
     */
    private static int littleEndianBytes(byte op, int size) {
        return switch (op) {
            case K_INT8, K_UINT8 -> 1;
            case K_INT16, K_UINT16 -> 2;
            case K_INT24, K_UINT24 -> 3;
            case K_INT32, K_UINT32 -> 4;
            case K_INT64, K_UINT64 -> 8;
            case K_ENUM_SET -> size;
            case K_FLOAT -> size == 4 ? 4 : -1;
            case K_DOUBLE -> size == 8 ? 8 : -1;
            case OP_PREFIX1, OP_PREFIX2, OP_PREFIX3, OP_PREFIX4 -> op - OP_PREFIX1 + 1;
            default -> -1;
        };
    }

    /** The bulk op of a column of kind {@code k} whose values take {@code size} bytes. */
    private static byte op(byte k, int size, int meta) {
        if (size == INVALID) {
            return OP_INVALID;
        }
        if (size < 0) {
            return (byte) (OP_PREFIX1 - 1 - size);
        }
        if (k == K_OTHER || k == K_DECIMAL && !DecimalBinary.fitsLong(meta >> 8)) {
            return OP_LOCATION;
        }
        return k;
    }

    /** Bytes of a value in a row image: >= 0 fixed, -1..-4 length-prefixed, or {@link #INVALID}. */
    static int rowSize(ColumnType t, int meta) {
        return switch (t) {
            case TINY, YEAR -> 1;
            case SHORT -> 2;
            case INT24, DATE, NEWDATE, TIME -> 3;
            case LONG, TIMESTAMP -> 4;
            case LONGLONG, DATETIME -> 8;
            case FLOAT -> meta == 0 ? 4 : meta;
            case DOUBLE -> meta == 0 ? 8 : meta;
            case NULL -> 0;
            case NEWDECIMAL -> {
                int precision = meta >> 8;
                int scale = meta & 0xFF;
                yield DecimalBinary.validPrecision(precision, scale) ? DecimalBinary.size(precision, scale) : INVALID;
            }
            case TIME2 -> meta <= 6 ? 3 + (meta + 1) / 2 : INVALID;
            case DATETIME2 -> meta <= 6 ? 5 + (meta + 1) / 2 : INVALID;
            case TIMESTAMP2 -> meta <= 6 ? 4 + (meta + 1) / 2 : INVALID;
            case BIT -> {
                int n = (meta >> 8) + ((meta & 0xFF) > 0 ? 1 : 0);
                yield n <= 8 ? n : INVALID;
            }
            case ENUM -> {
                int n = meta & 0xFF;
                yield n == 1 || n == 2 ? n : INVALID;
            }
            case SET -> {
                int n = meta & 0xFF;
                yield n >= 1 && n <= 8 ? n : INVALID;
            }
            case STRING -> charLength(meta) > 255 ? -2 : -1;
            case VARCHAR, VAR_STRING, VARCHAR_COMPRESSED -> meta > 255 ? -2 : -1;
            case BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY, JSON, VECTOR, BLOB_COMPRESSED ->
                    meta >= 1 && meta <= 4 ? -meta : INVALID;
            default -> INVALID;
        };
    }

    /**
     * The length in bytes of a CHAR (STRING) column from its metadata {@code real_type << 8 | length}
     * ({@code Field_string::save_field_metadata}): a CHAR longer than 255 bytes keeps the two high
     * bits of its length XOR-ed into bits 4-5 of the real type byte (MySQL bug #37426), whose real
     * values (STRING, ENUM, SET) all have them set. See {@code max_display_length_for_field} in
     * MySQL's binary_log_funcs.cpp and {@code log_event_print_value} in MariaDB's log_event_client.cc.
     */
    static int charLength(int meta) {
        int b0 = meta >> 8;
        return b0 == 0 ? meta & 0xFF : (((meta >> 4) & 0x300) ^ 0x300) + (meta & 0xFF);
    }

    // ---- the sizes of the walks that only measure (SizePlan) ------------------------------------

    /** Columns of the table map this plan was computed for. */
    private int columns;
    /** Bit {@code 1 << plan.ordinal()}: {@link #sizes} of that plan is current. */
    private int planned;
    /** Bit {@code 1 << plan.ordinal()}: {@link #fullImage} of that plan is current. */
    private int imaged;
    private final int[][] planSizes = new int[SizePlan.COUNT][];
    private final ImageSizes[] fullImages = new ImageSizes[SizePlan.COUNT];

    /**
     * Per column, the size of its values by {@code plan}, encoded as {@link #size}: fixed bytes
     * (>= 0), minus the bytes of a length prefix (-1..-4), or {@link #INVALID} where the walk gives
     * up. Made the first time a plan is asked for after each {@link #compute}.
     */
    int[] sizes(SizePlan plan, TableMapEventView table) {
        if (plan == SizePlan.SERVER) {
            return size;
        }
        int k = plan.ordinal();
        int[] s = planSizes[k];
        if ((planned & (1 << k)) == 0) {
            if (s == null || s.length < columns) {
                s = planSizes[k] = new int[Math.max(columns, size.length)];
            }
            // table_def reads no metadata when the table map has none: every field is 0
            boolean hasMetadata = table.hasColumnMetadata();
            int[] meta = table.metadataArray();
            for (int i = 0; i < columns; i++) {
                s[i] = mariadbSize(type[i], hasMetadata ? meta[i] : 0, plan == SizePlan.MARIADB_FLASHBACK);
            }
            planned |= 1 << k;
        }
        return s;
    }

    /**
     * The walk of an image with every column of the table in it (binlog_row_image=FULL, the
     * default) by {@code plan}: made once per table map and plan, not once per rows event.
     */
    ImageSizes fullImage(SizePlan plan, TableMapEventView table) {
        int[] s = sizes(plan, table);
        int k = plan.ordinal();
        ImageSizes full = fullImages[k];
        if (full == null) {
            full = fullImages[k] = new ImageSizes();
        }
        if ((imaged & (1 << k)) == 0) {
            full.planAll(s, columns);
            imaged |= 1 << k;
        }
        return full;
    }

    /**
     * {@code calc_field_event_length} of MariaDB 10.11's {@code sql/log_event_client.cc} as a size:
     * what {@code mariadb-binlog}'s row walks give a value of type {@code t} (the real type, as
     * {@code table_def::type()} gives it) with metadata {@code meta}. With {@code flashback}, the
     * types its value printer adds (see {@link SizePlan#MARIADB_FLASHBACK}).
     */
    static int mariadbSize(ColumnType t, int meta, boolean flashback) {
        if (t == null) {
            return INVALID;
        }
        if (flashback) {
            // Field_geom and the compressed fields are blobs and varchars to its value printer
            t = switch (t) {
                case GEOMETRY, JSON, BLOB_COMPRESSED -> ColumnType.BLOB;
                case VARCHAR_COMPRESSED -> ColumnType.VARCHAR;
                default -> t;
            };
        }
        int n = switch (t) {
            case LONG, TIMESTAMP, FLOAT -> 4;
            case TINY, YEAR -> 1;
            case SHORT -> 2;
            case INT24, TIME, NEWDATE, DATE -> 3;
            case LONGLONG, DATETIME, DOUBLE -> 8;
            // my_decimal_get_binary_size, no range check (but no negative integer part either)
            case NEWDECIMAL -> (meta >> 8) >= (meta & 0xFF) ? DecimalBinary.size(meta >> 8, meta & 0xFF) : 0;
            case BIT -> ((meta >> 8) * 8 + (meta & 0xFF) + 7) / 8;
            case TIMESTAMP2 -> 4 + (meta + 1) / 2;
            case DATETIME2 -> 5 + (meta + 1) / 2;
            case TIME2 -> 3 + (meta + 1) / 2;
            case ENUM -> (meta & 0xFF) == 1 || (meta & 0xFF) == 2 ? meta & 0xFF : 0;
            case SET -> meta & 0xFF;
            case BLOB -> meta >= 1 && meta <= 4 ? -meta : 0;
            case VARCHAR, VAR_STRING -> meta < 256 ? -1 : -2;
            case STRING -> charLength(meta) < 256 ? -1 : -2;
            default -> 0;
        };
        // a value of 0 bytes is one calc_field_event_length cannot size
        return n == 0 ? INVALID : n;
    }

    private static byte kind(ColumnType t, boolean unsigned) {
        return switch (t) {
            case TINY -> unsigned ? K_UINT8 : K_INT8;
            case SHORT -> unsigned ? K_UINT16 : K_INT16;
            case INT24 -> unsigned ? K_UINT24 : K_INT24;
            case LONG -> unsigned ? K_UINT32 : K_INT32;
            case LONGLONG -> unsigned ? K_UINT64 : K_INT64;
            case YEAR -> K_YEAR;
            case BIT -> K_BIT;
            case ENUM, SET -> K_ENUM_SET;
            case FLOAT -> K_FLOAT;
            case DOUBLE -> K_DOUBLE;
            case NEWDECIMAL -> K_DECIMAL;
            case TIMESTAMP -> K_TIMESTAMP;
            case DATE, NEWDATE -> K_DATE;
            case TIME -> K_TIME;
            case DATETIME -> K_DATETIME;
            case TIMESTAMP2 -> K_TIMESTAMP2;
            case DATETIME2 -> K_DATETIME2;
            case TIME2 -> K_TIME2;
            default -> K_OTHER;
        };
    }
}
