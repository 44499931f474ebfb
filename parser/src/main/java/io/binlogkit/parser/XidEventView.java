package io.binlogkit.parser;

/** Xid (16): the commit of a transactional storage engine transaction, xid u64. */
public final class XidEventView extends EventView {
    XidEventView() {
    }

    @Override
    void check() {
        need(body, 8, "xid");
    }

    public long xid() {
        return i64(body);
    }
}
