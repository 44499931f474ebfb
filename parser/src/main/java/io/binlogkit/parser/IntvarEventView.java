package io.binlogkit.parser;

/** Intvar (5): type u8 (1 = LAST_INSERT_ID, 2 = INSERT_ID), value u64. */
public final class IntvarEventView extends EventView {
    public static final int LAST_INSERT_ID = 1;
    public static final int INSERT_ID = 2;

    IntvarEventView() {
    }

    @Override
    void check() {
        need(body, 9, "type and value");
    }

    public int variable() {
        return u8(body);
    }

    /** {@code LAST_INSERT_ID}, {@code INSERT_ID} or {@code INVALID_INT} as the server names them. */
    public String variableName() {
        return switch (variable()) {
            case LAST_INSERT_ID -> "LAST_INSERT_ID";
            case INSERT_ID -> "INSERT_ID";
            default -> "INVALID_INT";
        };
    }

    public long value() {
        return i64(body + 1);
    }
}
