package io.binlogkit.parser;

/**
 * A decoded DATE, TIME, DATETIME, TIMESTAMP or YEAR value as primitive fields, filled in place by
 * {@link RowImage#temporal(int)} (one instance per image, overwritten by the next call: copy what
 * you keep). Zero dates ('0000-00-00') come out as all-zero fields, as the server stores them.
 *
 * <p>TIMESTAMP columns hold seconds since the epoch ({@link #epochSecond()}); their calendar fields
 * are filled in UTC. TIME values may be negative and have hours up to 838.
 */
public final class TemporalValue {
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int micros;
    boolean negative;
    long epochSecond;
    /** Digits of fractional seconds the column declares (fsp), 0 for the old formats. */
    int fsp;
    ColumnType type;
    /**
     * The calendar fields of a TIMESTAMP are not worked out yet: {@link #setEpoch} leaves that to
     * the first getter that needs them, as a reader may want the epoch seconds only.
     */
    private boolean civilPending;

    TemporalValue() {
    }

    public int year() {
        if (civilPending) {
            civil();
        }
        return year;
    }

    public int month() {
        if (civilPending) {
            civil();
        }
        return month;
    }

    public int day() {
        if (civilPending) {
            civil();
        }
        return day;
    }

    public int hour() {
        if (civilPending) {
            civil();
        }
        return hour;
    }

    public int minute() {
        if (civilPending) {
            civil();
        }
        return minute;
    }

    public int second() {
        if (civilPending) {
            civil();
        }
        return second;
    }

    /** Microseconds (0..999999). */
    public int micros() {
        return micros;
    }

    /** TIME only: whether the value is negative. */
    public boolean negative() {
        return negative;
    }

    /** TIMESTAMP / TIMESTAMP2 only: seconds since 1970-01-01 UTC; 0 otherwise. */
    public long epochSecond() {
        return epochSecond;
    }

    /** Declared fractional-seconds precision (0..6). */
    public int fsp() {
        return fsp;
    }

    public ColumnType type() {
        return type;
    }

    void clear(ColumnType t, int fsp) {
        year = month = day = hour = minute = second = micros = 0;
        negative = false;
        epochSecond = 0;
        civilPending = false;
        this.fsp = fsp;
        this.type = t;
    }

    /** Sets seconds since the epoch; the calendar fields follow in UTC when first read. */
    void setEpoch(long seconds, int micros) {
        epochSecond = seconds;
        this.micros = micros;
        civilPending = true;
    }

    /** Fills the calendar fields from {@link #epochSecond}, in UTC (days-to-civil, H. Hinnant). */
    private void civil() {
        civilPending = false;
        long seconds = epochSecond;
        long days = Math.floorDiv(seconds, 86400);
        long secs = Math.floorMod(seconds, 86400);
        hour = (int) (secs / 3600);
        minute = (int) (secs / 60 % 60);
        second = (int) (secs % 60);
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        day = (int) (doy - (153 * mp + 2) / 5 + 1);
        month = (int) (mp < 10 ? mp + 3 : mp - 9);
        year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    }

    /**
     * The value as MySQL prints it: DATE {@code YYYY-MM-DD}, TIME {@code [-]hh:mm:ss[.f]},
     * DATETIME {@code YYYY-MM-DD hh:mm:ss[.f]}, YEAR {@code YYYY}, TIMESTAMP as its UTC datetime,
     * with {@link #fsp()} fraction digits.
     */
    @Override
    public String toString() {
        if (civilPending) {
            civil();
        }
        StringBuilder sb = new StringBuilder(26);
        if (type == ColumnType.YEAR) {
            return pad(sb, year, 4).toString();
        }
        boolean date = type != ColumnType.TIME && type != ColumnType.TIME2;
        boolean time = type != ColumnType.DATE && type != ColumnType.NEWDATE;
        if (date) {
            pad(sb, year, 4).append('-');
            pad(sb, month, 2).append('-');
            pad(sb, day, 2);
        }
        if (time) {
            if (date) {
                sb.append(' ');
            } else if (negative) {
                sb.append('-');
            }
            pad(sb, hour, 2).append(':');
            pad(sb, minute, 2).append(':');
            pad(sb, second, 2);
            if (fsp > 0) {
                sb.append('.');
                StringBuilder f = new StringBuilder();
                pad(f, micros, 6);
                sb.append(f, 0, fsp);
            }
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
