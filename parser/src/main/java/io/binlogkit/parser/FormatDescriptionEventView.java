package io.binlogkit.parser;

/** Format_description (15) and Start_v3 (1): the fixed part shared by both. */
public final class FormatDescriptionEventView extends EventView {
    FormatDescriptionEventView() {
    }

    @Override
    void check() {
        need(body, 2 + FormatDescription.SERVER_VERSION_LENGTH + 4, "fixed part");
    }

    public int binlogVersion() {
        return u16(body);
    }

    public String serverVersion() {
        return FormatDescription.serverVersion(seg, body + 2);
    }

    public long createTimestamp() {
        return u32(body + 2 + FormatDescription.SERVER_VERSION_LENGTH);
    }

    /** The description this event establishes (the cursor's current one). */
    public FormatDescription description() {
        return format;
    }
}
