package io.binlogkit.parser;

/** MySQL XA_prepare (38): one_phase u8, formatID u32, gtrid_length u32, bqual_length u32, data. */
public final class XaPrepareEventView extends EventView {
    XaPrepareEventView() {
    }

    @Override
    void check() {
        need(body, 13, "fixed part");
        if (u32(body + 5) > 64 || u32(body + 9) > 64) {
            throw error("XID lengths", "<= 64 each", u32(body + 5) + " and " + u32(body + 9));
        }
        need(body + 13, u32(body + 5) + u32(body + 9), "XID data");
    }

    public boolean onePhase() {
        return u8(body) != 0;
    }

    public long formatId() {
        return u32(body + 1);
    }

    public byte[] gtrid() {
        return Bytes.copy(seg, body + 13, (int) u32(body + 5));
    }

    public byte[] bqual() {
        return Bytes.copy(seg, body + 13 + u32(body + 5), (int) u32(body + 9));
    }
}
