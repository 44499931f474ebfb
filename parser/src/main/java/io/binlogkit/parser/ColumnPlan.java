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

    /** Per column: fixed size in bytes (>= 0), or minus the size of the length prefix (-1..-4), or {@link #INVALID}. */
    int[] size = new int[0];
    /** Per column: one of the K_* kinds. */
    byte[] kind = new byte[0];
    /** Per column: the real type (ENUM and SET resolved). */
    ColumnType[] type = new ColumnType[0];

    /**
     * Plans {@code columns} columns from the table map's decoded real types and metadata.
     * {@code hasMetadata} false (pre-GA 5.1 table maps) plans every column as {@link #INVALID}.
     */
    void compute(TableMapEventView table, int columns, int[] realType, int[] meta, boolean hasMetadata) {
        if (size.length < columns) {
            int cap = Math.max(columns, size.length * 2);
            size = new int[cap];
            kind = new byte[cap];
            type = new ColumnType[cap];
        }
        for (int i = 0; i < columns; i++) {
            ColumnType t = ColumnType.ofCode(realType[i]);
            type[i] = t;
            if (t == null || !hasMetadata) {
                size[i] = INVALID;
                kind[i] = K_OTHER;
                continue;
            }
            size[i] = rowSize(t, meta[i]);
            kind[i] = kind(t, table.isUnsigned(i));
        }
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
            case STRING -> {
                // Max length in bytes, see max_display_length_for_field in binary_log_funcs.cpp.
                int b0 = meta >> 8;
                int maxLen = b0 == 0 ? meta & 0xFF : (((meta >> 4) & 0x300) ^ 0x300) + (meta & 0xFF);
                yield maxLen > 255 ? -2 : -1;
            }
            case VARCHAR, VAR_STRING, VARCHAR_COMPRESSED -> meta > 255 ? -2 : -1;
            case BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY, JSON, VECTOR, BLOB_COMPRESSED ->
                    meta >= 1 && meta <= 4 ? -meta : INVALID;
            default -> INVALID;
        };
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
