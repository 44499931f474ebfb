package io.binlogkit.emitter;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code binlog dump} prints: the options of {@code mariadb-binlog} with the same names and
 * meanings (see {@code my_options[]} in MariaDB's {@code client/mysqlbinlog.cc}). Immutable; made
 * with {@link #builder()}.
 *
 * <p>Positions: {@code startPosition} applies to the first file of a list, {@code stopPosition} to
 * the last one, as in {@code mariadb-binlog}. Datetimes are seconds since the epoch; the CLI reads
 * them in the local time zone with {@link #parseDatetime(String, ZoneId)}.
 */
public final class DumpOptions {
    /** The offset of the first event (after the 4-byte magic number). */
    public static final long FIRST_EVENT = 4;
    /** {@code --stop-position} when not given ({@code ~(my_off_t) 0}). */
    public static final long NO_STOP_POSITION = Long.MAX_VALUE;

    private final long startPosition;
    private final long stopPosition;
    private final long startDatetime;
    private final long stopDatetime;
    private final boolean stopDatetimeGiven;
    private final String stopDatetimeText;
    private final String database;
    private final String table;
    private final List<Long> serverIds;
    private final Base64Output base64Output;
    private final int verbosity;
    private final boolean hexdump;
    private final boolean shortForm;
    private final boolean skipAnnotateRowEvents;
    private final boolean flashback;
    private final boolean verifyChecksums;
    private final Map<String, String> rewriteDb;
    private final Path localLoadDir;
    private final Boolean printRowCount;
    private final Boolean printRowEventPositions;
    private final long offset;
    private final boolean disableLogBin;
    private final String setCharset;
    private final boolean forceIfOpen;
    private final ZoneId zone;

    private DumpOptions(Builder b) {
        this.startPosition = b.startPosition;
        this.stopPosition = b.stopPosition;
        this.startDatetime = b.startDatetime;
        this.stopDatetime = b.stopDatetime;
        this.stopDatetimeGiven = b.stopDatetimeGiven;
        this.stopDatetimeText = b.stopDatetimeText;
        this.database = b.database;
        this.table = b.table;
        this.serverIds = List.copyOf(b.serverIds);
        this.base64Output = b.base64Output;
        this.verbosity = b.verbosity;
        this.hexdump = b.hexdump;
        this.shortForm = b.shortForm;
        this.skipAnnotateRowEvents = b.skipAnnotateRowEvents;
        this.flashback = b.flashback;
        this.verifyChecksums = b.verifyChecksums;
        this.rewriteDb = Collections.unmodifiableMap(new LinkedHashMap<>(b.rewriteDb));
        this.localLoadDir = b.localLoadDir;
        this.printRowCount = b.printRowCount;
        this.printRowEventPositions = b.printRowEventPositions;
        this.offset = b.offset;
        this.disableLogBin = b.disableLogBin;
        this.setCharset = b.setCharset;
        this.forceIfOpen = b.forceIfOpen;
        this.zone = b.zone != null ? b.zone : ZoneId.systemDefault();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@code mariadb-binlog} with no options. */
    public static DumpOptions defaults() {
        return builder().build();
    }

    /** {@code --start-position}: where reading starts in the first file (default 4). */
    public long startPosition() {
        return startPosition;
    }

    /** {@code --stop-position}: events at or after it in the last file are not printed. */
    public long stopPosition() {
        return stopPosition;
    }

    /** {@code --start-datetime} in seconds since the epoch, 0 when not given. */
    public long startDatetime() {
        return startDatetime;
    }

    /** {@code --stop-datetime} in seconds since the epoch; meaningful when {@link #stopDatetimeGiven()}. */
    public long stopDatetime() {
        return stopDatetime;
    }

    public boolean stopDatetimeGiven() {
        return stopDatetimeGiven;
    }

    /** {@code --stop-datetime} as the user wrote it (for messages). */
    public String stopDatetimeText() {
        return stopDatetimeText;
    }

    /** {@code --database}: only statements and row events of this database, or null. */
    public String database() {
        return database;
    }

    /** {@code --table}: only row events of this table, or null. */
    public String table() {
        return table;
    }

    /** {@code --server-id}: only events written by these servers; empty for all. */
    public List<Long> serverIds() {
        return serverIds;
    }

    public Base64Output base64Output() {
        return base64Output;
    }

    /** Number of {@code -v}: 1 decodes row events into {@code ###} pseudo-SQL, 2 adds column types. */
    public int verbosity() {
        return verbosity;
    }

    public boolean hexdump() {
        return hexdump;
    }

    public boolean shortForm() {
        return shortForm;
    }

    public boolean skipAnnotateRowEvents() {
        return skipAnnotateRowEvents;
    }

    public boolean flashback() {
        return flashback;
    }

    /** {@code --verify-binlog-checksum}: off by default, as in {@code mariadb-binlog}. */
    public boolean verifyChecksums() {
        return verifyChecksums;
    }

    /** {@code --rewrite-db} rules, from-database to to-database. */
    public Map<String, String> rewriteDb() {
        return rewriteDb;
    }

    /**
     * {@code --local-load}: where the data of LOAD DATA statements is written for
     * {@code LOAD DATA LOCAL INFILE}; null for {@code $TMPDIR} or {@code /tmp}.
     */
    public Path localLoadDir() {
        return localLoadDir;
    }

    /** {@code --print-row-count}: on unless {@code --short-form}, or as given. */
    public boolean printRowCount() {
        return printRowCount != null ? printRowCount : !shortForm;
    }

    /** {@code --print-row-event-positions} ({@code # at N} lines): on unless short form or flashback, or as given. */
    public boolean printRowEventPositions() {
        return printRowEventPositions != null ? printRowEventPositions : !shortForm && !flashback;
    }

    /** {@code --offset}: skip the first N events. */
    public long offset() {
        return offset;
    }

    public boolean disableLogBin() {
        return disableLogBin;
    }

    /** {@code --set-charset}: adds {@code SET NAMES} to the output, or null. */
    public String setCharset() {
        return setCharset;
    }

    /** {@code --force-if-open} (on by default): dump files the server has not closed. */
    public boolean forceIfOpen() {
        return forceIfOpen;
    }

    /**
     * The local time zone of the event comments ({@code localtime()} in the official tool): the JVM's
     * default, which follows {@code TZ}, unless set.
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Reads a date and time the way {@code mariadb-binlog} reads {@code --start-datetime}: a full date
     * and time in any format the server accepts for DATETIME ({@code 2004-12-25 11:25:56},
     * {@code 2004/12/25 11.25.56}, {@code 20041225112556}, two-digit years), in the zone {@code zone}.
     * Days past the end of a month roll over, as in the server.
     *
     * @return seconds since the epoch
     * @throws IllegalArgumentException with the message {@code mariadb-binlog} prints
     */
    public static long parseDatetime(String text, ZoneId zone) {
        String s = text.trim();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isDigit(ch)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            } else if (ch == 'T' || ch == ' ' || isDelimiter(ch)) {
                i++;
            } else {
                throw badDatetime(text);
            }
        }
        int[] f = new int[6];
        if (parts.size() == 1 && (parts.getFirst().length() == 14 || parts.getFirst().length() == 12)) {
            String d = parts.getFirst();
            int yl = d.length() == 14 ? 4 : 2;
            f[0] = Integer.parseInt(d.substring(0, yl));
            for (int k = 1; k < 6; k++) {
                f[k] = Integer.parseInt(d.substring(yl + 2 * (k - 1), yl + 2 * k));
            }
            if (yl == 2) {
                f[0] += f[0] < 70 ? 2000 : 1900;
            }
        } else if (parts.size() == 6 || parts.size() == 7) {
            for (int k = 0; k < 6; k++) {
                if (parts.get(k).length() > (k == 0 ? 4 : 2)) {
                    throw badDatetime(text);
                }
                f[k] = Integer.parseInt(parts.get(k));
            }
            if (parts.getFirst().length() <= 2) {
                f[0] += f[0] < 70 ? 2000 : 1900;
            }
        } else {
            throw badDatetime(text);
        }
        if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59) {
            throw badDatetime(text);
        }
        LocalDateTime t = LocalDateTime.of(f[0], f[1], 1, f[3], f[4], f[5]).plusDays(f[2] - 1L);
        return t.atZone(zone).toEpochSecond();
    }

    private static boolean isDelimiter(char ch) {
        return ch < 128 && !Character.isLetterOrDigit(ch) && !Character.isWhitespace(ch) || ch == '\t';
    }

    private static IllegalArgumentException badDatetime(String text) {
        return new IllegalArgumentException("Incorrect date and time argument: " + text);
    }

    /** Builds {@link DumpOptions}; every setter is optional. */
    public static final class Builder {
        private long startPosition = FIRST_EVENT;
        private long stopPosition = NO_STOP_POSITION;
        private long startDatetime;
        private long stopDatetime;
        private boolean stopDatetimeGiven;
        private String stopDatetimeText;
        private String database;
        private String table;
        private final List<Long> serverIds = new ArrayList<>();
        private Base64Output base64Output = Base64Output.AUTO;
        private int verbosity;
        private boolean hexdump;
        private boolean shortForm;
        private boolean skipAnnotateRowEvents;
        private boolean flashback;
        private boolean verifyChecksums;
        private final Map<String, String> rewriteDb = new LinkedHashMap<>();
        private Path localLoadDir;
        private Boolean printRowCount;
        private Boolean printRowEventPositions;
        private long offset;
        private boolean disableLogBin;
        private String setCharset;
        private boolean forceIfOpen = true;
        private ZoneId zone;

        private Builder() {
        }

        public Builder startPosition(long v) {
            if (v < FIRST_EVENT) {
                throw new IllegalArgumentException("--start-position must be at least 4, not " + v);
            }
            this.startPosition = v;
            return this;
        }

        public Builder stopPosition(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("--stop-position must not be negative");
            }
            this.stopPosition = v;
            return this;
        }

        public Builder startDatetime(long epochSeconds) {
            this.startDatetime = epochSeconds;
            return this;
        }

        public Builder stopDatetime(long epochSeconds) {
            return stopDatetime(epochSeconds, java.time.Instant.ofEpochSecond(epochSeconds).toString());
        }

        /** {@code --stop-datetime}, with the text the user gave for messages. */
        public Builder stopDatetime(long epochSeconds, String asGiven) {
            this.stopDatetime = epochSeconds;
            this.stopDatetimeGiven = true;
            this.stopDatetimeText = asGiven;
            return this;
        }

        public Builder database(String v) {
            this.database = v;
            return this;
        }

        public Builder table(String v) {
            this.table = v;
            return this;
        }

        public Builder serverId(long v) {
            this.serverIds.add(v);
            return this;
        }

        public Builder base64Output(Base64Output v) {
            this.base64Output = v;
            return this;
        }

        public Builder verbosity(int v) {
            this.verbosity = v;
            return this;
        }

        public Builder hexdump(boolean v) {
            this.hexdump = v;
            return this;
        }

        public Builder shortForm(boolean v) {
            this.shortForm = v;
            return this;
        }

        public Builder skipAnnotateRowEvents(boolean v) {
            this.skipAnnotateRowEvents = v;
            return this;
        }

        public Builder flashback(boolean v) {
            this.flashback = v;
            return this;
        }

        public Builder verifyChecksums(boolean v) {
            this.verifyChecksums = v;
            return this;
        }

        /** Adds a {@code --rewrite-db} rule. */
        public Builder rewriteDb(String from, String to) {
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalArgumentException("Bad syntax in rewrite-db. Expected syntax is FROM->TO.");
            }
            this.rewriteDb.put(from, to);
            return this;
        }

        /** Adds a {@code --rewrite-db} rule written {@code from->to}, spaces around the names ignored. */
        public Builder rewriteDb(String rule) {
            int arrow = rule.indexOf("->");
            if (arrow < 0) {
                throw new IllegalArgumentException("Bad syntax in rewrite-db. Expected syntax is FROM->TO.");
            }
            return rewriteDb(rule.substring(0, arrow).trim(), rule.substring(arrow + 2).trim());
        }

        public Builder localLoadDir(Path v) {
            this.localLoadDir = v;
            return this;
        }

        public Builder printRowCount(boolean v) {
            this.printRowCount = v;
            return this;
        }

        public Builder printRowEventPositions(boolean v) {
            this.printRowEventPositions = v;
            return this;
        }

        public Builder offset(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("--offset must not be negative");
            }
            this.offset = v;
            return this;
        }

        public Builder disableLogBin(boolean v) {
            this.disableLogBin = v;
            return this;
        }

        public Builder setCharset(String v) {
            this.setCharset = v;
            return this;
        }

        public Builder forceIfOpen(boolean v) {
            this.forceIfOpen = v;
            return this;
        }

        /** The zone of the {@code #yymmdd hh:mm:ss} comments (default: the JVM's, i.e. {@code TZ}). */
        public Builder zone(ZoneId v) {
            this.zone = v;
            return this;
        }

        public DumpOptions build() {
            return new DumpOptions(this);
        }
    }
}
