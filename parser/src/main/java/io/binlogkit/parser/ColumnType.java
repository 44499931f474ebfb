package io.binlogkit.parser;

/**
 * Column types as written in a Table_map event ({@code enum_field_types}, MYSQL_TYPE_*), with the
 * number of metadata bytes each one has in the Table_map's per-column metadata block.
 *
 * <p>Metadata sizes follow {@code table_def::table_def} in MySQL's {@code sql/rpl_utility.cc} and
 * MariaDB's {@code Table_map_log_event} / {@code table_def} ({@code sql/rpl_utility.cc}); the row
 * image sizes follow {@code calc_field_size} in MySQL's
 * {@code libs/mysql/binlog/event/binary_log_funcs.cpp}:
 * <ul>
 *   <li>2 bytes: VARCHAR / VAR_STRING (max length, little-endian u16), NEWDECIMAL (precision, scale),
 *       BIT (bits mod 8, then whole bytes), STRING / ENUM / SET (real type, then length: see
 *       {@link TableMapEventView#columnType(int)}), MariaDB's VARCHAR_COMPRESSED.</li>
 *   <li>1 byte: FLOAT / DOUBLE (pack length), the BLOB family, GEOMETRY, JSON and VECTOR (bytes of
 *       the length prefix, 1..4), TIMESTAMP2 / DATETIME2 / TIME2 (fractional seconds precision),
 *       MariaDB's BLOB_COMPRESSED.</li>
 *   <li>TYPED_ARRAY (replication of multi-valued indexes) is one byte of element type followed by
 *       that type's metadata.</li>
 *   <li>0 bytes: everything else.</li>
 * </ul>
 * ENUM and SET never appear as the type byte of a Table_map: the server writes STRING and puts the
 * real type in the first metadata byte.
 */
public enum ColumnType {
    DECIMAL(0, 0),
    TINY(1, 0),
    SHORT(2, 0),
    LONG(3, 0),
    FLOAT(4, 1),
    DOUBLE(5, 1),
    NULL(6, 0),
    TIMESTAMP(7, 0),
    LONGLONG(8, 0),
    INT24(9, 0),
    DATE(10, 0),
    TIME(11, 0),
    DATETIME(12, 0),
    YEAR(13, 0),
    NEWDATE(14, 0),
    VARCHAR(15, 2),
    BIT(16, 2),
    TIMESTAMP2(17, 1),
    DATETIME2(18, 1),
    TIME2(19, 1),
    /** MySQL: multi-valued index element array, replication only; variable metadata (see class doc). */
    TYPED_ARRAY(20, -1),
    /** MariaDB 10.3+ compressed BLOB/TEXT column ({@code COMPRESSED} attribute). */
    BLOB_COMPRESSED(140, 1),
    /** MariaDB 10.3+ compressed VARCHAR column. */
    VARCHAR_COMPRESSED(141, 2),
    /** MySQL 9.0+. */
    VECTOR(242, 1),
    INVALID(243, 0),
    BOOL(244, 0),
    /** MySQL binary JSON; MariaDB writes JSON columns as BLOB (LONGTEXT). */
    JSON(245, 1),
    NEWDECIMAL(246, 2),
    ENUM(247, 2),
    SET(248, 2),
    TINY_BLOB(249, 1),
    MEDIUM_BLOB(250, 1),
    LONG_BLOB(251, 1),
    BLOB(252, 1),
    VAR_STRING(253, 2),
    STRING(254, 2),
    GEOMETRY(255, 1);

    private static final ColumnType[] BY_CODE = new ColumnType[256];

    static {
        for (ColumnType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int metadataLength;

    ColumnType(int code, int metadataLength) {
        this.code = code;
        this.metadataLength = metadataLength;
    }

    /** The MYSQL_TYPE_* code. */
    public int code() {
        return code;
    }

    /** Bytes of Table_map metadata for this type; -1 for TYPED_ARRAY, whose size depends on its element type. */
    public int metadataLength() {
        return metadataLength;
    }

    /** The type for a code, or {@code null} for a code no server writes. */
    public static ColumnType ofCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** Integer types, read with {@code getLong}. */
    public boolean isInteger() {
        return switch (this) {
            case TINY, SHORT, INT24, LONG, LONGLONG -> true;
            default -> false;
        };
    }

    /**
     * Columns that carry a SIGNEDNESS bit in the optional metadata ({@code is_numeric_type} in
     * MySQL's {@code rows_event.cpp}).
     */
    boolean hasSignedness() {
        return switch (this) {
            case TINY, SHORT, INT24, LONG, LONGLONG, NEWDECIMAL, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    /**
     * Columns that carry a charset in DEFAULT_CHARSET / COLUMN_CHARSET ({@code is_character_type}
     * in MySQL's {@code rows_event.cpp}; ENUM and SET have their own charset fields).
     */
    boolean hasCharset() {
        return switch (this) {
            case STRING, VAR_STRING, VARCHAR, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB,
                 BLOB_COMPRESSED, VARCHAR_COMPRESSED -> true;
            default -> false;
        };
    }

    /** Types whose row value is a length-prefixed byte string (tier-1 raw access). */
    public boolean isBinaryString() {
        return switch (this) {
            case VARCHAR, VAR_STRING, STRING, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY, JSON, VECTOR,
                 BLOB_COMPRESSED, VARCHAR_COMPRESSED -> true;
            default -> false;
        };
    }

    /** Temporal types, read with {@code RowImage.temporal}. */
    public boolean isTemporal() {
        return switch (this) {
            case TIMESTAMP, DATE, TIME, DATETIME, YEAR, NEWDATE, TIMESTAMP2, DATETIME2, TIME2 -> true;
            default -> false;
        };
    }
}
