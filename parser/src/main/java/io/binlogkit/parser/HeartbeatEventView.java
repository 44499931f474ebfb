package io.binlogkit.parser;

/** Heartbeat (27; v2 is 41): only sent over the wire; the body names the master's current binlog. */
public final class HeartbeatEventView extends EventView {
    HeartbeatEventView() {
    }

    @Override
    void check() {
    }

    /** For v1 the whole body is the log name; v2's serialized fields are returned as text. */
    public String logIdent() {
        return Bytes.utf8(seg, body, (int) (end - body));
    }
}
