package io.binlogkit.parser;

/** Incident (26): incident number u16, then a message of u8 length. */
public final class IncidentEventView extends EventView {
    /** {@code INCIDENT_LOST_EVENTS}: the server may have lost events (the only incident servers write). */
    public static final int LOST_EVENTS = 1;

    IncidentEventView() {
    }

    @Override
    void check() {
        need(body, 2, "incident number");
        if (body + 2 < end) {
            need(body + 3, u8(body + 2), "message");
        }
    }

    /** {@link #LOST_EVENTS} or, in theory, 0 ({@code INCIDENT_NONE}). */
    public int incident() {
        return u16(body);
    }

    public String message() {
        return body + 2 < end ? Bytes.utf8(seg, body + 3, u8(body + 2)) : "";
    }
}
