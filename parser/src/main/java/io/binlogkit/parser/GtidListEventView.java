package io.binlogkit.parser;

/**
 * MariaDB Gtid_list (163): count u32 (low 28 bits; the top 4 are flags), then count triplets of
 * domain_id u32, server_id u32, seq_no u64.
 */
public final class GtidListEventView extends EventView {
    private static final int ENTRY = 16;

    GtidListEventView() {
    }

    @Override
    void check() {
        need(body, 4, "count");
        need(body + 4, (long) count() * ENTRY, "GTID entries");
    }

    public int count() {
        return (int) (u32(body) & 0x0FFF_FFFFL);
    }

    public int listFlags() {
        return (int) (u32(body) >>> 28);
    }

    public long domainId(int i) {
        return u32(body + 4 + (long) i * ENTRY);
    }

    public long serverId(int i) {
        return u32(body + 8 + (long) i * ENTRY);
    }

    public long sequence(int i) {
        return i64(body + 12 + (long) i * ENTRY);
    }

    public String gtid(int i) {
        return domainId(i) + "-" + serverId(i) + "-" + Long.toUnsignedString(sequence(i));
    }
}
