package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian field reads over a {@link MemorySegment}. Binlogs are little-endian throughout,
 * except where a decoder says otherwise (DECIMAL, DATETIME2 and friends are big-endian, and have
 * their own helpers). Callers have already checked the range against the event frame.
 */
final class Bytes {
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfDouble LE_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** 8 bytes of a heap array as a little-endian long, for the bulk row decoders' heap copies. */
    private static final VarHandle LE_LONG_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    /** Little-endian 64-bit value at {@code off} of a heap array (the caller has checked the range). */
    static long i64(byte[] b, int off) {
        return (long) LE_LONG_ARRAY.get(b, off);
    }

    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    static int u16(MemorySegment s, long off) {
        return s.get(LE_SHORT, off) & 0xFFFF;
    }

    static int u24(MemorySegment s, long off) {
        return u16(s, off) | (u8(s, off + 2) << 16);
    }

    /** Big-endian unsigned 16-bit value. */
    static int u16be(MemorySegment s, long off) {
        return s.get(BE_SHORT, off) & 0xFFFF;
    }

    /** Big-endian unsigned 24-bit value. */
    static int u24be(MemorySegment s, long off) {
        return (u16be(s, off) << 8) | u8(s, off + 2);
    }

    /** Big-endian unsigned 32-bit value. */
    static long u32be(MemorySegment s, long off) {
        return s.get(BE_INT, off) & 0xFFFF_FFFFL;
    }

    static long u32(MemorySegment s, long off) {
        return s.get(LE_INT, off) & 0xFFFF_FFFFL;
    }

    static int i32(MemorySegment s, long off) {
        return s.get(LE_INT, off);
    }

    static long u48(MemorySegment s, long off) {
        return u32(s, off) | ((long) u16(s, off + 4) << 32);
    }

    static long i64(MemorySegment s, long off) {
        return s.get(LE_LONG, off);
    }

    /** Big-endian 64-bit value. */
    static long i64be(MemorySegment s, long off) {
        return s.get(BE_LONG, off);
    }

    /** Little-endian unsigned integer of {@code n} (0..8) bytes. */
    static long uN(MemorySegment s, long off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | u8(s, off + i);
        }
        return v;
    }

    /** Big-endian unsigned integer of {@code n} (0..8) bytes. */
    static long beN(MemorySegment s, long off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | u8(s, off + i);
        }
        return v;
    }

    /**
     * Size in bytes of the length-encoded ("packed") integer at {@code off}: 1, 3, 4 or 9. See
     * {@code net_field_length} in the server's {@code sql-common/pack.cc}.
     */
    static int packedSize(MemorySegment s, long off) {
        int b = u8(s, off);
        if (b < 251) {
            return 1;
        }
        return switch (b) {
            case 251 -> 1;
            case 252 -> 3;
            case 253 -> 4;
            default -> 9;
        };
    }

    /** Value of the packed integer at {@code off}; 251 (SQL NULL) reads as -1. */
    static long packed(MemorySegment s, long off) {
        int b = u8(s, off);
        if (b < 251) {
            return b;
        }
        return switch (b) {
            case 251 -> -1;
            case 252 -> u16(s, off + 1);
            case 253 -> u24(s, off + 1);
            default -> i64(s, off + 1);
        };
    }

    /**
     * Size of a variable-length unsigned integer of MySQL's serialization library
     * ({@code libs/mysql/serialization/variable_length_integers.h}): the count of trailing one bits
     * of the first byte, plus one (1..9).
     */
    static int varlenSize(MemorySegment s, long off) {
        return Integer.numberOfTrailingZeros(~u8(s, off)) + 1;
    }

    /**
     * Value of such an integer: the first byte's bits above the size marker, then the following
     * {@code size - 1} bytes little-endian (for size 9 the 8 bytes are the whole value).
     */
    static long varlen(MemorySegment s, long off) {
        int first = u8(s, off);
        int n = Integer.numberOfTrailingZeros(~first) + 1;
        if (n == 1) {
            return first >> 1;
        }
        long rest = uN(s, off + 1, n - 1);
        if (n == 9) {
            return rest;
        }
        return (first >> n) | (rest << (8 - n));
    }

    /** Zig-zag decoding of a signed serialization-library integer (sign in the low bit). */
    static long varlenSigned(MemorySegment s, long off) {
        long u = varlen(s, off);
        return (u >>> 1) ^ -(u & 1);
    }

    static String latin1(MemorySegment s, long off, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, len);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static String utf8(MemorySegment s, long off, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] copy(MemorySegment s, long off, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, len);
        return b;
    }

    /** Length of a NUL-terminated string starting at {@code off}, not past {@code end}. */
    static int cstrLength(MemorySegment s, long off, long end) {
        long p = off;
        while (p < end && s.get(ValueLayout.JAVA_BYTE, p) != 0) {
            p++;
        }
        return (int) (p - off);
    }
}
