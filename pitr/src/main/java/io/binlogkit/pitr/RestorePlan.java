package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogPosition;

import java.util.List;
import java.util.Map;

/**
 * What a restore would do, computed from a backup and a binlog archive without touching any server:
 * the ranges of the binlogs replayed, what they hold, where the restore stops (the last transaction
 * applied, the first one left out), the GTID position the target must end at, and every problem found.
 *
 * @param backupDir        the backup directory
 * @param binlogDir        the archive directory
 * @param method           the backup's method
 * @param backupPosition   where the replay starts: the backup's recorded position
 * @param backupGtid       the backup's GTID position
 * @param target           how the target was read (with zone and UTC instant for a time)
 * @param segments         what is replayed, in order: one range from the backup's position to the stop
 *                         point, or two around a skipped transaction; empty when nothing is to be applied
 * @param files            per file, the byte range replayed
 * @param events           events in the replayed transactions
 * @param transactions     transactions replayed
 * @param rows             rows per {@code db.table} replayed
 * @param firstTime        commit time (epoch s) of the first transaction replayed, 0 if none
 * @param lastTime         commit time of the last transaction replayed, 0 if none
 * @param lastApplied      the last transaction replayed, or {@code null}
 * @param firstLeftOut     the first transaction not replayed (the stop point), or {@code null} at the end
 * @param skipped          the transaction left out by a skip target, or {@code null}
 * @param matched          the event a {@code --before} query matched, or {@code null}
 * @param expectedGtidPos  the GTID position ({@code D-S-N,...}) the target has after the replay
 * @param restorableUntil  the end of the last transaction that any restore from this backup could reach
 * @param restorableTime   its commit time
 * @param problems         errors (the restore is refused) and warnings
 */
public record RestorePlan(String backupDir, String binlogDir, String method, BinlogPosition backupPosition,
                          String backupGtid, String target, List<Segment> segments, List<FileRange> files,
                          long events, long transactions, Map<String, TableRows> rows, long firstTime,
                          long lastTime, Transaction lastApplied, Transaction firstLeftOut, Transaction skipped,
                          Match matched, String expectedGtidPos, BinlogPosition restorableUntil,
                          long restorableTime, List<Problem> problems) {

    /** Replayed without a break: from the event at {@code from} up to (not including) {@code to}. */
    public record Segment(BinlogPosition from, BinlogPosition to) {
    }

    /** The bytes of one file that are replayed. */
    public record FileRange(String file, long from, long to) {
    }

    /** Rows replayed into one table. */
    public record TableRows(long inserted, long updated, long deleted) {
    }

    /** One transaction of the archive. */
    public record Transaction(String file, long start, long end, String gtid, long time, String statement) {
        public BinlogPosition position() {
            return new BinlogPosition(file, start);
        }
    }

    /** The event a query matched. */
    public record Match(String file, long pos, long time, String text) {
    }

    public enum Severity { ERROR, WARNING }

    public record Problem(Severity severity, String message) {
    }

    /** Whether the plan can be carried out (no errors). */
    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The first error's message, or {@code null}. */
    public String firstError() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).map(Problem::message).findFirst()
                .orElse(null);
    }
}
