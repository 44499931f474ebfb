package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;

import java.util.Map;

/**
 * The parts of {@code SHOW SLAVE STATUS} that tell how far a slave is: what the IO thread has read
 * from the master, what the SQL thread has applied (the real replication position:
 * {@code Relay_Master_Log_File} + {@code Exec_Master_Log_Pos}), where in the relay log it is, how far
 * behind, and the threads' state and last errors.
 *
 * @param lagSeconds {@code Seconds_Behind_Master}, or {@code null} when the server does not know
 * @param lagBytes   bytes of the master's binlogs not yet applied, or {@code null} when unknown
 */
public record SlaveStatus(String masterHost, int masterPort, String masterUser,
                          String readFile, long readPosition, String execFile, long execPosition,
                          String relayFile, long relayPosition, Long lagSeconds, Long lagBytes,
                          String ioRunning, String sqlRunning, String ioState, String sqlState,
                          int lastIoErrno, String lastIoError, int lastSqlErrno, String lastSqlError) {

    static SlaveStatus of(Map<String, String> row, Long lagBytes) {
        return new SlaveStatus(row.get("Master_Host"), intOf(row.get("Master_Port")), row.get("Master_User"),
                row.get("Master_Log_File"), longOf(row.get("Read_Master_Log_Pos")),
                row.get("Relay_Master_Log_File"), longOf(row.get("Exec_Master_Log_Pos")),
                row.get("Relay_Log_File"), longOf(row.get("Relay_Log_Pos")),
                row.get("Seconds_Behind_Master") == null ? null : Long.parseLong(row.get("Seconds_Behind_Master")),
                lagBytes, row.get("Slave_IO_Running"), row.get("Slave_SQL_Running"),
                nullIfEmpty(row.get("Slave_IO_State")), nullIfEmpty(row.get("Slave_SQL_Running_State")),
                intOf(row.get("Last_IO_Errno")), nullIfEmpty(row.get("Last_IO_Error")),
                intOf(row.get("Last_SQL_Errno")), nullIfEmpty(row.get("Last_SQL_Error")));
    }

    /** The position up to which the master's events have been applied. */
    public BinlogPosition executed() {
        return new BinlogPosition(execFile, execPosition);
    }

    public boolean ioThreadRunning() {
        return "Yes".equals(ioRunning);
    }

    public boolean sqlThreadRunning() {
        return "Yes".equals(sqlRunning);
    }

    /** The last error of either thread, as "error N: message", or {@code null}. */
    public String lastError() {
        if (lastSqlErrno != 0) {
            return "SQL thread error " + lastSqlErrno + ": " + lastSqlError;
        }
        if (lastIoErrno != 0) {
            return "IO thread error " + lastIoErrno + ": " + lastIoError;
        }
        return null;
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int intOf(String s) {
        return s == null || s.isEmpty() ? 0 : Integer.parseInt(s);
    }

    private static long longOf(String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }
}
