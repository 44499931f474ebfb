package io.binlogkit.parser;

/**
 * MariaDB Gtid (162): seq_no u64, domain_id u32, flags2 u8; with FL_GROUP_COMMIT_ID a commit_id u64;
 * with FL_PREPARED_XA or FL_COMPLETED_XA the XID (formatID u32, gtrid_len u8, bqual_len u8, data).
 * The server id of the GTID is the event header's. See {@code Gtid_log_event} in MariaDB's
 * {@code sql/log_event.cc}.
 */
public final class MariaGtidEventView extends EventView {
    public static final int FL_STANDALONE = 1;
    public static final int FL_GROUP_COMMIT_ID = 2;
    public static final int FL_TRANSACTIONAL = 4;
    public static final int FL_ALLOW_PARALLEL = 8;
    public static final int FL_WAITED = 16;
    public static final int FL_DDL = 32;
    public static final int FL_PREPARED_XA = 64;
    public static final int FL_COMPLETED_XA = 128;

    private long xidAt;

    MariaGtidEventView() {
    }

    @Override
    void check() {
        need(body, 13, "post-header");
        long p = body + 13;
        if ((flags() & FL_GROUP_COMMIT_ID) != 0) {
            need(p, 8, "commit id");
            p += 8;
        }
        xidAt = -1;
        if ((flags() & (FL_PREPARED_XA | FL_COMPLETED_XA)) != 0) {
            need(p, 6, "XID header");
            need(p + 6, u8(p + 4) + u8(p + 5), "XID data");
            xidAt = p;
        }
    }

    public long sequence() {
        return i64(body);
    }

    public long domainId() {
        return u32(body + 8);
    }

    public long serverId() {
        return u32(start + 5);
    }

    public int flags() {
        return u8(body + 12);
    }

    public boolean isStandalone() {
        return (flags() & FL_STANDALONE) != 0;
    }

    /** The group commit id, or 0 when the flag is not set. */
    public long commitId() {
        return (flags() & FL_GROUP_COMMIT_ID) != 0 ? i64(body + 13) : 0;
    }

    public boolean hasXid() {
        return xidAt >= 0;
    }

    public long xidFormatId() {
        return hasXid() ? u32(xidAt) : -1;
    }

    public byte[] xidGtrid() {
        return hasXid() ? Bytes.copy(seg, xidAt + 6, u8(xidAt + 4)) : new byte[0];
    }

    public byte[] xidBqual() {
        return hasXid() ? Bytes.copy(seg, xidAt + 6 + u8(xidAt + 4), u8(xidAt + 5)) : new byte[0];
    }

    /** {@code domain-server-sequence}, e.g. {@code 0-1-42}. */
    public String gtid() {
        return domainId() + "-" + serverId() + "-" + Long.toUnsignedString(sequence());
    }
}
