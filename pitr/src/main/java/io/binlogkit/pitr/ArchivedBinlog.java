package io.binlogkit.pitr;

import java.nio.file.Path;

/**
 * {@code NAME.json} beside each binlog {@code NAME} in an archive made by {@code pitr archive}: what
 * was copied and how it was verified.
 *
 * @param file        the binlog's name
 * @param size        bytes archived (for the server's active file: up to its last complete transaction)
 * @param complete    whether the server had closed the file (it will not grow any more)
 * @param serverId    server id of the file's Format_description event
 * @param serverVersion server version of the file's Format_description event
 * @param firstPos    offset of the first event after the format description
 * @param lastPos     offset of the end of the last complete transaction (= {@code size} unless damaged)
 * @param firstGtid   GTID of the first transaction, or {@code ""}
 * @param lastGtid    GTID of the last complete transaction, or {@code ""}
 * @param firstTime   timestamp (epoch seconds) of the first event after the format description, or 0
 * @param lastTime    timestamp of the last event, or 0
 * @param events      number of events
 * @param sha256      SHA-256 of the archived bytes
 * @param archivedAt  ISO-8601 instant of the copy
 */
public record ArchivedBinlog(String file, long size, boolean complete, long serverId, String serverVersion,
                             long firstPos, long lastPos, String firstGtid, String lastGtid, long firstTime,
                             long lastTime, long events, String sha256, String archivedAt) {

    public static Path manifestOf(Path binlog) {
        return binlog.resolveSibling(binlog.getFileName() + ".json");
    }

    public static ArchivedBinlog read(Path binlog) {
        return Json.read(manifestOf(binlog), ArchivedBinlog.class);
    }

    public void write(Path archiveDir) {
        Json.write(archiveDir.resolve(file + ".json"), this);
    }
}
