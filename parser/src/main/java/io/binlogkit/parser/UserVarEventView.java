package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * User_var (14): name_len u32, name, is_null u8; when not NULL: value type u8 (Item_result:
 * STRING 0, REAL 1, INT 2, ROW 3, DECIMAL 4), charset u32, value_len u32, value; then, from MySQL
 * 5.6 / MariaDB 10.x, an optional flags u8 (1 = unsigned). See {@code User_var_log_event}.
 */
public final class UserVarEventView extends EventView {
    public static final int STRING_RESULT = 0;
    public static final int REAL_RESULT = 1;
    public static final int INT_RESULT = 2;
    public static final int ROW_RESULT = 3;
    public static final int DECIMAL_RESULT = 4;
    public static final int FLAG_UNSIGNED = 1;

    private int nameLength;
    private long afterName;
    private long valueAt;
    private int valueLength;

    UserVarEventView() {
    }

    @Override
    void check() {
        need(body, 4, "name length");
        long n = u32(body);
        need(body + 4, n + 1, "name");
        nameLength = (int) n;
        afterName = body + 4 + n;
        if (!isNull()) {
            need(afterName + 1, 9, "value header");
            long vl = u32(afterName + 6);
            need(afterName + 10, vl, "value");
            valueAt = afterName + 10;
            valueLength = (int) vl;
        } else {
            valueAt = afterName + 1;
            valueLength = 0;
        }
    }

    public String name() {
        return Bytes.utf8(seg, body + 4, nameLength);
    }

    public boolean isNull() {
        return u8(afterName) != 0;
    }

    /** Item_result of the value; meaningful only when not NULL. */
    public int valueType() {
        return isNull() ? STRING_RESULT : u8(afterName + 1);
    }

    /** Collation id of a string value. */
    public long charset() {
        return isNull() ? 0 : u32(afterName + 2);
    }

    public int valueLength() {
        return valueLength;
    }

    /** Absolute offset of the value bytes. */
    public long valueOffset() {
        return valueAt;
    }

    /** The value bytes (a slice, no copy). */
    public MemorySegment valueBytes() {
        return seg.asSlice(valueAt, valueLength);
    }

    /** The optional flags byte after the value, 0 when the server wrote none. */
    public int flags() {
        long p = valueAt + valueLength;
        return !isNull() && p < end ? u8(p) : 0;
    }

    public boolean isUnsigned() {
        return (flags() & FLAG_UNSIGNED) != 0;
    }

    /** An INT_RESULT value (8 bytes, little-endian). */
    public long intValue() {
        if (valueLength < 8) {
            throw error("integer value", "8 bytes", valueLength + " bytes");
        }
        return i64(valueAt);
    }

    /**
     * A DECIMAL_RESULT value: precision u8, scale u8, then the binary decimal
     * ({@code User_var_log_event::write}).
     */
    public java.math.BigDecimal decimalValue() {
        if (valueLength < 2) {
            throw error("decimal value", ">= 2 bytes", valueLength + " bytes");
        }
        int precision = u8(valueAt);
        int scale = u8(valueAt + 1);
        // checked first: the size of a scale over the precision is not defined
        if (!DecimalBinary.validPrecision(precision, scale)) {
            throw error("decimal value", "precision 1..65 and scale 0..30 at most the precision", "(" + precision + "," + scale + ")");
        }
        if (DecimalBinary.size(precision, scale) > valueLength - 2) {
            throw error("decimal value", DecimalBinary.size(precision, scale) + 2 + " bytes for (" + precision + "," + scale + ")", valueLength + " bytes");
        }
        try {
            return DecimalBinary.toBigDecimal(seg, valueAt + 2, precision, scale);
        } catch (IllegalArgumentException e) {
            // a digit group over its digits (as RowImage.getBigDecimal reports it)
            throw error("decimal value", "digit groups of 9 digits", e.getMessage());
        }
    }

    /** A REAL_RESULT value (IEEE double, little-endian). */
    public double realValue() {
        if (valueLength < 8) {
            throw error("real value", "8 bytes", valueLength + " bytes");
        }
        return seg.get(Bytes.LE_DOUBLE, valueAt);
    }
}
