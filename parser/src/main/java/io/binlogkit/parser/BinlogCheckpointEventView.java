package io.binlogkit.parser;

/** MariaDB Binlog_checkpoint (161): name_len u32, then the oldest binlog still needed for XA recovery. */
public final class BinlogCheckpointEventView extends EventView {
    BinlogCheckpointEventView() {
    }

    @Override
    void check() {
        need(body, 4, "name length");
        need(body + 4, u32(body), "file name");
    }

    public String file() {
        return Bytes.utf8(seg, body + 4, (int) u32(body));
    }
}
