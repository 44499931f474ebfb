package io.binlogkit.parser;

/** Incident (26): incident number u16, then a message of u8 length. */
public final class IncidentEventView extends EventView {
    IncidentEventView() {
    }

    @Override
    void check() {
        need(body, 2, "incident number");
        if (body + 2 < end) {
            need(body + 3, u8(body + 2), "message");
        }
    }

    /** 1 = LOST_EVENTS. */
    public int incident() {
        return u16(body);
    }

    public String message() {
        return body + 2 < end ? Bytes.utf8(seg, body + 3, u8(body + 2)) : "";
    }
}
