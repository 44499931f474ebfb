package io.binlogkit.emitter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Event timestamps as {@code Log_event::print_timestamp} prints them: {@code localtime()} formatted
 * {@code %02d%02d%02d %2d:%02d:%02d} (two-digit year, hour padded with a space). The zone is the
 * JVM's default, which follows {@code TZ}. The UTC offset is cached between the zone's transitions,
 * so formatting an event allocates nothing.
 */
final class LocalTimestamps {
    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private int offsetSeconds;

    LocalTimestamps(ZoneId zone) {
        this.rules = zone.getRules();
    }

    private int offset(long epochSecond) {
        if (epochSecond < validFrom || epochSecond >= validUntil) {
            Instant t = Instant.ofEpochSecond(epochSecond);
            offsetSeconds = rules.getOffset(t).getTotalSeconds();
            ZoneOffsetTransition prev = rules.previousTransition(t.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(t);
            validFrom = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
            validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return offsetSeconds;
    }

    /** Appends {@code yymmdd hh:mm:ss} for {@code epochSecond} in the local zone. */
    void append(long epochSecond, ByteSink out) {
        long local = epochSecond + offset(epochSecond);
        long days = Math.floorDiv(local, 86_400);
        int secs = (int) Math.floorMod(local, 86_400);
        // civil_from_days (H. Hinnant): days since 1970-01-01 to year, month, day.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        out.zeroPadded(Math.floorMod(year, 100), 2).zeroPadded(month, 2).zeroPadded(day, 2).byte_(' ');
        int hour = secs / 3600;
        if (hour < 10) {
            out.byte_(' ');
        }
        out.dec(hour).byte_(':').zeroPadded(secs / 60 % 60, 2).byte_(':').zeroPadded(secs % 60, 2);
    }
}
