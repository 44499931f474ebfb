package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogPosition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Where a restore stops (or what it leaves out).
 *
 * <ul>
 *   <li>{@link Kind#UNTIL_TIME}: every transaction whose commit timestamp is before the instant
 *       (binlog timestamps have whole seconds: a transaction committed at {@code 14:05:00.7} has the
 *       timestamp {@code 14:05:00} and is <em>not</em> applied by {@code --until "… 14:05:00"});</li>
 *   <li>{@link Kind#UNTIL_POSITION}: every transaction that starts before the event at the position
 *       (a position inside a transaction stops before that whole transaction);</li>
 *   <li>{@link Kind#UNTIL_GTID}: up to and including the transaction with that GTID;</li>
 *   <li>{@link Kind#BEFORE_QUERY}: just before the first transaction after the backup with an event that
 *       matches the query ({@code binlog search} syntax);</li>
 *   <li>{@link Kind#SKIP_POSITION} / {@link Kind#SKIP_GTID}: everything archived except that one transaction;</li>
 *   <li>{@link Kind#LATEST}: everything archived.</li>
 * </ul>
 */
public record RestoreTarget(Kind kind, Instant time, ZoneId zone, BinlogPosition position, String gtid, String query) {

    public enum Kind { UNTIL_TIME, UNTIL_POSITION, UNTIL_GTID, BEFORE_QUERY, SKIP_POSITION, SKIP_GTID, LATEST }

    private static final Pattern GTID = Pattern.compile("\\d+-\\d+-\\d+");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static RestoreTarget latest() {
        return new RestoreTarget(Kind.LATEST, null, null, null, null, null);
    }

    /**
     * {@code --until TIME}: {@code YYYY-MM-DD HH:MM:SS} in {@code zone}, or with an explicit offset
     * ({@code +01:00}) or {@code Z}; a {@code T} may stand for the space.
     */
    public static RestoreTarget untilTime(String text, ZoneId zone) {
        return new RestoreTarget(Kind.UNTIL_TIME, parseTime(text, zone), zone, null, null, null);
    }

    public static RestoreTarget untilPosition(String fileColonPos) {
        return new RestoreTarget(Kind.UNTIL_POSITION, null, null, position(fileColonPos), null, null);
    }

    public static RestoreTarget untilGtid(String gtid) {
        return new RestoreTarget(Kind.UNTIL_GTID, null, null, null, checkGtid(gtid), null);
    }

    public static RestoreTarget beforeQuery(String query) {
        if (query == null || query.isBlank()) {
            throw PitrException.usage("--before needs a query, e.g. \"drop table t1\"");
        }
        return new RestoreTarget(Kind.BEFORE_QUERY, null, null, null, null, query);
    }

    public static RestoreTarget skipPosition(String fileColonPos) {
        return new RestoreTarget(Kind.SKIP_POSITION, null, null, position(fileColonPos), null, null);
    }

    public static RestoreTarget skipGtid(String gtid) {
        return new RestoreTarget(Kind.SKIP_GTID, null, null, null, checkGtid(gtid), null);
    }

    /** {@code FILE:POS}; what is none is a usage error. */
    private static BinlogPosition position(String fileColonPos) {
        try {
            return BinlogPosition.parse(fileColonPos);
        } catch (IllegalArgumentException e) {
            throw PitrException.usage(e.getMessage());
        }
    }

    private static String checkGtid(String gtid) {
        if (gtid == null || !GTID.matcher(gtid.strip()).matches()) {
            throw PitrException.usage("expected a MariaDB GTID DOMAIN-SERVER-SEQUENCE (e.g. 0-1-42), not '" + gtid + "'");
        }
        return gtid.strip();
    }

    static Instant parseTime(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip().replace('T', ' ');
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return LocalDateTime.parse(t.substring(0, t.length() - 1).strip(), LOCAL).toInstant(java.time.ZoneOffset.UTC);
            }
            if (t.length() > 19) {
                return OffsetDateTime.parse(t.substring(0, 19).replace(' ', 'T') + t.substring(19).strip()).toInstant();
            }
            return ZonedDateTime.of(LocalDateTime.parse(t, LOCAL), zone).toInstant();
        } catch (DateTimeException e) {
            throw PitrException.usage("expected a time 'YYYY-MM-DD HH:MM:SS' (local), optionally followed by an"
                    + " offset such as +01:00 or Z, not '" + text + "'");
        }
    }

    /** How the target was read, for the plan's first line: the zone and the UTC instant of a time. */
    public String describe() {
        return switch (kind) {
            case UNTIL_TIME -> "until " + LOCAL.withZone(zone).format(time) + " " + zone.getId() + " ("
                    + time + "): every transaction committed before that second";
            case UNTIL_POSITION -> "until position " + position + ": every transaction that starts before it";
            case UNTIL_GTID -> "until GTID " + gtid + ", inclusive";
            case BEFORE_QUERY -> "just before the first transaction after the backup matching '" + query + "'";
            case SKIP_POSITION -> "everything except the transaction at " + position;
            case SKIP_GTID -> "everything except the transaction with GTID " + gtid;
            case LATEST -> "everything archived";
        };
    }
}
