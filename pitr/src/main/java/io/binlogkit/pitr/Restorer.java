package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.pitr.RestorePlan.Segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Carries out a {@link RestorePlan}: puts the backup's data into the target server, then replays the
 * archived binlogs through the target's own replication SQL thread, transaction by transaction, and
 * verifies the end state.
 *
 * <p>Why the SQL thread: it applies the events exactly as replication does (one session for the whole
 * range, so temporary tables and session variables span files; GTIDs kept, so it works with
 * {@code gtid_strict_mode}), it records what it applied in {@code mysql.gtid_slave_pos} in the same
 * InnoDB transaction (so a restore interrupted in any way resumes from what the target really holds),
 * and it is several times faster than piping {@code mariadb-binlog} into the {@code mariadb} client.
 * The archived binlogs are copied into the target's relay log directory as relay logs that follow the
 * one the server has, the server is restarted with {@code --skip-slave-start} (it then opens a new,
 * empty relay log after them, so the SQL thread never mistakes one of ours for the log being written),
 * and each segment of the plan runs as {@code START SLAVE SQL_THREAD UNTIL RELAY_LOG_FILE=…,
 * RELAY_LOG_POS=…}: the SQL thread checks that condition at group boundaries before executing the next
 * event, so it stops exactly before the first transaction left out (MariaDB {@code slave.cc},
 * {@code exec_relay_log_event}; {@code Relay_log_info::is_until_satisfied}). The target's server id must
 * differ from the binlogs' (the SQL thread skips its own server id's events).
 */
public final class Restorer {
    /** The restore's state in the target's datadir, for {@code --resume}. */
    static final String STATE_FILE = "binlogkit-pitr-restore.json";
    private static final String FAKE_MASTER_USER = "binlogkit_pitr";

    /** What the caller sees of a restore in progress. */
    public interface Listener {
        /** A step starts (one line for the log). */
        void step(String what);

        /** Replay progress: bytes and transactions of the plan done. */
        void replay(long bytesDone, long bytesTotal, long transactionsDone, long transactionsTotal);
    }

    /** Options of a restore. */
    public record Options(boolean force, boolean resume, boolean dryRun) {
    }

    /** What a restore did. */
    public record Result(RestorePlan plan, String gtidSlavePos, Map<String, TableCheck> tables, long replayMillis,
                         long totalMillis, boolean resumed) {
    }

    /** A touched table after the restore: rows and {@code CHECKSUM TABLE}, or absent. */
    public record TableCheck(boolean exists, long rows, String checksum) {
    }

    /** The restore's state, kept in the target's datadir between the data restore and the end. */
    record State(String backupDir, String binlogDir, String target, String startGtid, String flushLogAtTrxCommit,
                 String syncBinlog, String started) {
    }

    private final RestorePlan plan;
    private final BackupManifest backup;
    private final Path backupDir;
    private final ServerEndpoint target;
    private final Listener listener;

    public Restorer(RestorePlan plan, ServerEndpoint target, Listener listener) {
        this.plan = plan;
        this.backupDir = Path.of(plan.backupDir());
        this.backup = BackupManifest.read(backupDir);
        this.target = target;
        this.listener = listener;
    }

    /** Checks everything that can be checked without changing anything; throws the first refusal. */
    public void check(Options options) {
        if (!plan.ok()) {
            throw PitrException.badData("the plan has problems: " + plan.firstError());
        }
        if (!target.canRestart()) {
            throw PitrException.usage(target.describe() + ": pitr restore needs to stop and start the target;"
                    + " its option file must name datadir and pid-file in [mysqld]");
        }
        Path datadir = target.datadir().toAbsolutePath().normalize();
        String localHost = hostname();
        if (backup.source().hostname().equals(localHost)
                && Path.of(backup.source().datadir()).toAbsolutePath().normalize().equals(datadir)) {
            throw PitrException.refused(target.describe() + " is the backup's own source server (datadir " + datadir
                    + "): restore into another server");
        }
        if (target.running()) {
            ServerIdentity id = target.identity();
            if (id.sameServerAs(backup.source())) {
                throw PitrException.refused(target.describe() + " is the backup's own source server ("
                        + id.describe() + "): restore into another server");
            }
            if (id.serverId() == backup.source().serverId()) {
                throw PitrException.refused(target.describe() + " has server_id " + id.serverId()
                        + ", the same as the server that wrote the binlogs: its replication applier would skip"
                        + " every transaction; give the target another server-id");
            }
            if (!options.resume() && !options.force()) {
                List<String> user = Tools.userDatabases(target);
                if (!user.isEmpty()) {
                    throw PitrException.refused(target.describe() + " has user databases (" + String.join(", ", user)
                            + "): a restore replaces them; give --force to go on");
                }
            }
        } else if (!options.resume() && !options.force()) {
            throw PitrException.refused(target.describe() + " is not running, so pitr cannot check that it holds no"
                    + " user databases: start it, or give --force to replace whatever its datadir holds");
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    /** Restores the backup and replays the plan (or, with {@code resume}, goes on from what the target applied). */
    public Result run(Options options) {
        long t0 = System.nanoTime();
        check(options);
        State state = options.resume() ? readState() : null;
        if (options.resume() && state == null) {
            throw PitrException.usage("no restore to resume on " + target.describe() + " (no " + STATE_FILE
                    + " in its datadir): run the restore without --resume");
        }
        if (state == null) {
            listener.step("restoring the " + backup.method() + " backup " + backupDir + " into " + target.describe());
            Backups.verify(backupDir, backup);
            Backups.restoreData(backupDir, backup, target);
            state = newState();
        } else {
            listener.step("resuming the restore of " + backupDir + " into " + target.describe());
            if (!target.running()) {
                target.start("--skip-slave-start");
            }
        }
        List<Segment> segments;
        String applied;
        try (Connection c = target.connect()) {
            run(c, "STOP SLAVE");
            applied = value(c, "SELECT @@GLOBAL.gtid_slave_pos");
            if (!options.resume()) {
                run(c, "RESET SLAVE ALL");
                // The target's own binlog history (a logical load writes one) is not the restored
                // server's: with it, gtid_slave_pos could not be set to the backup's position (error 1947).
                run(c, "RESET MASTER");
                run(c, "SET GLOBAL gtid_slave_pos = '" + backup.gtid() + "'");
                applied = backup.gtid();
                // From here on the target's gtid_slave_pos says what it holds: a restore interrupted
                // after this point can be resumed.
                writeState(state);
            }
        } catch (SQLException e) {
            throw PitrException.server(target.describe() + ": " + e.getMessage(), e);
        }
        segments = remaining(applied);
        long r0 = System.nanoTime();
        if (!segments.isEmpty()) {
            replay(segments);
        }
        long replayMillis = (System.nanoTime() - r0) / 1_000_000;
        String finalPos;
        Map<String, TableCheck> tables;
        try (Connection c = target.connect()) {
            finalPos = value(c, "SELECT @@GLOBAL.gtid_slave_pos");
            run(c, "SET GLOBAL innodb_flush_log_at_trx_commit = " + state.flushLogAtTrxCommit());
            run(c, "SET GLOBAL sync_binlog = " + state.syncBinlog());
            if (!sameGtidPos(finalPos, plan.expectedGtidPos())) {
                throw PitrException.server("verification failed: " + target.describe() + " applied up to GTID '" + finalPos
                        + "', the plan ends at '" + plan.expectedGtidPos() + "'");
            }
            tables = checkTables(c);
        } catch (SQLException e) {
            throw PitrException.server(target.describe() + ": " + e.getMessage(), e);
        }
        deleteState();
        return new Result(plan, finalPos, tables, replayMillis, (System.nanoTime() - t0) / 1_000_000,
                options.resume());
    }

    private State newState() {
        try (Connection c = target.connect()) {
            return new State(backupDir.toAbsolutePath().toString(), Path.of(plan.binlogDir()).toAbsolutePath().toString(),
                    plan.target(), backup.gtid(), value(c, "SELECT @@GLOBAL.innodb_flush_log_at_trx_commit"),
                    value(c, "SELECT @@GLOBAL.sync_binlog"), Instant.now().toString());
        } catch (SQLException e) {
            throw PitrException.server(target.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The plan's segments from what the target has applied on: each domain's GTID in {@code applied} is
     * looked up in the segments, and the replay goes on after the latest of them.
     */
    List<Segment> remaining(String applied) {
        Map<Long, String> done = new HashMap<>();
        for (String g : Planner.gtids(applied)) {
            done.put(Planner.parseGtid(g)[0], g);
        }
        Map<Long, String> start = new HashMap<>();
        for (String g : Planner.gtids(backup.gtid())) {
            start.put(Planner.parseGtid(g)[0], g);
        }
        if (done.equals(start)) {
            return plan.segments();
        }
        BinlogPosition resumeAt = null;
        Path dir = Path.of(plan.binlogDir());
        for (Segment s : plan.segments()) {
            for (String file : filesOf(s)) {
                try (BinlogFile f = BinlogFile.open(dir.resolve(file))) {
                    long from = file.equals(s.from().file()) ? s.from().pos() : BinlogFile.MAGIC_LENGTH;
                    TransactionReader r = new TransactionReader(f, from, false);
                    while (r.next()) {
                        if (file.equals(s.to().file()) && r.start() >= s.to().pos()) {
                            break;
                        }
                        if (r.gtid() != null && r.domain() >= 0 && r.gtid().equals(done.get(r.domain()))) {
                            BinlogPosition after = new BinlogPosition(file, r.end());
                            if (resumeAt == null || after.compareTo(resumeAt) > 0) {
                                resumeAt = after;
                            }
                        }
                    }
                } catch (IOException e) {
                    throw PitrException.io("cannot read " + dir.resolve(file), e);
                }
            }
        }
        if (resumeAt == null) {
            throw PitrException.server(target.describe() + " has applied GTID '" + applied + "', which is neither the"
                    + " backup's position '" + backup.gtid() + "' nor a transaction of this plan: it was changed"
                    + " outside this restore; restore again without --resume");
        }
        List<Segment> out = new ArrayList<>();
        for (Segment s : plan.segments()) {
            if (s.to().compareTo(resumeAt) <= 0) {
                continue;
            }
            out.add(s.from().compareTo(resumeAt) >= 0 ? s : new Segment(resumeAt, s.to()));
        }
        return out;
    }

    private static List<String> filesOf(Segment s) {
        List<String> files = new ArrayList<>();
        String base = Planner.base(s.from().file());
        for (long q = Planner.sequence(s.from().file()); q <= Planner.sequence(s.to().file()); q++) {
            files.add(BinlogNames.name(base, q));
        }
        return files;
    }

    /** Places the archived binlogs as relay logs, restarts the target and runs the SQL thread over each segment. */
    private void replay(List<Segment> segments) {
        listener.step("replaying " + plan.transactions() + " transactions from " + segments.getFirst().from() + " to "
                + segments.getLast().to() + " through the replication SQL thread of " + target.describe());
        Path relayIndex;
        String relayBase;
        try (Connection c = target.connect()) {
            run(c, "STOP SLAVE");
            run(c, "RESET SLAVE ALL");
            // A master that is never connected to: only the SQL thread runs. MASTER_USE_GTID=no keeps
            // the positions ours; gtid_slave_pos is still updated with every applied transaction.
            run(c, "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=1, MASTER_USER='" + FAKE_MASTER_USER
                    + "', MASTER_USE_GTID=no, MASTER_LOG_FILE='" + segments.getFirst().from().file()
                    + "', MASTER_LOG_POS=" + segments.getFirst().from().pos());
            relayBase = value(c, "SELECT @@GLOBAL.relay_log_basename");
            relayIndex = Path.of(value(c, "SELECT @@GLOBAL.relay_log_index"));
        } catch (SQLException e) {
            throw PitrException.server(target.describe() + ": " + e.getMessage(), e);
        }
        target.stop();
        Map<String, String> relayOf = placeRelayLogs(segments, Path.of(relayBase), relayIndex);
        target.start("--skip-slave-start");
        List<List<Piece>> pieces = new ArrayList<>();
        long total = 0;
        for (Segment s : segments) {
            pieces.add(pieces(s, relayOf));
            total += bytes(pieces.getLast());
        }
        List<String> order = new ArrayList<>(relayOf.values());
        long done = 0;
        try (Connection c = target.connect()) {
            // Durability the replay does not need (it can be resumed from gtid_slave_pos); the values
            // the target had are put back at the end (they are in the state file for a resume).
            run(c, "SET GLOBAL innodb_flush_log_at_trx_commit = 2");
            run(c, "SET GLOBAL sync_binlog = 0");
            for (List<Piece> p : pieces) {
                runSegment(c, p, order, done, total);
                done += bytes(p);
            }
            run(c, "STOP SLAVE");
            run(c, "RESET SLAVE ALL");
        } catch (SQLException e) {
            throw PitrException.server(target.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of one binlog, placed as relay log {@code relay}, that a segment replays (relay names sort in log order). */
    private record Piece(String file, String relay, long from, long to) {
    }

    private List<Piece> pieces(Segment s, Map<String, String> relayOf) {
        Path dir = Path.of(plan.binlogDir());
        List<Piece> out = new ArrayList<>();
        for (String f : filesOf(s)) {
            long from = f.equals(s.from().file()) ? s.from().pos() : 0;
            long to = f.equals(s.to().file()) ? s.to().pos() : size(dir.resolve(f));
            out.add(new Piece(f, relayOf.get(f), from, Math.max(from, to)));
        }
        return out;
    }

    private static long bytes(List<Piece> pieces) {
        long n = 0;
        for (Piece p : pieces) {
            n += p.to() - p.from();
        }
        return n;
    }

    /** Bytes of {@code pieces} before the SQL thread's position {@code relayFile:pos}. */
    private static long bytesUpTo(List<Piece> pieces, String relayFile, long pos) {
        long n = 0;
        for (Piece p : pieces) {
            int cmp = p.relay().compareTo(relayFile);
            if (cmp < 0) {
                n += p.to() - p.from();
            } else if (cmp == 0) {
                n += Math.max(0, Math.min(pos, p.to()) - p.from());
            }
        }
        return n;
    }

    /** Copies the segments' binlogs into the relay log directory after the server's own relay logs. */
    private Map<String, String> placeRelayLogs(List<Segment> segments, Path relayBase, Path relayIndex) {
        Map<String, String> relayOf = new LinkedHashMap<>();
        try {
            List<String> lines = Files.exists(relayIndex) ? new ArrayList<>(Files.readAllLines(relayIndex)) : new ArrayList<>();
            long next = 1;
            for (String l : lines) {
                next = Math.max(next, Planner.sequence(Path.of(l.strip()).getFileName().toString()) + 1);
            }
            // The server writes its index lines as "./NAME" for a relay log in its datadir, else as a path.
            boolean relative = lines.isEmpty() || lines.getLast().startsWith("./");
            String prefix = relative ? "./" : relayBase.getParent() + "/";
            Path dir = Path.of(plan.binlogDir());
            StringBuilder add = new StringBuilder();
            Set<String> files = new java.util.LinkedHashSet<>();
            for (Segment s : segments) {
                files.addAll(filesOf(s));
            }
            BinlogPosition end = segments.getLast().to();
            var owner = Files.getOwner(relayBase.getParent());
            for (String f : files) {
                String relay = BinlogNames.name(relayBase.getFileName().toString(), next++);
                Path to = relayBase.resolveSibling(relay);
                Files.deleteIfExists(to);
                placeRelayLog(dir.resolve(f), to, f.equals(end.file()) ? end.pos() : -1, owner);
                relayOf.put(f, relay);
                add.append(prefix).append(relay).append('\n');
            }
            Files.writeString(relayIndex, add.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw PitrException.io("cannot place the binlogs as relay logs of " + target.describe(), e);
        }
        return relayOf;
    }

    /**
     * One relay log: the file where the replay ends is copied only up to that end (the SQL thread then
     * finds nothing after it in that file and waits on the server's own relay log, where pitr stops
     * it); other files are hard-linked when the server's user owns them and they are on the same file
     * system (the server only reads and, after applying, deletes relay logs), else copied.
     */
    private static void placeRelayLog(Path from, Path to, long upTo, java.nio.file.attribute.UserPrincipal owner)
            throws IOException {
        if (upTo < 0 && owner.equals(Files.getOwner(from))) {
            try {
                Files.createLink(to, from);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system: copy
            }
        }
        try (var in = java.nio.channels.FileChannel.open(from, StandardOpenOption.READ);
             var out = java.nio.channels.FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long n = upTo < 0 ? in.size() : Math.min(upTo, in.size());
            for (long done = 0; done < n; ) {
                done += in.transferTo(done, n - done, out);
            }
        }
        Files.setOwner(to, owner);
    }

    /**
     * Runs the SQL thread over one segment ({@code pieces}, in relay coordinates) and waits until it
     * has stopped exactly at its end; {@code order} is every relay log pitr placed, in order.
     */
    private void runSegment(Connection c, List<Piece> pieces, List<String> order, long doneBefore, long total)
            throws SQLException {
        Piece first = pieces.getFirst();
        Piece last = pieces.getLast();
        String toRelay = last.relay();
        run(c, "CHANGE MASTER TO RELAY_LOG_FILE='" + first.relay() + "', RELAY_LOG_POS=" + first.from());
        run(c, "START SLAVE SQL_THREAD UNTIL RELAY_LOG_FILE='" + toRelay + "', RELAY_LOG_POS=" + last.to());
        long startSeq = -1;
        while (true) {
            Map<String, String> st = row(c, "SHOW SLAVE STATUS");
            String file = st.get("Relay_Log_File");
            long pos = Long.parseLong(st.get("Relay_Log_Pos"));
            boolean running = "Yes".equals(st.get("Slave_SQL_Running"));
            String errno = st.get("Last_SQL_Errno");
            if (errno != null && !errno.equals("0")) {
                throw PitrException.server("the replay failed in " + target.describe() + " at "
                        + st.get("Relay_Master_Log_File") + ":" + st.get("Exec_Master_Log_Pos") + ": error " + errno
                        + ": " + st.get("Last_SQL_Error"));
            }
            // Relay coordinates in order: our relay logs, then the server's own (empty) one after them.
            int at = order.indexOf(file);
            int end = order.indexOf(toRelay);
            boolean reached = at > end || at == end && pos >= last.to()
                    || at < 0 && !order.isEmpty() && file.compareTo(order.getLast()) > 0;
            long seq = seqOf(value(c, "SELECT @@GLOBAL.gtid_slave_pos"));
            if (startSeq < 0) {
                startSeq = seq;
            }
            listener.replay(doneBefore + bytesUpTo(pieces, file, pos), total,
                    Math.max(0, seq - startSeq), plan.transactions());
            if (!running) {
                if (!reached) {
                    throw PitrException.server("the SQL thread of " + target.describe() + " stopped at relay log "
                            + file + ":" + pos + ", not at " + last.file() + ":" + last.to() + " (" + toRelay + ":"
                            + last.to() + ")");
                }
                return;
            }
            if (reached) {
                // At the end of the last relay log the UNTIL condition is never tested (no next event):
                // the SQL thread waits on the server's own empty relay log. Stop it there.
                run(c, "STOP SLAVE SQL_THREAD");
                return;
            }
            ServerEndpoint.sleep(20);
        }
    }

    private static long seqOf(String gtidPos) {
        long max = 0;
        for (String g : Planner.gtids(gtidPos)) {
            max = Math.max(max, Planner.parseGtid(g)[2]);
        }
        return max;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static boolean sameGtidPos(String a, String b) {
        return new java.util.TreeSet<>(Planner.gtids(a)).equals(new java.util.TreeSet<>(Planner.gtids(b)));
    }

    private Map<String, TableCheck> checkTables(Connection c) throws SQLException {
        Map<String, TableCheck> out = new TreeMap<>();
        for (String table : plan.rows().keySet()) {
            String[] p = table.split("\\.", 2);
            String q = "`" + p[0].replace("`", "``") + "`.`" + p[1].replace("`", "``") + "`";
            boolean exists = value(c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='"
                    + p[0].replace("'", "''") + "' AND TABLE_NAME='" + p[1].replace("'", "''") + "'").equals("1");
            if (!exists) {
                out.put(table, new TableCheck(false, 0, null));
                continue;
            }
            long n = Long.parseLong(value(c, "SELECT COUNT(*) FROM " + q));
            String sum = row(c, "CHECKSUM TABLE " + q).get("Checksum");
            out.put(table, new TableCheck(true, n, sum));
        }
        return out;
    }

    private Path stateFile() {
        return target.datadir().resolve(STATE_FILE);
    }

    private State readState() {
        Path f = stateFile();
        if (!Files.exists(f)) {
            return null;
        }
        State s = Json.read(f, State.class);
        if (!Path.of(s.backupDir()).equals(backupDir.toAbsolutePath())) {
            throw PitrException.usage(target.describe() + " is in the middle of a restore of " + s.backupDir()
                    + ", not of " + backupDir.toAbsolutePath() + ": resume that one, or restore again with --force");
        }
        return s;
    }

    private void writeState(State s) {
        Json.write(stateFile(), s);
    }

    private void deleteState() {
        try {
            Files.deleteIfExists(stateFile());
        } catch (IOException e) {
            throw PitrException.io("cannot delete " + stateFile(), e);
        }
    }

    private void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw PitrException.server(target.describe() + " refused '" + sql + "': " + e.getMessage()
                    + " (error " + e.getErrorCode() + ")", e);
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Map<String, String> row(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, String> row = new LinkedHashMap<>();
            if (rs.next()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getString(i));
                }
            }
            return row;
        }
    }
}
