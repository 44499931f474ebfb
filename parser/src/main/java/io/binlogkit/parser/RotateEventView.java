package io.binlogkit.parser;

/** Rotate (4): position u64 (absent in binlog v1) and the next file's name to the end of the body. */
public final class RotateEventView extends EventView {
    RotateEventView() {
    }

    @Override
    void check() {
        need(body, postHeaderLength(), "post-header");
    }

    /** Where to start reading the next file (4 for a new file). */
    public long nextPosition() {
        return postHeaderLength() >= 8 ? i64(body) : 4;
    }

    public String nextFile() {
        long p = body + postHeaderLength();
        return Bytes.utf8(seg, p, (int) (end - p));
    }
}
