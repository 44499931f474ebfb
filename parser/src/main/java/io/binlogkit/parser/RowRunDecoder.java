package io.binlogkit.parser;

/**
 * The fast path of {@link RowCursor#nextRows}: decodes a run of row images that lie back to back
 * in the heap copy of an event's row images ({@link RowCursor#rowBytes()}), column by column.
 *
 * <p>It serves the events whose images all have every column present (1..64 of them, so that the
 * NULL bitmap is one word) and every column of a {@link ColumnPlan#fast} class, in both images of
 * an update, which then have the same layout. In an image without NULLs every value sits at a
 * fixed offset from the start of its <em>segment</em>: the NULL bitmap starts the first one, and
 * each length-prefixed value ends one, the next starting after its bytes. A first pass walks the
 * images and records where their segments start, reading only the NULL word and the length
 * prefixes; a second pass decodes one column of every image in a loop of its own, with no switch
 * per value. Images with NULLs are decoded value by value in the first pass.
 *
 * <p>It never throws: a row with anything these loops do not read (the end of the row images, a
 * length or DECIMAL out of range) ends the run before that row, which the cursor then reads with
 * next() and {@link RowImage#decodeInto}, so values and errors stay those of the row-by-row path.
 */
final class RowRunDecoder {
    private int columns;
    private long[] fast = new long[0];
    private int nullBytes;
    private long nullMask;
    private boolean usable;
    private int segmentCount;
    /** Per column: its segment, and its offset in it. */
    private int[] segOf = new int[0];
    private int[] offInSeg = new int[0];
    /** Per segment: fixed bytes | offset of the length prefix that ends it << 24 | prefix bytes << 48 (0: none). */
    private long[] segment = new long[0];
    /** Per image of the run: where its segments start in the row images. */
    private int[] segStarts = new int[0];
    // Results of decode, offsets in the row images.
    int runEnd;
    int runLastRow;
    int runLastAfter;

    /**
     * Plans the runs of a rows event: {@code columns} columns of {@code plan}, {@code allPresent}
     * when every image has every column (and no Partial_update_rows header). Afterwards
     * {@link #usable()} says whether {@link #decode} can serve the event.
     */
    void plan(ColumnPlan plan, int columns, boolean allPresent) {
        this.columns = columns;
        this.fast = plan.fast;
        this.nullBytes = (columns + 7) >>> 3;
        this.nullMask = columns >= 64 ? -1L : (1L << columns) - 1;
        boolean ok = allPresent && columns >= 1 && columns <= 64;
        for (int i = 0; i < columns && ok; i++) {
            ok = fast[i] >= 0;
        }
        usable = ok;
        if (!ok) {
            return;
        }
        if (segOf.length < columns) {
            segOf = new int[columns];
            offInSeg = new int[columns];
            segment = new long[columns + 1];
        }
        int g = 0;
        int off = nullBytes;
        for (int i = 0; i < columns; i++) {
            long f = fast[i];
            int bytes = ColumnPlan.fastBytes(f);
            segOf[i] = g;
            offInSeg[i] = off;
            if (ColumnPlan.fastClass(f) == ColumnPlan.F_PREFIXED) {
                // the value after the prefix ends this segment; the next one starts after it
                segment[g] = (off + bytes) | (long) off << 24 | (long) bytes << 48;
                g++;
                off = 0;
            } else {
                off += bytes;
            }
        }
        segment[g] = off;
        segmentCount = g + 1;
    }

    boolean usable() {
        return usable;
    }

    /**
     * Decodes the rows from offset {@code q} of the row images {@code b} (which has 8 bytes to
     * spare after {@code lim}, the end of the row images), {@code imagesPerRow} images each, image k
     * into {@code values[k * columns ...]} and {@code nulls[k]}, until {@code maxRows} rows or the
     * end. Returns the rows decoded; leaves the offsets after them and of the last one's images in
     * {@link #runEnd}, {@link #runLastRow} and {@link #runLastAfter}.
     */
    int decode(byte[] b, int q, int lim, int imagesPerRow, int maxRows, long[] values, long[] nulls) {
        int columns = this.columns;
        int segments = segmentCount;
        long[] segment = this.segment;
        long nullMask = this.nullMask;
        int maxImages = maxRows * imagesPerRow;
        if (segStarts.length < maxImages * segments) {
            segStarts = new int[maxImages * segments];
        }
        int[] segStarts = this.segStarts;
        // pass 1: where the segments of every image start (the first at the image's start);
        // images with NULLs decoded at once
        int images = 0;
        int irregular = 0;
        run:
        while (images < maxImages && q < lim) {
            // on anything out of the ordinary the run ends before this row
            int row = q;
            for (int j = 0; j < imagesPerRow; j++) {
                if (q >= lim) {
                    images -= j;
                    q = row;
                    break run;
                }
                long none = Bytes.i64(b, q) & nullMask;
                nulls[images] = none;
                int base = images * segments;
                if (none == 0) {
                    long at = q;
                    for (int g = 0; g < segments; g++) {
                        segStarts[base + g] = (int) at;
                        long sg = segment[g];
                        long next = at + (int) (sg & 0xFF_FFFF);
                        int prefix = (int) (sg >>> 48);
                        if (prefix != 0) {
                            long prefixAt = at + (int) (sg >>> 24 & 0xFF_FFFF);
                            if (prefixAt > lim) {
                                images -= j;
                                q = row;
                                break run;
                            }
                            int shift = -(prefix << 3);
                            next += Bytes.i64(b, (int) prefixAt) << shift >>> shift;
                        }
                        if (next > lim) {
                            images -= j;
                            q = row;
                            break run;
                        }
                        at = next;
                    }
                    q = (int) at;
                } else {
                    segStarts[base] = q;
                    int e = decodeWithNulls(b, q, lim, none, values, images * columns);
                    if (e < 0) {
                        images -= j;
                        q = row;
                        break run;
                    }
                    q = e;
                    irregular++;
                }
                images++;
            }
        }
        // pass 2: the values of the images without NULLs, one column at a time
        int bad = irregular == 0
                ? columnsOfAll(b, images, values)
                : columnsOfSome(b, images, values, nulls);
        int end = q;
        if (bad < images) {
            // a DECIMAL out of range: the run ends before its row
            images = bad / imagesPerRow * imagesPerRow;
            end = segStarts[images * segments];
        }
        int rows = images / imagesPerRow;
        if (rows > 0) {
            runEnd = end;
            runLastRow = segStarts[(images - imagesPerRow) * segments];
            runLastAfter = segStarts[(images - 1) * segments];
        }
        return rows;
    }

    /**
     * Pass 2 when every image of the run is without NULLs (the usual case): image m's segments
     * start at {@code segStarts[m * segmentCount ...]}, its values go to {@code values[m * columns ...]}.
     * One loop per column, what the column's class and parameter say worked out before it. Returns
     * the first image with a DECIMAL out of range, or {@code images}.
     */
    private int columnsOfAll(byte[] b, int images, long[] values) {
        int columns = this.columns;
        int segments = segmentCount;
        int[] segStarts = this.segStarts;
        long[] fast = this.fast;
        int bad = images;
        for (int i = 0; i < columns; i++) {
            long f = fast[i];
            int bytes = ColumnPlan.fastBytes(f);
            int shift = -(bytes << 3);
            int param = ColumnPlan.fastParameter(f);
            int off = offInSeg[i];
            int s = segOf[i];
            int v = i;
            switch (ColumnPlan.fastClass(f)) {
                case ColumnPlan.F_SIGNED -> {
                    for (int m = 0; m < images; m++, s += segments, v += columns) {
                        values[v] = Bytes.i64(b, segStarts[s] + off) << shift >> shift;
                    }
                }
                case ColumnPlan.F_UNSIGNED -> {
                    for (int m = 0; m < images; m++, s += segments, v += columns) {
                        values[v] = Bytes.i64(b, segStarts[s] + off) << shift >>> shift;
                    }
                }
                case ColumnPlan.F_PREFIXED -> {
                    for (int m = 0; m < images; m++, s += segments, v += columns) {
                        int p = segStarts[s] + off;
                        values[v] = (long) (p + bytes) << 32 | (Bytes.i64(b, p) << shift >>> shift);
                    }
                }
                case ColumnPlan.F_DECIMAL -> {
                    // DecimalBinary.unscaled(raw, n, layout) with everything the layout says hoisted
                    int shift0 = param & 0x7F;
                    int shift1 = param >>> 7 & 0x3F;
                    long mask2 = (1L << shift1) - 1;
                    long mask1 = (1L << (shift0 - shift1)) - 1;
                    long p0 = DecimalBinary.pow10(param >>> 13 & 15);
                    long p1 = DecimalBinary.pow10(param >>> 17 & 15);
                    long p2 = DecimalBinary.pow10(param >>> 21 & 15);
                    for (int m = 0; m < images; m++, s += segments, v += columns) {
                        long raw = Long.reverseBytes(Bytes.i64(b, segStarts[s] + off));
                        long negative = ~(raw >> 63);
                        long x = (raw ^ Long.MIN_VALUE ^ negative) >>> shift;
                        long g2 = x & mask2;
                        long g1 = x >>> shift1 & mask1;
                        long g0 = x >>> (shift0 - 1) >>> 1;
                        if (g0 >= p0 | g1 >= p1 | g2 >= p2) {
                            bad = Math.min(bad, m); // out of range: the run ends before this row
                        }
                        values[v] = (((g0 * p1 + g1) * p2 + g2) ^ negative) - negative;
                    }
                }
                case ColumnPlan.F_DATETIME2 -> {
                    int fracShift = param & 0xFF;
                    long fracMul = param >>> 8;
                    for (int m = 0; m < images; m++, s += segments, v += columns) {
                        long raw = Long.reverseBytes(Bytes.i64(b, segStarts[s] + off));
                        values[v] = (((raw >>> 24) - 0x80_0000_0000L) << 24) + ((raw << 40) >> fracShift) * fracMul;
                    }
                }
                default -> { // F_TIMESTAMP2
                    int fracShift = param & 0xFF;
                    long fracMul = param >>> 8;
                    for (int m = 0; m < images; m++, s += segments, v += columns) {
                        long raw = Long.reverseBytes(Bytes.i64(b, segStarts[s] + off));
                        values[v] = (raw >>> 32) * 1_000_000L + ((raw << 32) >>> fracShift) * fracMul;
                    }
                }
            }
        }
        return bad;
    }

    /**
     * Pass 2 when some images have NULLs (decoded in pass 1): the others, image by image. Returns
     * the first image with a DECIMAL out of range, or {@link Integer#MAX_VALUE}.
     */
    private int columnsOfSome(byte[] b, int images, long[] values, long[] nulls) {
        int columns = this.columns;
        int segments = segmentCount;
        int[] segStarts = this.segStarts;
        long[] fast = this.fast;
        int bad = Integer.MAX_VALUE;
        for (int k = 0; k < images; k++) {
            if (nulls[k] != 0) {
                continue;
            }
            for (int i = 0; i < columns; i++) {
                int p = segStarts[k * segments + segOf[i]] + offInSeg[i];
                long v = ColumnPlan.fastValue(fast[i], Bytes.i64(b, p), p);
                if (ColumnPlan.isBadDecimal(fast[i], v)) {
                    bad = Math.min(bad, k);
                }
                values[k * columns + i] = v;
            }
        }
        return bad;
    }

    /**
     * One image with NULLs, value by value; returns the offset after it, or -1 when something is
     * out of range (its row then goes the checked way).
     */
    private int decodeWithNulls(byte[] b, int q, int lim, long none, long[] values, int at) {
        long[] fast = this.fast;
        q += nullBytes;
        for (int i = 0; i < columns; i++) {
            long v = 0;
            if ((none & (1L << i)) == 0) {
                if (q >= lim) {
                    return -1;
                }
                long f = fast[i];
                v = ColumnPlan.fastValue(f, Bytes.i64(b, q), q);
                long next = q + ColumnPlan.fastSize(f, v);
                if (next > lim || ColumnPlan.isBadDecimal(f, v)) {
                    return -1;
                }
                q = (int) next;
            }
            values[at + i] = v;
        }
        return q > lim ? -1 : q;
    }
}
