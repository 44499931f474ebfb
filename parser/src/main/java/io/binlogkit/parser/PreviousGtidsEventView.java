package io.binlogkit.parser;

import java.util.UUID;

/**
 * MySQL Previous_gtids (35): the GTID set of all earlier binlogs. n_sids u64, then per source: uuid
 * (16 bytes), n_intervals u64, and n_intervals pairs of start u64, end u64 (end exclusive). MySQL
 * 8.4+ may mark a tagged encoding in the top byte of n_sids; that form is reported as
 * {@link #isTagged()} and its entries are not decoded here.
 */
public final class PreviousGtidsEventView extends EventView {
    PreviousGtidsEventView() {
    }

    @Override
    void check() {
        need(body, 8, "number of sources");
        if (isTagged()) {
            return;
        }
        long n = sourceCount();
        long p = body + 8;
        for (long i = 0; i < n; i++) {
            need(p, 24, "source " + i);
            long intervals = i64(p + 16);
            failIf(intervals < 0 || intervals > (end - p) / 16, "interval count of source " + i,
                    "<= " + (end - p) / 16, Long.toUnsignedString(intervals));
            need(p + 24, intervals * 16, "intervals of source " + i);
            p += 24 + intervals * 16;
        }
    }

    /** Whether the set uses MySQL 8.4's tagged encoding (format byte 1 in the top byte). */
    public boolean isTagged() {
        return (u8(body + 7) & 0xFF) != 0;
    }

    public long sourceCount() {
        return i64(body) & 0x00FF_FFFF_FFFF_FFFFL;
    }

    /** The set in MySQL's text form, e.g. {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7}. */
    public String gtidSet() {
        if (isTagged()) {
            return "<tagged GTID set>";
        }
        StringBuilder sb = new StringBuilder();
        long p = body + 8;
        long n = sourceCount();
        for (long i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            UUID uuid = new UUID(Bytes.beN(seg, p, 8), Bytes.beN(seg, p + 8, 8));
            sb.append(uuid);
            long intervals = i64(p + 16);
            p += 24;
            for (long k = 0; k < intervals; k++) {
                long a = i64(p);
                long b = i64(p + 8) - 1;
                sb.append(':').append(a);
                if (b != a) {
                    sb.append('-').append(b);
                }
                p += 16;
            }
        }
        return sb.toString();
    }
}
