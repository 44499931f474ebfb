package io.binlogkit.parser;

/** Rand (13): the two seeds of RAND() for the next statement, u64 each. */
public final class RandEventView extends EventView {
    RandEventView() {
    }

    @Override
    void check() {
        need(body, 16, "seeds");
    }

    public long seed1() {
        return i64(body);
    }

    public long seed2() {
        return i64(body + 8);
    }
}
