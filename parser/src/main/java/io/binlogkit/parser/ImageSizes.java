package io.binlogkit.parser;

import java.lang.foreign.MemorySegment;

/**
 * How a walk that only measures ({@link RowCursor#countRows}, {@link RowCursor#imageLength}) steps
 * over one image of a rows event: the sizes, by a {@link SizePlan}, of the columns in the image in
 * table order, and for rows without NULLs a shorter walk over the length prefixes only.
 *
 * <p>{@link #length} is {@code Rows_log_event::calc_row_event_length} of MariaDB's
 * {@code sql/log_event_client.cc}: it skips the NULL bitmap (one bit per column in the image), then
 * steps over each non-NULL value; it never throws, and gives 0 when it cannot tell: a value of a
 * size it does not know, or one that does not end inside the row images. Columns of the event
 * beyond those of the table map count in the bitmap but are not walked, as there.
 */
final class ImageSizes {
    /** Columns walked: in the image and in the table map. */
    private int count;
    /** Their sizes, in table order, encoded as {@link ColumnPlan#size}. */
    private int[] sizes = new int[0];
    /** Bytes of the image's NULL bitmap: one bit per column in the image. */
    private int nullBytes;
    // Rows whose walked columns are all non-NULL (the usual case), when there are 1..64 of them and
    // none of a size the walk gives up on: the fixed sizes between the length prefixes are summed
    // beforehand, so such a row costs one read of its NULL bits and one per length prefix.
    private boolean fast;
    private long nullMask;
    /** Bytes of the NULL bitmap that hold the walked columns' bits. */
    private int maskBytes;
    /** Length-prefixed values. */
    private int prefixed;
    /** Fixed bytes before prefixed value g (g < prefixed, the first counted from the end of the NULL bitmap), then after the last. */
    private int[] gap = new int[1];
    /** Bytes of the length prefix of prefixed value g. */
    private int[] prefixBytes = new int[0];

    /** Plans an image with all {@code columns} columns of the table (sizes from {@link ColumnPlan#sizes}). */
    void planAll(int[] columnSizes, int columns) {
        grow(columns);
        System.arraycopy(columnSizes, 0, sizes, 0, columns);
        finish(columns, columns);
    }

    /**
     * Plans an image from the columns-present bitmap of a rows event: {@code present} of its
     * {@code width} columns, those below {@code columns} (the table map's) walked with {@code columnSizes}.
     */
    void plan(int[] columnSizes, int columns, RowsEventView rows, boolean after, int width) {
        int limit = Math.min(width, columns);
        grow(limit);
        int k = 0;
        int present = 0;
        for (int i = 0; i < width; i++) {
            if (after ? rows.columnPresentAfter(i) : rows.columnPresent(i)) {
                present++;
                if (i < limit) {
                    sizes[k++] = columnSizes[i];
                }
            }
        }
        finish(k, present);
    }

    private void grow(int n) {
        if (sizes.length < n) {
            sizes = new int[Math.max(n, sizes.length * 2)];
        }
    }

    private void finish(int walked, int present) {
        count = walked;
        nullBytes = (present + 7) >>> 3;
        fast = walked >= 1 && walked <= 64;
        prefixed = 0;
        for (int j = 0; j < walked && fast; j++) {
            if (sizes[j] == ColumnPlan.INVALID) {
                fast = false;
            } else if (sizes[j] < 0) {
                prefixed++;
            }
        }
        if (!fast) {
            return;
        }
        nullMask = walked == 64 ? -1L : (1L << walked) - 1;
        maskBytes = (walked + 7) >>> 3;
        if (gap.length < prefixed + 1) {
            gap = new int[prefixed + 1];
            prefixBytes = new int[prefixed];
        }
        int g = 0;
        int fixed = 0;
        for (int j = 0; j < walked; j++) {
            int s = sizes[j];
            if (s >= 0) {
                fixed += s;
            } else {
                gap[g] = fixed;
                prefixBytes[g++] = -s;
                fixed = 0;
            }
        }
        gap[g] = fixed;
    }

    /**
     * Bytes of the image at {@code start} of {@code data}, whose row images end at {@code end}; 0
     * when the walk cannot tell (see the class comment).
     */
    long length(MemorySegment data, long start, long end) {
        long e = end(data, start, end);
        return e < 0 ? 0 : e - start;
    }

    /** The offset after the image at {@code start}, or -1 when the walk cannot tell. */
    long end(MemorySegment data, long start, long end) {
        if (fast && start + maskBytes <= end) {
            long nulls = maskBytes == 1 ? Bytes.u8(data, start) : Bytes.uN(data, start, maskBytes);
            if ((nulls & nullMask) == 0) {
                long p = start + nullBytes;
                for (int g = 0; g < prefixed; g++) {
                    p += gap[g];
                    int n = prefixBytes[g];
                    if (p + n > end) {
                        return -1;
                    }
                    p += n + prefix(data, p, n);
                }
                p += gap[prefixed];
                return p > end ? -1 : p;
            }
        }
        long len = walk(data, start, end);
        return len == 0 ? -1 : start + len;
    }

    /** The column-by-column walk: rows with NULLs, and the images {@link #length}'s short walk does not serve. */
    private long walk(MemorySegment data, long start, long end) {
        long p = start + nullBytes;
        int nulls = 0;
        for (int j = 0; j < count; j++) {
            if ((j & 7) == 0) {
                long nb = start + (j >> 3);
                // the official walk reads the bitmap without a bound; past the end it is damage
                // anyway, and any bit gives the same answer there (0: nothing fits)
                nulls = nb < end ? Bytes.u8(data, nb) : 0;
            }
            if ((nulls >> (j & 7) & 1) != 0) {
                continue;
            }
            int s = sizes[j];
            long size;
            if (s >= 0) {
                size = s;
            } else if (s == ColumnPlan.INVALID || p - s > end) {
                return 0;
            } else {
                size = -s + prefix(data, p, -s);
            }
            if (p + size > end) {
                return 0;
            }
            p += size;
        }
        return p - start;
    }

    /** A little-endian length prefix of {@code n} (1..4) bytes, which the caller has bounded. */
    private static long prefix(MemorySegment data, long p, int n) {
        return switch (n) {
            case 1 -> Bytes.u8(data, p);
            case 2 -> Bytes.u16(data, p);
            case 3 -> Bytes.u24(data, p);
            default -> Bytes.u32(data, p);
        };
    }
}
