package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Table_map (19): binds a table id to a database, table and column layout for the row events
 * that follow. Post-header: table_id (6 bytes; 4 in pre-5.1.x files whose post-header is 6) and
 * flags u16. Body: db_len u8, db, NUL, table_len u8, table, NUL, column_count (packed), one type
 * byte per column, metadata_len (packed), per-column metadata, NULL-ability bitmap, then optional
 * metadata fields (MySQL 8 / MariaDB 10.5 {@code binlog_row_metadata}). See
 * {@code Table_map_log_event} in MariaDB's {@code sql/log_event.cc}.
 *
 * <p>Every wrap decodes the per-column metadata into int arrays owned by the view (grown only when
 * a wider table appears) and records where each optional metadata field starts, so that row
 * decoding reads types and metadata by index without allocating. Names, charsets and ENUM/SET
 * labels are decoded only when asked for.
 */
public final class TableMapEventView extends EventView {
    // Optional metadata field types (enum Optional_metadata_field_type in MySQL's rows_event.h,
    // mirrored by MariaDB 10.5+ in sql/log_event.h).
    static final int OPT_SIGNEDNESS = 1;
    static final int OPT_DEFAULT_CHARSET = 2;
    static final int OPT_COLUMN_CHARSET = 3;
    static final int OPT_COLUMN_NAME = 4;
    static final int OPT_SET_STR_VALUE = 5;
    static final int OPT_ENUM_STR_VALUE = 6;
    static final int OPT_GEOMETRY_TYPE = 7;
    static final int OPT_SIMPLE_PRIMARY_KEY = 8;
    static final int OPT_PRIMARY_KEY_WITH_PREFIX = 9;
    static final int OPT_ENUM_AND_SET_DEFAULT_CHARSET = 10;
    static final int OPT_ENUM_AND_SET_COLUMN_CHARSET = 11;
    static final int OPT_COLUMN_VISIBILITY = 12;
    private static final int OPT_MAX = 12;

    /**
     * Bit of {@link #tableFlags()}: the table has triggers ({@code TM_BIT_HAS_TRIGGERS_F} of
     * {@code Table_map_log_event::enum_flag} in MariaDB's {@code sql/log_event.h}; printed as
     * "(has triggers)").
     */
    public static final int TM_BIT_HAS_TRIGGERS_F = 1 << 14;

    private int tableIdSize;
    private long dbAt;
    private int dbLen;
    private long tableAt;
    private int tableLen;
    private int columnCount;
    private long typesAt;
    private long metadataAt;
    private int metadataLen;
    private long nullBitmapAt;
    private long optionalAt;

    // Per column, valid for [0, columnCount): the real type code (ENUM/SET/STRING resolved), the
    // decoded metadata, and the column's ordinal among the columns an optional field lists.
    private int[] realType = new int[0];
    private int[] meta = new int[0];
    private int[] numericOrdinal = new int[0];
    private int[] charOrdinal = new int[0];
    private int[] enumOrdinal = new int[0];
    private int[] setOrdinal = new int[0];
    private int[] enumSetOrdinal = new int[0];
    private int[] geometryOrdinal = new int[0];
    private int[] jsonOrdinal = new int[0];
    private long[] nameAt = new long[0];
    private int[] nameLen = new int[0];
    private int jsonColumns;
    private final long[] optAt = new long[OPT_MAX + 1];
    private final int[] optLen = new int[OPT_MAX + 1];
    // Row layout and accessor kind per column, for RowImage (computed at every wrap, after the
    // optional metadata, since integer kinds carry the SIGNEDNESS bit).
    private final ColumnPlan plan = new ColumnPlan();

    TableMapEventView() {
    }

    @Override
    void check() {
        int post = postHeaderLength();
        tableIdSize = post == 6 ? 4 : 6;
        need(body, post, "post-header");
        long p = body + post;
        need(p, 1, "database name length");
        dbLen = u8(p);
        need(p + 1, dbLen + 1L, "database name");
        dbAt = p + 1;
        p += 1 + dbLen + 1;
        need(p, 1, "table name length");
        tableLen = u8(p);
        need(p + 1, tableLen + 1L, "table name");
        tableAt = p + 1;
        p += 1 + tableLen + 1;
        long cc = packed(p, "column count");
        if (cc < 0 || cc > 4096) {
            throw error("column count", "0..4096", String.valueOf(cc));
        }
        columnCount = (int) cc;
        p += packedSize(p);
        need(p, columnCount, "column types");
        typesAt = p;
        p += columnCount;
        if (p == end) {
            // Pre-GA 5.1 servers wrote neither metadata nor the NULL bitmap (Table_map_log_event
            // reads them only "if (bytes_read < event_len)"): the layout is known, the values of
            // its rows are not (see hasColumnMetadata).
            metadataAt = p;
            metadataLen = 0;
            nullBitmapAt = -1;
            optionalAt = p;
            grow(columnCount);
            for (int i = 0; i < columnCount; i++) {
                realType[i] = u8(typesAt + i);
                meta[i] = -1;
            }
            decodeOptionalMetadata();
            plan.compute(this, columnCount, realType, meta, false);
            return;
        }
        long ml = packed(p, "metadata length");
        p += packedSize(p);
        need(p, ml, "column metadata");
        metadataAt = p;
        metadataLen = (int) ml;
        p += ml;
        need(p, (columnCount + 7) / 8, "NULL bitmap");
        nullBitmapAt = p;
        optionalAt = p + (columnCount + 7) / 8;
        decodeColumns();
        decodeOptionalMetadata();
        plan.compute(this, columnCount, realType, meta, true);
    }

    private void grow(int n) {
        if (realType.length >= n) {
            return;
        }
        int cap = Math.max(n, realType.length * 2);
        realType = new int[cap];
        meta = new int[cap];
        numericOrdinal = new int[cap];
        charOrdinal = new int[cap];
        enumOrdinal = new int[cap];
        setOrdinal = new int[cap];
        enumSetOrdinal = new int[cap];
        geometryOrdinal = new int[cap];
        jsonOrdinal = new int[cap];
        nameAt = new long[cap];
        nameLen = new int[cap];
    }

    private void decodeColumns() {
        grow(columnCount);
        long m = metadataAt;
        long mEnd = metadataAt + metadataLen;
        int numeric = 0, chars = 0, enums = 0, sets = 0, enumSets = 0, geoms = 0, jsons = 0;
        boolean mariaDb = format != null && format.isMariaDb();
        for (int i = 0; i < columnCount; i++) {
            int code = u8(typesAt + i);
            ColumnType t = ColumnType.ofCode(code);
            if (t == null) {
                throw error("type of column " + i, "a MYSQL_TYPE_* code", String.valueOf(code));
            }
            int size = t.metadataLength();
            if (t == ColumnType.TYPED_ARRAY) {
                if (m >= mEnd) {
                    throw error("metadata of column " + i, "1 byte", "end of metadata");
                }
                ColumnType element = ColumnType.ofCode(u8(m));
                if (element == null || element.metadataLength() < 0) {
                    throw error("element type of column " + i, "a MYSQL_TYPE_* code", String.valueOf(u8(m)));
                }
                size = 1 + element.metadataLength();
            }
            if (m + size > mEnd) {
                throw error("metadata of column " + i, size + " bytes (" + t + ")",
                        (mEnd - m) + " bytes left of " + metadataLen);
            }
            int real = code;
            int md = switch (t) {
                case FLOAT, DOUBLE, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY, JSON, VECTOR,
                     TIMESTAMP2, DATETIME2, TIME2, BLOB_COMPRESSED -> u8(m);
                case VARCHAR, VAR_STRING, VARCHAR_COMPRESSED -> u16(m);
                // precision, then scale
                case NEWDECIMAL -> (u8(m) << 8) | u8(m + 1);
                // bits mod 8 in the first byte, whole bytes in the second (Field_bit::save_field_metadata)
                case BIT -> u8(m) | (u8(m + 1) << 8);
                case STRING, ENUM, SET -> {
                    // Field_string::save_field_metadata: byte 0 = real_type, byte 1 = length low byte.
                    // For CHAR(n) with n*mbmaxlen > 255 the two high bits of the length are stored
                    // XOR-ed into bits 4-5 of the real type (MySQL bug #37426); real types that matter
                    // here (STRING 0xfe, ENUM 0xf7, SET 0xf8) all have bits 4-5 set, so a byte 0 with
                    // them clear is a long CHAR. See log_event_print_value in MySQL's log_event.cc.
                    int b0 = u8(m);
                    int b1 = u8(m + 1);
                    if (b0 != 0 && (b0 & 0x30) != 0x30) {
                        real = b0 | 0x30;
                    } else if (b0 == ColumnType.ENUM.code() || b0 == ColumnType.SET.code()) {
                        real = b0;
                    } else {
                        real = ColumnType.STRING.code();
                    }
                    yield (b0 << 8) | b1;
                }
                case TYPED_ARRAY -> u8(m);
                default -> 0;
            };
            m += size;
            realType[i] = real;
            meta[i] = md;
            ColumnType rt = ColumnType.ofCode(real);
            if (rt == null) {
                throw error("real type of column " + i, "STRING, ENUM or SET", String.valueOf(real));
            }
            numericOrdinal[i] = rt.hasSignedness() ? numeric++ : -1;
            // MariaDB counts GEOMETRY among the character columns of DEFAULT_CHARSET / COLUMN_CHARSET
            // (its is_character_type: "Base class is blob for geom type"); MySQL does not.
            charOrdinal[i] = rt.hasCharset() || (mariaDb && rt == ColumnType.GEOMETRY) ? chars++ : -1;
            enumOrdinal[i] = rt == ColumnType.ENUM ? enums++ : -1;
            setOrdinal[i] = rt == ColumnType.SET ? sets++ : -1;
            enumSetOrdinal[i] = rt == ColumnType.ENUM || rt == ColumnType.SET ? enumSets++ : -1;
            geometryOrdinal[i] = rt == ColumnType.GEOMETRY ? geoms++ : -1;
            jsonOrdinal[i] = rt == ColumnType.JSON ? jsons++ : -1;
        }
        jsonColumns = jsons;
    }

    private void decodeOptionalMetadata() {
        java.util.Arrays.fill(optAt, -1);
        java.util.Arrays.fill(optLen, 0);
        long p = optionalAt;
        while (p < end) {
            int type = u8(p);
            long len = packed(p + 1, "optional metadata field ", type, " length");
            long v = p + 1 + packedSize(p + 1);
            need(v, len, "optional metadata field ", type, "");
            if (type <= OPT_MAX && optAt[type] < 0) {
                optAt[type] = v;
                optLen[type] = (int) len;
            }
            p = v + len;
        }
        if (optAt[OPT_COLUMN_NAME] >= 0) {
            long q = optAt[OPT_COLUMN_NAME];
            long qEnd = q + optLen[OPT_COLUMN_NAME];
            for (int i = 0; i < columnCount; i++) {
                if (q >= qEnd) {
                    // Fewer names than columns: the rest have none.
                    for (int k = i; k < columnCount; k++) {
                        nameAt[k] = -1;
                    }
                    break;
                }
                long n = packedIn(q, qEnd, "name of column ", i);
                q += packedSize(q);
                if (n < 0 || n > qEnd - q) {
                    throw error("name of column " + i, n + " bytes", (qEnd - q) + " bytes left");
                }
                nameAt[i] = q;
                nameLen[i] = (int) n;
                q += n;
            }
        }
    }

    /** A packed integer that must lie inside [off, limit). */
    /** {@link #packedIn(long, long, String)} for the field {@code prefix + index}, a name built only when it fails. */
    private long packedIn(long off, long limit, String prefix, int index) {
        if (off >= limit || Bytes.packedSize(seg, off) > limit - off) {
            packedIn(off, limit, prefix + index); // throws
        }
        return Bytes.packed(seg, off);
    }

    private long packedIn(long off, long limit, String field) {
        failIf(off >= limit, field, "a packed integer", "end of field");
        int size = packedSize(off);
        if (off + size > limit) {
            throw error(field, size + " bytes", (limit - off) + " bytes left");
        }
        return Bytes.packed(seg, off);
    }

    public long tableId() {
        return Bytes.uN(seg, body, tableIdSize);
    }

    public int tableFlags() {
        return u16(body + tableIdSize);
    }

    public String database() {
        return Bytes.utf8(seg, dbAt, dbLen);
    }

    /** Absolute offset of the database name (after its length byte). */
    long databaseOffset() {
        return dbAt;
    }

    /** Length in bytes of the database name. */
    int databaseLength() {
        return dbLen;
    }

    public String table() {
        return Bytes.utf8(seg, tableAt, tableLen);
    }

    public int columnCount() {
        return columnCount;
    }

    /**
     * Whether the event carries per-column metadata (every server since MySQL 5.1 GA). Without it
     * the sizes of string and decimal values are unknown and rows of the table cannot be decoded.
     */
    public boolean hasColumnMetadata() {
        return nullBitmapAt >= 0;
    }

    /** The binlog type code of column {@code i} (MYSQL_TYPE_*, as written in the event). */
    public int columnTypeCode(int i) {
        return u8(typesAt + i);
    }

    /**
     * The type of column {@code i}, with the real type of STRING-packed columns: ENUM and SET
     * columns are written as STRING with the real type in the first metadata byte.
     */
    public ColumnType columnType(int i) {
        checkIndex(i);
        return ColumnType.ofCode(realType[i]);
    }

    /**
     * The column's metadata as one int: VARCHAR max bytes; BLOB/JSON/GEOMETRY length-prefix size;
     * FLOAT/DOUBLE pack length; fsp for TIME2/DATETIME2/TIMESTAMP2; {@code precision << 8 | scale}
     * for NEWDECIMAL; {@code bytes << 8 | bits} for BIT; {@code byte0 << 8 | byte1} for STRING, ENUM
     * and SET (ENUM/SET: byte1 is the pack length); the element type for TYPED_ARRAY; 0 otherwise.
     */
    public int columnMetadata(int i) {
        checkIndex(i);
        return meta[i];
    }

    /**
     * The length in bytes of CHAR column {@code i} (real type STRING; BINARY too), from its
     * metadata: a CHAR longer than 255 bytes keeps the two high bits of its length in the real type
     * byte (MySQL bug #37426), put back here.
     */
    public int charLength(int i) {
        checkIndex(i);
        return ColumnPlan.charLength(meta[i]);
    }

    /** Whether column {@code i} is declared NULL-able. */
    public boolean nullable(int i) {
        if (nullBitmapAt < 0) {
            return true;
        }
        return (u8(nullBitmapAt + (i >> 3)) & (1 << (i & 7))) != 0;
    }

    /** Absolute offset of the per-column metadata block. */
    public long metadataOffset() {
        return metadataAt;
    }

    public int metadataLength() {
        return metadataLen;
    }

    /** The per-column metadata block (a slice of the event, no copy). */
    public MemorySegment metadata() {
        return seg.asSlice(metadataAt, metadataLen);
    }

    /** The optional metadata fields (TLV; MySQL 8 / MariaDB 10.5 {@code binlog_row_metadata}), possibly empty. */
    public MemorySegment optionalMetadata() {
        return seg.asSlice(optionalAt, end - optionalAt);
    }

    /** Absolute offset of the optional metadata (TLV fields), equal to {@link #optionalMetadataEnd()} when none. */
    public long optionalMetadataOffset() {
        return optionalAt;
    }

    public long optionalMetadataEnd() {
        return end;
    }

    /** Whether the event carries optional metadata field {@code type} (1..12). */
    public boolean hasOptionalMetadata(int type) {
        return type >= 0 && type <= OPT_MAX && optAt[type] >= 0;
    }

    /** Name of column {@code i}, or {@code null} when the event has no COLUMN_NAME field. */
    public String columnName(int i) {
        checkIndex(i);
        if (optAt[OPT_COLUMN_NAME] < 0 || nameAt[i] < 0) {
            return null;
        }
        return Bytes.utf8(seg, nameAt[i], nameLen[i]);
    }

    /** Whether the SIGNEDNESS field is present (binlog_row_metadata=MINIMAL or FULL). */
    public boolean hasSignedness() {
        return optAt[OPT_SIGNEDNESS] >= 0;
    }

    /**
     * Whether numeric column {@code i} is UNSIGNED. False when the event has no SIGNEDNESS field (the
     * server did not say) or the column is not numeric. The field holds one bit per numeric column,
     * most significant bit first ({@code Table_map_log_event::init_signedness_field}).
     */
    public boolean isUnsigned(int i) {
        checkIndex(i);
        int k = numericOrdinal[i];
        if (k < 0 || optAt[OPT_SIGNEDNESS] < 0 || (k >> 3) >= optLen[OPT_SIGNEDNESS]) {
            return false;
        }
        return (u8(optAt[OPT_SIGNEDNESS] + (k >> 3)) & (0x80 >> (k & 7))) != 0;
    }

    /**
     * Collation id of character, ENUM or SET column {@code i}, or -1 when the event does not say (or
     * the column has no charset). DEFAULT_CHARSET holds the default collation then (ordinal,
     * collation) pairs for the exceptions; COLUMN_CHARSET one collation per column. ENUM and SET
     * columns use the ENUM_AND_SET_* variants.
     */
    public int charset(int i) {
        checkIndex(i);
        int k;
        int deflt;
        int perColumn;
        if (charOrdinal[i] >= 0) {
            k = charOrdinal[i];
            deflt = OPT_DEFAULT_CHARSET;
            perColumn = OPT_COLUMN_CHARSET;
        } else if (enumSetOrdinal[i] >= 0) {
            k = enumSetOrdinal[i];
            deflt = OPT_ENUM_AND_SET_DEFAULT_CHARSET;
            perColumn = OPT_ENUM_AND_SET_COLUMN_CHARSET;
        } else {
            return -1;
        }
        if (optAt[deflt] >= 0) {
            long q = optAt[deflt];
            long qEnd = q + optLen[deflt];
            long result = packedIn(q, qEnd, "default charset");
            q += packedSize(q);
            while (q < qEnd) {
                long ordinal = packedIn(q, qEnd, "charset column index");
                q += packedSize(q);
                long coll = packedIn(q, qEnd, "charset collation");
                q += packedSize(q);
                if (ordinal == k) {
                    result = coll;
                }
            }
            return (int) result;
        }
        if (optAt[perColumn] >= 0) {
            long q = optAt[perColumn];
            long qEnd = q + optLen[perColumn];
            for (int n = 0; q < qEnd; n++) {
                long coll = packedIn(q, qEnd, "column charset");
                if (n == k) {
                    return (int) coll;
                }
                q += packedSize(q);
            }
        }
        return -1;
    }

    /** Labels of ENUM column {@code i}, or {@code null} when absent (binlog_row_metadata=FULL only). */
    public List<String> enumValues(int i) {
        checkIndex(i);
        return labels(OPT_ENUM_STR_VALUE, enumOrdinal[i]);
    }

    /** Labels of SET column {@code i}, or {@code null} when absent. */
    public List<String> setValues(int i) {
        checkIndex(i);
        return labels(OPT_SET_STR_VALUE, setOrdinal[i]);
    }

    private List<String> labels(int field, int k) {
        if (k < 0 || optAt[field] < 0) {
            return null;
        }
        long q = optAt[field];
        long qEnd = q + optLen[field];
        for (int n = 0; q < qEnd; n++) {
            long count = packedIn(q, qEnd, "label count");
            q += packedSize(q);
            if (count < 0 || count > 65535) {
                throw error("label count", "0..65535", String.valueOf(count));
            }
            List<String> out = n == k ? new ArrayList<>((int) count) : null;
            for (long c = 0; c < count; c++) {
                long len = packedIn(q, qEnd, "label length");
                q += packedSize(q);
                if (len < 0 || len > qEnd - q) {
                    throw error("label", len + " bytes", (qEnd - q) + " bytes left");
                }
                if (out != null) {
                    out.add(Bytes.utf8(seg, q, (int) len));
                }
                q += len;
            }
            if (out != null) {
                return out;
            }
        }
        return null;
    }

    /** Geometry subtype of GEOMETRY column {@code i} (0 = GEOMETRY, 1 = POINT, …), -1 when absent. */
    public int geometryType(int i) {
        checkIndex(i);
        int k = geometryOrdinal[i];
        if (k < 0 || optAt[OPT_GEOMETRY_TYPE] < 0) {
            return -1;
        }
        long q = optAt[OPT_GEOMETRY_TYPE];
        long qEnd = q + optLen[OPT_GEOMETRY_TYPE];
        for (int n = 0; q < qEnd; n++) {
            long v = packedIn(q, qEnd, "geometry type");
            if (n == k) {
                return (int) v;
            }
            q += packedSize(q);
        }
        return -1;
    }

    /**
     * Column indexes of the primary key in key order (SIMPLE_PRIMARY_KEY or PRIMARY_KEY_WITH_PREFIX),
     * empty when the event does not say.
     */
    public int[] primaryKey() {
        return primaryKeyPart(false);
    }

    /** Prefix lengths matching {@link #primaryKey()}; 0 means the whole column. */
    public int[] primaryKeyPrefixLengths() {
        return primaryKeyPart(true);
    }

    private int[] primaryKeyPart(boolean prefixes) {
        boolean withPrefix = optAt[OPT_PRIMARY_KEY_WITH_PREFIX] >= 0;
        int field = withPrefix ? OPT_PRIMARY_KEY_WITH_PREFIX : OPT_SIMPLE_PRIMARY_KEY;
        if (optAt[field] < 0) {
            return new int[0];
        }
        long q = optAt[field];
        long qEnd = q + optLen[field];
        int[] out = new int[8];
        int n = 0;
        while (q < qEnd) {
            long col = packedIn(q, qEnd, "primary key column");
            q += packedSize(q);
            long prefix = 0;
            if (withPrefix) {
                prefix = packedIn(q, qEnd, "primary key prefix");
                q += packedSize(q);
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = (int) (prefixes ? prefix : col);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Whether column {@code i} is visible (COLUMN_VISIBILITY, MySQL 8.0.23+); true when absent. */
    public boolean isVisible(int i) {
        checkIndex(i);
        if (optAt[OPT_COLUMN_VISIBILITY] < 0 || (i >> 3) >= optLen[OPT_COLUMN_VISIBILITY]) {
            return true;
        }
        return (u8(optAt[OPT_COLUMN_VISIBILITY] + (i >> 3)) & (0x80 >> (i & 7))) != 0;
    }

    /** Number of JSON columns: the width of the partial-JSON bitmap of Partial_update_rows. */
    public int jsonColumnCount() {
        return jsonColumns;
    }

    /** Ordinal of column {@code i} among the JSON columns, -1 when it is not JSON. */
    int jsonOrdinal(int i) {
        return jsonOrdinal[i];
    }

    ColumnPlan plan() {
        return plan;
    }

    /**
     * Whether {@code other} is this table map again: the same body bytes, read with the same
     * format (servers send the table maps of a statement again with every transaction). Reads this
     * view's memory only while it is still open.
     */
    boolean sameBytes(TableMapEventView other) {
        if (other.format != format || other.typeCode != typeCode || other.end - other.body != end - body
                || !seg.scope().isAlive()) {
            return false;
        }
        return MemorySegment.mismatch(seg, body, end, other.seg, other.body, other.end) < 0;
    }

    /**
     * Re-points this view at the bytes of {@code other}, equal to its own ({@link #sameBytes}):
     * what {@link #check()} decoded from them stays, only the offsets move.
     */
    void moveTo(TableMapEventView other) {
        long d = other.body - body;
        path = other.path;
        seg = other.seg;
        start = other.start;
        body = other.body;
        end = other.end;
        dbAt += d;
        tableAt += d;
        typesAt += d;
        metadataAt += d;
        if (nullBitmapAt >= 0) {
            nullBitmapAt += d;
        }
        optionalAt += d;
        for (int k = 0; k < optAt.length; k++) {
            if (optAt[k] >= 0) {
                optAt[k] += d;
            }
        }
        if (optAt[OPT_COLUMN_NAME] >= 0) {
            for (int i = 0; i < columnCount; i++) {
                if (nameAt[i] >= 0) {
                    nameAt[i] += d;
                }
            }
        }
    }

    /** The decoded metadata of every column (valid for [0, columnCount)), see {@link #columnMetadata}. */
    int[] metadataArray() {
        return meta;
    }

    int realTypeCode(int i) {
        return realType[i];
    }

    int metadataUnchecked(int i) {
        return meta[i];
    }

    boolean isUnsignedUnchecked(int i) {
        return isUnsigned(i);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= columnCount) {
            throw new IndexOutOfBoundsException("column " + i + " of " + columnCount);
        }
    }

    long typesOffset() {
        return typesAt;
    }

    long nullBitmapOffset() {
        return nullBitmapAt;
    }
}
