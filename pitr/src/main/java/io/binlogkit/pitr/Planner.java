package io.binlogkit.pitr;

import io.binlogkit.index.EventIndexer;
import io.binlogkit.index.EventSearcher;
import io.binlogkit.index.InvalidQueryException;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogFormatException;
import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.pitr.RestorePlan.FileRange;
import io.binlogkit.pitr.RestorePlan.Match;
import io.binlogkit.pitr.RestorePlan.Problem;
import io.binlogkit.pitr.RestorePlan.Segment;
import io.binlogkit.pitr.RestorePlan.Severity;
import io.binlogkit.pitr.RestorePlan.TableRows;
import io.binlogkit.pitr.RestorePlan.Transaction;
import io.binlogkit.sandbox.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Computes a {@link RestorePlan} from a backup and a binlog archive, touching no server: checks the
 * chain of files from the backup's position on (a missing file, a GTID gap, binlogs of another server,
 * a backup position that is not a transaction boundary or does not carry the backup's GTID, damage),
 * finds the stop point of the target, and counts what would be replayed. The whole archive after the
 * backup is read, so that the plan also says how far any restore from this backup could go.
 */
public final class Planner {
    private Planner() {
    }

    /** The binlogs of {@code base} in {@code dir}, in sequence order. */
    static List<Path> archiveFiles(Path dir, String base) {
        if (!Files.isDirectory(dir)) {
            throw new PitrException(PitrException.Kind.IO, "no such binlog directory: " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> base.equals(BinlogNames.baseOrNull(p.getFileName().toString()))
                    && Files.isRegularFile(p)).sorted((a, b) -> Long.compare(sequence(a.getFileName().toString()), sequence(b.getFileName().toString())))
                    .toList();
        } catch (IOException e) {
            throw PitrException.io("cannot list " + dir, e);
        }
    }

    static String base(String binlogName) {
        String base = BinlogNames.baseOrNull(binlogName);
        if (base == null) {
            throw PitrException.usage("'" + binlogName + "' is not a binlog name (BASE.NNNNNN)");
        }
        return base;
    }

    static long sequence(String binlogName) {
        return BinlogNames.sequence(binlogName);
    }

    /** Plans a restore of {@code backupDir} with the binlogs in {@code binlogDir} up to {@code target}. */
    public static RestorePlan plan(Path backupDir, Path binlogDir, RestoreTarget target) {
        BackupManifest m = BackupManifest.read(backupDir);
        return new Walk(backupDir, binlogDir, m, target).run();
    }

    /** The state of one planning walk over the archive. */
    private static final class Walk {
        private final Path backupDir;
        private final Path binlogDir;
        private final BackupManifest backup;
        private final RestoreTarget target;
        private final List<Problem> problems = new ArrayList<>();
        private final List<FileRange> files = new ArrayList<>();
        private final List<Segment> segments = new ArrayList<>();
        private final Map<String, long[]> rows = new TreeMap<>();
        /** Per GTID domain: {server id, sequence} of the last transaction seen (applied or not). */
        private final Map<Long, long[]> lastSeen = new TreeMap<>();
        /** Per GTID domain: the GTID the target has after the replay. */
        private final Map<Long, String> expected = new TreeMap<>();
        private long events;
        private long transactions;
        private long firstTime;
        private long lastTime;
        private Transaction lastApplied;
        private Transaction firstLeftOut;
        private Transaction skipped;
        private Match matched;
        private boolean stopped;
        private boolean stopAfterNext;
        /** A skipped transaction ended the current file range: the next applied one starts a new range. */
        private boolean rangeBroken;
        private BinlogPosition segmentStart;
        private BinlogPosition segmentEnd;
        private BinlogPosition restorable;
        private long restorableTime;
        private String previousFile;

        Walk(Path backupDir, Path binlogDir, BackupManifest backup, RestoreTarget target) {
            this.backupDir = backupDir;
            this.binlogDir = binlogDir;
            this.backup = backup;
            this.target = target;
            for (String g : gtids(backup.gtid())) {
                long[] d = parseGtid(g);
                lastSeen.put(d[0], new long[]{d[1], d[2]});
                expected.put(d[0], g);
            }
        }

        RestorePlan run() {
            BinlogPosition start = backup.position();
            restorable = start;
            List<Path> all = archiveFiles(binlogDir, base(start.file()));
            int first = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getFileName().toString().equals(start.file())) {
                    first = i;
                }
            }
            if (first < 0) {
                error("the backup's position " + start + " is not in the archive: " + binlogDir + " has no "
                        + start.file() + (all.isEmpty() ? " (it holds no binlogs of " + base(start.file()) + ")"
                        : " (it holds " + all.getFirst().getFileName() + " to " + all.getLast().getFileName() + ")"));
                return result();
            }
            if (target.kind() == RestoreTarget.Kind.BEFORE_QUERY) {
                matched = search(all.subList(first, all.size()), start);
                if (matched == null) {
                    error("no event after the backup's position " + start + " matches '" + target.query() + "'");
                    return result();
                }
            }
            if (target.kind() == RestoreTarget.Kind.UNTIL_TIME
                    && target.time().isBefore(java.time.Instant.parse(backup.started()))) {
                error("the target time " + target.time() + " is before the backup was taken (" + backup.started()
                        + "): its data already holds later transactions; restore an older backup");
                return result();
            }
            segmentStart = start;
            for (int i = first; i < all.size(); i++) {
                Path p = all.get(i);
                String name = p.getFileName().toString();
                if (previousFile != null && sequence(name) != sequence(previousFile) + 1) {
                    missing(previousFile, name);
                    break;
                }
                if (!walkFile(p, i == first ? start.pos() : BinlogFile.MAGIC_LENGTH, i == first, i == all.size() - 1)) {
                    break;
                }
                previousFile = name;
            }
            finishTarget();
            return result();
        }

        private void missing(String before, String after) {
            long from = sequence(before) + 1;
            long to = sequence(after) - 1;
            String b = base(before);
            String names = from == to ? BinlogNames.name(b, from)
                    : BinlogNames.name(b, from) + " to " + BinlogNames.name(b, to);
            String msg = "binlog " + names + " missing from the archive (between " + before + " and " + after + ")";
            if (reached()) {
                warn(msg + ": not needed for this target");
            } else {
                error(msg + ": a restore can go up to " + restorable + ", not past it");
            }
        }


        /** Walks one file; false when the walk cannot go on past it. */
        private boolean walkFile(Path p, long from, boolean first, boolean last) {
            String name = p.getFileName().toString();
            try (BinlogFile f = BinlogFile.open(p)) {
                long writer = writerServerId(f);
                if (writer != backup.source().serverId()) {
                    String msg = name + " was written by server_id " + writer + ", but the backup's source is server_id "
                            + backup.source().serverId() + " (" + backup.source().hostname() + "): binlogs of another server";
                    if (reached()) {
                        warn(msg);
                    } else {
                        error(msg);
                    }
                    return false;
                }
                String version = f.formatDescription().serverVersion();
                if (!sameMajorMinor(version, backup.source().version())) {
                    warn(name + " was written by " + version + ", the backup's source runs " + backup.source().version());
                }
                if (first && !checkBackupPosition(f, from)) {
                    return false;
                }
                TransactionReader r = new TransactionReader(f, from, true);
                long lastEnd = from;
                try {
                    boolean checkedList = false;
                    while (r.next()) {
                        if (!checkedList && r.gtidListAtStart() != null) {
                            checkedList = true;
                            if (!checkGtidList(name, r.gtidListAtStart())) {
                                return false;
                            }
                        }
                        Transaction t = new Transaction(name, r.start(), r.end(), r.gtid() == null ? "" : r.gtid(),
                                r.commitTime(), cut(r.statement()));
                        if (!checkGtid(r, t)) {
                            return false;
                        }
                        decide(r, t);
                        lastEnd = r.end();
                        restorable = new BinlogPosition(name, r.end());
                        restorableTime = r.commitTime();
                    }
                    if (r.openTransactionStart() >= 0) {
                        String msg = name + " ends inside a transaction that starts at " + r.openTransactionStart();
                        if (last || reached()) {
                            warn(msg + " (its end was never archived): that transaction is not applied");
                        } else {
                            error(msg + ", yet more binlogs follow: the file is truncated; a restore can go up to "
                                    + restorable + ", not past it");
                            return false;
                        }
                    }
                } catch (BinlogFormatException e) {
                    String msg = "damaged event in " + name + " at offset " + e.eventOffset() + " (" + e.getMessage()
                            + "): a restore can go up to " + new BinlogPosition(name, Math.max(lastEnd,
                            BinlogFile.MAGIC_LENGTH)) + ", not past it";
                    if (reached()) {
                        warn(msg);
                    } else {
                        error(msg);
                    }
                    return false;
                }
                return true;
            } catch (BinlogFormatException e) {
                error("damaged binlog " + name + " at offset " + e.eventOffset() + ": " + e.getMessage());
                return false;
            } catch (IOException e) {
                error("cannot read " + p + ": " + e.getMessage());
                return false;
            }
        }

        private static long writerServerId(BinlogFile f) {
            EventCursor c = f.cursor();
            return c.next() ? c.serverId() : -1;
        }

        private static boolean sameMajorMinor(String a, String b) {
            String[] x = a.split("[.-]");
            String[] y = b.split("[.-]");
            return x.length > 1 && y.length > 1 && x[0].equals(y[0]) && x[1].equals(y[1]);
        }

        /** The backup's position must be a transaction boundary whose preceding transaction has the backup's GTID. */
        private boolean checkBackupPosition(BinlogFile f, long pos) {
            String name = f.path().getFileName().toString();
            TransactionReader r = new TransactionReader(f, BinlogFile.MAGIC_LENGTH, false);
            String before = null;
            long boundary = BinlogFile.MAGIC_LENGTH;
            try {
                while (boundary < pos && r.next()) {
                    if (r.end() <= pos) {
                        before = r.gtid();
                        boundary = r.end();
                    } else {
                        error("the backup's position " + name + ":" + pos + " is inside the transaction " + r.gtid()
                                + " at " + r.start() + "-" + r.end() + ": the backup does not match these binlogs");
                        return false;
                    }
                }
                if (boundary < pos && r.lastCompleteEnd() < pos) {
                    error("the backup's position " + name + ":" + pos + " is past the end of the archived "
                            + name + " (" + r.lastCompleteEnd() + " bytes of complete transactions)");
                    return false;
                }
            } catch (BinlogFormatException e) {
                error("damaged event in " + name + " at offset " + e.eventOffset() + " before the backup's position: "
                        + e.getMessage());
                return false;
            }
            if (before != null && !backup.gtid().isEmpty() && before.matches("\\d+-\\d+-\\d+")) {
                long[] g = parseGtid(before);
                String want = expected.get(g[0]);
                if (want != null && !want.equals(before)) {
                    error("the backup records GTID " + want + " but the transaction before its position " + name + ":"
                            + pos + " is " + before + ": the backup does not match these binlogs");
                    return false;
                }
            }
            return true;
        }

        /** The Gtid_list at a file's start must not be ahead of what the previous files held. */
        private boolean checkGtidList(String name, String list) {
            for (String g : gtids(list)) {
                long[] d = parseGtid(g);
                long[] seen = lastSeen.get(d[0]);
                if (seen != null && d[2] > seen[1]) {
                    String msg = "GTID gap before " + name + ": its Gtid_list says domain " + d[0] + " reached " + g
                            + ", the archive before it ends at " + d[0] + "-" + seen[0] + "-" + seen[1]
                            + " (transactions missing)";
                    if (reached()) {
                        warn(msg);
                    } else {
                        error(msg + ": a restore can go up to " + restorable + ", not past it");
                    }
                    return false;
                }
            }
            return true;
        }

        private boolean checkGtid(TransactionReader r, Transaction t) {
            if (r.domain() < 0) {
                return true;
            }
            long[] seen = lastSeen.get(r.domain());
            if (seen != null && r.sequence() != seen[1] + 1) {
                String msg = "GTID gap in domain " + r.domain() + ": " + t.gtid() + " at " + t.position() + " follows "
                        + r.domain() + "-" + seen[0] + "-" + seen[1];
                if (reached()) {
                    warn(msg);
                } else {
                    error(msg + ": a restore can go up to " + restorable + ", not past it");
                }
                return false;
            }
            lastSeen.put(r.domain(), new long[]{r.serverId(), r.sequence()});
            return true;
        }

        private void decide(TransactionReader r, Transaction t) {
            if (stopped) {
                return;
            }
            if (stopAfterNext || stopsBefore(r, t)) {
                firstLeftOut = t;
                stopped = true;
                return;
            }
            if (isSkipped(t)) {
                skipped = t;
                rangeBroken = true;
                closeSegment();
                segmentStart = new BinlogPosition(t.file(), t.end());
                return;
            }
            apply(r, t);
            if (target.kind() == RestoreTarget.Kind.UNTIL_GTID && t.gtid().equals(target.gtid())) {
                stopAfterNext = true;
            }
        }

        private boolean stopsBefore(TransactionReader r, Transaction t) {
            return switch (target.kind()) {
                case UNTIL_TIME -> r.commitTime() >= target.time().getEpochSecond();
                case UNTIL_POSITION -> t.position().compareTo(target.position()) >= 0
                        || t.file().equals(target.position().file()) && t.end() > target.position().pos();
                case BEFORE_QUERY -> t.file().equals(matched.file()) && t.end() > matched.pos()
                        || t.file().compareTo(matched.file()) > 0;
                default -> false;
            };
        }

        private boolean isSkipped(Transaction t) {
            return switch (target.kind()) {
                case SKIP_GTID -> skipped == null && t.gtid().equals(target.gtid());
                case SKIP_POSITION -> skipped == null && t.file().equals(target.position().file())
                        && t.start() <= target.position().pos() && target.position().pos() < t.end();
                default -> false;
            };
        }

        private void apply(TransactionReader r, Transaction t) {
            transactions++;
            events += r.events();
            if (firstTime == 0) {
                firstTime = r.commitTime();
            }
            lastTime = r.commitTime();
            lastApplied = t;
            segmentEnd = new BinlogPosition(t.file(), t.end());
            FileRange last = files.isEmpty() ? null : files.getLast();
            if (last != null && last.file().equals(t.file()) && !rangeBroken) {
                files.set(files.size() - 1, new FileRange(t.file(), last.from(), t.end()));
            } else {
                long from = t.file().equals(segmentStart.file()) ? segmentStart.pos() : BinlogFile.MAGIC_LENGTH;
                files.add(new FileRange(t.file(), from, t.end()));
            }
            rangeBroken = false;
            for (var e : r.rows().entrySet()) {
                long[] sum = rows.computeIfAbsent(e.getKey(), k -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    sum[i] += e.getValue()[i];
                }
            }
            if (r.domain() >= 0) {
                expected.put(r.domain(), r.gtid());
            }
        }

        private void closeSegment() {
            if (segmentEnd != null && segmentEnd.compareTo(segmentStart) > 0) {
                segments.add(new Segment(segmentStart, segmentEnd));
            }
            segmentEnd = null;
        }

        private void finishTarget() {
            closeSegment();
            boolean found = switch (target.kind()) {
                case UNTIL_GTID -> stopAfterNext || stopped;
                case SKIP_GTID, SKIP_POSITION -> skipped != null;
                case UNTIL_POSITION -> stopped || restorable.equals(target.position());
                default -> true;
            };
            if (!found) {
                String what = target.kind() == RestoreTarget.Kind.UNTIL_POSITION || target.kind()
                        == RestoreTarget.Kind.SKIP_POSITION ? "position " + target.position() : "GTID " + target.gtid();
                error("the target " + what + " is not in the archive after the backup's position "
                        + backup.position() + " (the archive reaches " + restorable + ")");
            }
            if (target.kind() == RestoreTarget.Kind.UNTIL_TIME && !stopped && ok()) {
                warn("the target time " + target.time() + " is after the last archived transaction (committed "
                        + java.time.Instant.ofEpochSecond(restorableTime) + "): everything archived is applied;"
                        + " archive the server again if it has more");
            }
        }

        /**
         * Whether the walk has passed the target: the stop point was found, or, for a position target,
         * the walk reached that position (a problem after it does not stand in the restore's way).
         */
        private boolean reached() {
            return stopped || target.kind() == RestoreTarget.Kind.UNTIL_POSITION
                    && restorable.compareTo(target.position()) >= 0;
        }

        private boolean ok() {
            return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
        }

        private Match search(List<Path> files, BinlogPosition after) {
            Path tmp = null;
            try {
                tmp = Files.createTempDirectory("binlogkit-pitr-index-");
                try (EventIndexer indexer = EventIndexer.open(tmp)) {
                    for (Path f : files) {
                        indexer.index(f);
                    }
                }
                Match best = null;
                try (EventSearcher s = EventSearcher.open(tmp)) {
                    for (EventSearcher.Hit h : s.search(target.query(), 1_000_000)) {
                        BinlogPosition p = new BinlogPosition(h.file(), Math.max(h.pos(), BinlogFile.MAGIC_LENGTH));
                        if (p.compareTo(after) >= 0 && (best == null || p.compareTo(new BinlogPosition(best.file(),
                                best.pos())) < 0)) {
                            best = new Match(h.file(), h.pos(), h.timestamp(), cut(h.text()));
                        }
                    }
                }
                return best;
            } catch (InvalidQueryException e) {
                throw PitrException.usage("bad query '" + target.query() + "': " + e.getMessage());
            } catch (BinlogFormatException e) {
                throw new PitrException(PitrException.Kind.BAD_DATA, "cannot search the archive: damaged event in "
                        + e.file().getFileName() + " at offset " + e.eventOffset() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw PitrException.io("cannot index the archive for --before", e);
            } finally {
                if (tmp != null) {
                    Sandbox.deleteTree(tmp);
                }
            }
        }

        private void error(String message) {
            problems.add(new Problem(Severity.ERROR, message));
        }

        private void warn(String message) {
            problems.add(new Problem(Severity.WARNING, message));
        }

        private RestorePlan result() {
            Map<String, TableRows> r = new TreeMap<>();
            rows.forEach((k, v) -> r.put(k, new TableRows(v[0], v[1], v[2])));
            return new RestorePlan(backupDir.toString(), binlogDir.toString(), backup.method(), backup.position(),
                    backup.gtid(), target.describe(), List.copyOf(segments), List.copyOf(files), events, transactions,
                    r, firstTime, lastTime, lastApplied, firstLeftOut, skipped, matched,
                    String.join(",", expected.values()), restorable, restorableTime, List.copyOf(problems));
        }
    }

    static List<String> gtids(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String g : list.split(",")) {
                if (!g.isBlank()) {
                    out.add(g.strip());
                }
            }
        }
        return out;
    }

    /** {@code D-S-N} as {domain, server, sequence}. */
    static long[] parseGtid(String g) {
        String[] p = g.strip().split("-");
        if (p.length != 3) {
            throw PitrException.usage("not a MariaDB GTID: '" + g + "'");
        }
        return new long[]{Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])};
    }

    static String cut(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }
}
