package io.binlogkit.parser;

/**
 * MariaDB Start_encryption (164): scheme u8, key_version u32, nonce (12 bytes). Every event after it
 * is encrypted; binlogkit reports such files as encrypted and does not decrypt them.
 */
public final class StartEncryptionEventView extends EventView {
    StartEncryptionEventView() {
    }

    @Override
    void check() {
        need(body, 17, "fixed part");
    }

    public int scheme() {
        return u8(body);
    }

    public long keyVersion() {
        return u32(body + 1);
    }

    /** The 12-byte nonce (a slice of the event). */
    public java.lang.foreign.MemorySegment nonce() {
        return seg.asSlice(body + 5, 12);
    }
}
