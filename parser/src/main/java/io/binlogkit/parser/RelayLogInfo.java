package io.binlogkit.parser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A slave's {@code relay-log.info}: how far its SQL thread has applied, both in the relay log and in
 * the master's binlog ({@code Relay_Master_Log_File} / {@code Exec_Master_Log_Pos}).
 *
 * <p>Layout ({@code Relay_log_info::flush} in sql/rpl_rli.cc): since MySQL 5.6 / MariaDB 10.0 a line
 * count (5 for MariaDB; unlike master.info's it does not count itself), then relay log name, relay log position, master log name, master log
 * position and {@code MASTER_DELAY}; MySQL adds the number of workers, an id and the channel name.
 * Older files have the four positions without a count. Like {@code master.info} the file is
 * rewritten in place, so only the declared lines are read.
 */
public final class RelayLogInfo {
    private final InfoFileLines lines;

    private RelayLogInfo(InfoFileLines lines) {
        this.lines = lines;
        if (lines.fieldCount() < 4) {
            throw new BinlogFormatException(lines.file, -1, "relay-log.info", "at least 4 lines",
                    lines.fieldCount() + " lines");
        }
        relayLogPosition();
        masterLogPosition();
        sqlDelay();
    }

    public static RelayLogInfo read(Path file) throws IOException {
        return new RelayLogInfo(InfoFileLines.read(file, false));
    }

    public static RelayLogInfo parse(String text, Path source) {
        return new RelayLogInfo(InfoFileLines.parse(text, source, false));
    }

    /** The line count of the first line, or -1 for the old format without one. */
    public int declaredLines() {
        return lines.declared;
    }

    /** {@code Relay_Log_File}, as the server wrote it (usually {@code ./name-relay-bin.000002}). */
    public String relayLogFile() {
        return lines.text(0);
    }

    public long relayLogPosition() {
        return lines.number(1, "relay log position", 4);
    }

    /** {@code Relay_Master_Log_File}: the master binlog of the last applied event group. */
    public String masterLogFile() {
        return lines.text(2);
    }

    /** {@code Exec_Master_Log_Pos}. */
    public long masterLogPosition() {
        return lines.number(3, "master log position", 4);
    }

    /** {@code MASTER_DELAY} in seconds, 0 when absent. */
    public long sqlDelay() {
        return lines.number(4, "sql delay", 0);
    }

    /** MySQL's parallel worker count, or -1 when absent. */
    public long workers() {
        return lines.number(5, "number of workers", -1);
    }

    /** MySQL's replication channel name, or {@code null}. */
    public String channel() {
        return lines.text(7);
    }

    /** The fields present in the file, labelled as {@code SHOW SLAVE STATUS} labels them. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Lines", lines.declared < 0 ? "(old format without a line count)" : Integer.toString(lines.declared));
        f.put("Relay_Log_File", relayLogFile());
        f.put("Relay_Log_Pos", Long.toString(relayLogPosition()));
        f.put("Relay_Master_Log_File", masterLogFile());
        f.put("Exec_Master_Log_Pos", Long.toString(masterLogPosition()));
        if (lines.has(4)) {
            f.put("SQL_Delay", Long.toString(sqlDelay()));
        }
        if (lines.has(5)) {
            f.put("Workers", Long.toString(workers()));
        }
        if (lines.has(6)) {
            f.put("Id", lines.text(6));
        }
        if (lines.has(7)) {
            f.put("Channel_Name", channel());
        }
        return f;
    }

    @Override
    public String toString() {
        return "RelayLogInfo" + fields();
    }
}
