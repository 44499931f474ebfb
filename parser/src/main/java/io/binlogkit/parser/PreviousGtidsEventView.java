package io.binlogkit.parser;

import java.util.UUID;

/**
 * MySQL Previous_gtids (35): the GTID set of all earlier binlogs. n_sids u64, then per source: uuid
 * (16 bytes), n_intervals u64, and n_intervals pairs of start u64, end u64 (end exclusive).
 *
 * <p>MySQL 8.4+ tagged form ({@code Gtid_set::encode} with {@code Gtid_format::tagged}): the first
 * 8 bytes hold the format (1) in their lowest and highest byte and the number of (uuid, tag)
 * entries in bytes 1-6; every entry has, after its uuid, the tag as a serialization-library
 * varlen length ({@link Bytes#varlen}) and bytes, empty for untagged GTIDs.
 */
public final class PreviousGtidsEventView extends EventView {
    PreviousGtidsEventView() {
    }

    @Override
    void check() {
        need(body, 8, "number of sources");
        boolean tagged = isTagged();
        long n = sourceCount();
        long p = body + 8;
        for (long i = 0; i < n; i++) {
            need(p, 16, "source ", i, "");
            if (tagged) {
                long tagAt = p + 16;
                need(tagAt, 1, "tag length of source ", i, "");
                need(tagAt, Bytes.varlenSize(seg, tagAt), "tag length of source ", i, "");
                long tagLen = Bytes.varlen(seg, tagAt);
                if (tagLen > 32) {
                    throw error("tag length of source " + i, "0..32", String.valueOf(tagLen));
                }
                long skip = Bytes.varlenSize(seg, tagAt) + tagLen;
                need(tagAt, skip, "tag of source ", i, "");
                p += skip;
            }
            need(p, 24, "source ", i, "");
            long intervals = i64(p + 16);
            if (intervals < 0 || intervals > (end - p) / 16) {
                throw error("interval count of source " + i, "<= " + (end - p) / 16, Long.toUnsignedString(intervals));
            }
            need(p + 24, intervals * 16, "intervals of source ", i, "");
            p += 24 + intervals * 16;
        }
    }

    /** Whether the set uses MySQL 8.4's tagged encoding (format byte 1 in the top byte). */
    public boolean isTagged() {
        return (u8(body + 7) & 0xFF) != 0;
    }

    public long sourceCount() {
        return isTagged() ? (i64(body) >>> 8) & 0xFFFF_FFFF_FFFFL : i64(body) & 0x00FF_FFFF_FFFF_FFFFL;
    }

    /**
     * The set in MySQL's text form, e.g. {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7}; tagged
     * entries of the same uuid follow its untagged intervals as {@code :tag:1-3}.
     */
    public String gtidSet() {
        boolean tagged = isTagged();
        StringBuilder sb = new StringBuilder();
        long p = body + 8;
        long n = sourceCount();
        UUID previous = null;
        for (long i = 0; i < n; i++) {
            UUID uuid = new UUID(Bytes.beN(seg, p, 8), Bytes.beN(seg, p + 8, 8));
            if (!uuid.equals(previous)) {
                if (i > 0) {
                    sb.append(",\n");
                }
                sb.append(uuid);
            }
            previous = uuid;
            p += 16;
            if (tagged) {
                int tagLen = (int) Bytes.varlen(seg, p);
                p += Bytes.varlenSize(seg, p);
                if (tagLen > 0) {
                    sb.append(':').append(Bytes.utf8(seg, p, tagLen));
                }
                p += tagLen;
            }
            long intervals = i64(p);
            p += 8;
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
