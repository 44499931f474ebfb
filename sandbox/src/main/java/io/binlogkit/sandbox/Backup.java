package io.binlogkit.sandbox;

import io.binlogkit.parser.BinlogPosition;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The tutorial's backup through a slave ({@code take-backup}) and the cloning of a slave from such a
 * backup ({@code load-slave}).
 *
 * <p>The backup records the exact master position the copied data corresponds to. The tutorial's
 * appendix procedure ({@code MASTER_POS_WAIT} then {@code STOP SLAVE}) cannot do that under load: the
 * SQL thread goes on applying between the two statements. Here the slave is stopped first, the
 * master's position is read under {@code FLUSH TABLES WITH READ LOCK}, and the slave is restarted with
 * {@code START SLAVE UNTIL} that position, so its SQL thread stops exactly there by itself.
 */
public final class Backup {
    /** The file inside the archive that records the master position. */
    public static final String POSITION_FILE = "binlog_pos.dat";
    private static final Duration UNTIL_TIMEOUT = Duration.ofMinutes(5);

    private Backup() {
    }

    /** How the slave's datadir is archived. */
    public enum Method {
        /** {@code tar -czf} of the datadir while the slave is stopped and read-locked. */
        TAR,
        /** {@code mariabackup --backup} and {@code --prepare}, then {@code tar -czf} of the result. */
        MARIABACKUP
    }

    /**
     * What {@link #takeBackup} did.
     *
     * @param position        the master position the archive's data corresponds to
     * @param slaveExecuted   the slave's {@code Exec_Master_Log_Pos} read again after the copy (equal to {@code position})
     * @param archive         the archive written
     * @param archiveBytes    its size
     * @param total           time of the whole procedure
     * @param copy            time of the copy alone (the slave's replication is stopped that long)
     */
    public record Result(BinlogPosition position, BinlogPosition slaveExecuted, Path archive, long archiveBytes,
                         Duration total, Duration copy) {
    }

    /**
     * The tutorial's take-backup: {@code STOP SLAVE}; {@code FLUSH TABLES WITH READ LOCK} on the master,
     * {@code SHOW MASTER STATUS}, {@code UNLOCK TABLES}; {@code START SLAVE UNTIL} that position and
     * wait for it; archive the slave's datadir with {@value #POSITION_FILE}; {@code START SLAVE}.
     *
     * @param masterName the slave's master; {@code null} for the one recorded by {@code replicate}
     */
    public static Result takeBackup(Sandbox sandbox, String slaveName, String masterName, Path to, Method method) {
        long t0 = System.nanoTime();
        ServerInstance slave = sandbox.server(slaveName);
        String mname = masterName != null ? masterName : sandbox.masterOf(slaveName).orElseThrow(() ->
                SandboxException.config("server '" + slaveName + "' replicates from no sandbox server: give --master"));
        ServerInstance master = sandbox.server(mname);
        Path archive = to.toAbsolutePath();
        if (method == Method.MARIABACKUP) {
            sandbox.binaries().requireBackup();
        }
        Replication.slaveStatus(slave, null).orElseThrow(() ->
                SandboxException.config("server '" + slaveName + "' is not a slave: 'sandbox replicate' it first"));
        boolean restarted = false;
        try {
            SlaveStatus st = stopAtMasterPosition(slave, master);
            BinlogPosition pos = st.executed();
            long c0 = System.nanoTime();
            Properties dat = new Properties();
            dat.setProperty("master", mname);
            dat.setProperty("master_log_file", pos.file());
            dat.setProperty("master_log_pos", Long.toString(pos.pos()));
            dat.setProperty("slave", slaveName);
            dat.setProperty("method", method.name().toLowerCase(java.util.Locale.ROOT));
            dat.setProperty("taken", Instant.now().toString());
            if (method == Method.TAR) {
                archiveWithTar(sandbox, slave, dat, archive);
            } else {
                archiveWithMariabackup(sandbox, slave, dat, archive);
            }
            Duration copy = Duration.ofNanos(System.nanoTime() - c0);
            // Nothing may have been applied during the copy: read the slave's position again.
            BinlogPosition after = Replication.slaveStatus(slave, null).orElseThrow().executed();
            slave.execute("START SLAVE");
            restarted = true;
            Replication.waitRunning(slave);
            return new Result(pos, after, archive, Files.size(archive), Duration.ofNanos(System.nanoTime() - t0),
                    copy);
        } catch (IOException e) {
            throw Sandbox.io("cannot write " + archive, e);
        } finally {
            if (!restarted) {
                try {
                    slave.execute("START SLAVE");
                } catch (SandboxException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    /**
     * The heart of take-backup: stops {@code slave} with its SQL thread exactly at a transaction
     * boundary of {@code master} that is known by file and position, even while the master takes writes.
     * {@code STOP SLAVE}; {@code FLUSH TABLES WITH READ LOCK} on the master, {@code SHOW MASTER STATUS},
     * {@code UNLOCK TABLES}; {@code START SLAVE UNTIL} that position; wait until the SQL thread stopped
     * there. Both slave threads are stopped afterwards.
     *
     * @return the slave's status, whose {@link SlaveStatus#executed()} is the master position
     */
    public static SlaveStatus stopAtMasterPosition(ServerInstance slave, ServerInstance master) {
        slave.execute("STOP SLAVE");
        BinlogPosition pos;
        try (Connection mc = master.connect()) {
            // The lock only lasts as long as this session (MARIADB-NOTES.md): read the position inside it.
            Replication.run(mc, "FLUSH TABLES WITH READ LOCK", master);
            pos = master.masterStatusOn(mc).orElseThrow(() ->
                    SandboxException.server("server '" + master.name() + "' writes no binary log"));
            Replication.run(mc, "UNLOCK TABLES", master);
        } catch (SQLException e) {
            throw SandboxException.server("server '" + master.name() + "': " + e.getMessage(), e);
        }
        return runUntil(slave, pos);
    }

    /**
     * Runs the slave's SQL thread until {@code pos} and waits until it has stopped there; then stops
     * the IO thread too, so that nothing in the datadir changes during the copy.
     */
    static SlaveStatus runUntil(ServerInstance slave, BinlogPosition pos) {
        slave.execute("START SLAVE UNTIL MASTER_LOG_FILE='" + pos.file().replace("'", "''") + "', MASTER_LOG_POS="
                + pos.pos());
        long deadline = System.nanoTime() + UNTIL_TIMEOUT.toNanos();
        SlaveStatus st;
        while (true) {
            // MASTER_POS_WAIT returns NULL once the SQL thread has stopped at the UNTIL position,
            // so the status fields are what tells (MARIADB-NOTES.md).
            st = Replication.slaveStatus(slave, null).orElseThrow();
            if (!st.sqlThreadRunning()) {
                if (st.lastError() != null && st.lastSqlErrno() != 0) {
                    throw SandboxException.server("replication into '" + slave.name() + "' failed before "
                            + pos + ": " + st.lastError());
                }
                if (st.executed().equals(pos)) {
                    break;
                }
                throw SandboxException.server("the SQL thread of '" + slave.name() + "' stopped at " + st.executed()
                        + ", not at " + pos);
            }
            if (System.nanoTime() > deadline) {
                throw SandboxException.server("server '" + slave.name() + "' did not reach " + pos + " within "
                        + UNTIL_TIMEOUT.toMinutes() + " min (applied up to " + st.executed() + ")");
            }
            ServerInstance.sleep(10);
        }
        slave.execute("STOP SLAVE");
        return st;
    }

    private static void archiveWithTar(Sandbox sandbox, ServerInstance slave, Properties dat, Path archive)
            throws IOException {
        Path work = Files.createTempDirectory(sandbox.dir(), ".backup-");
        try (Connection sc = slave.connect()) {
            Replication.run(sc, "FLUSH TABLES WITH READ LOCK", slave);
            // With replication stopped and the lock held nothing commits; let InnoDB write its dirty pages
            // so that the copy needs as little crash recovery as possible.
            String pct = slave.query(sc, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct").getFirst().values()
                    .iterator().next();
            Replication.run(sc, "SET GLOBAL innodb_max_dirty_pages_pct=0", slave);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !"0".equals(slave.query(sc,
                    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME="
                            + "'INNODB_BUFFER_POOL_PAGES_DIRTY'").getFirst().values().iterator().next())) {
                ServerInstance.sleep(20);
            }
            Replication.run(sc, "SET GLOBAL innodb_max_dirty_pages_pct=" + pct, slave);
            writePositionFile(work.resolve(POSITION_FILE), dat);
            List<String> cmd = new ArrayList<>(List.of("tar", "-czf", archive.toString()));
            // Binlogs, relay logs and replication state belong to the copied server, not the clone.
            for (String x : List.of("./" + slave.spec().binlogBase() + ".*", "./" + slave.spec().relayLogBase() + ".*",
                    "./master.info", "./relay-log.info", "./multi-master.info", "./ibtmp1", "*.pid", "*.sock")) {
                cmd.add("--exclude=" + x);
            }
            cmd.addAll(List.of("-C", slave.datadir().toString(), ".", "-C", work.toString(), "./" + POSITION_FILE));
            Processes.run(cmd, null, work.resolve("tar.log"), Duration.ofMinutes(30));
            Replication.run(sc, "UNLOCK TABLES", slave);
        } catch (SQLException e) {
            throw SandboxException.server("server '" + slave.name() + "': " + e.getMessage(), e);
        } finally {
            Sandbox.deleteTree(work);
        }
    }

    private static void archiveWithMariabackup(Sandbox sandbox, ServerInstance slave, Properties dat, Path archive)
            throws IOException {
        Path work = Files.createTempDirectory(sandbox.dir(), ".backup-");
        Path target = work.resolve("data");
        try {
            String mb = sandbox.binaries().requireBackup().toString();
            Processes.run(List.of(mb, "--defaults-file=" + slave.defaultsFile(), "--backup", "--target-dir=" + target,
                    "--socket=" + slave.socket(), "--user=" + sandbox.adminUser()), null, work.resolve("backup.log"),
                    Duration.ofMinutes(30));
            Processes.run(List.of(mb, "--prepare", "--target-dir=" + target), null, work.resolve("prepare.log"),
                    Duration.ofMinutes(30));
            writePositionFile(target.resolve(POSITION_FILE), dat);
            Processes.run(List.of("tar", "-czf", archive.toString(), "-C", target.toString(), "."), null,
                    work.resolve("tar.log"), Duration.ofMinutes(30));
        } finally {
            Sandbox.deleteTree(work);
        }
    }

    private static void writePositionFile(Path file, Properties dat) throws IOException {
        StringBuilder sb = new StringBuilder("# binlogkit take-backup: the data of this archive is the master's up to"
                + " this position\n");
        for (String k : List.of("master", "master_log_file", "master_log_pos", "slave", "method", "taken")) {
            sb.append(k).append('=').append(dat.getProperty(k)).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /** The master name and position a {@value #POSITION_FILE} records. */
    public record RecordedPosition(String master, BinlogPosition position) {
    }

    static RecordedPosition readPositionFile(Path file) {
        try {
            return parsePositionFile(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw Sandbox.io("the archive has no readable " + POSITION_FILE, e);
        }
    }

    static RecordedPosition parsePositionFile(String text, String source) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        try {
            return new RecordedPosition(p.getProperty("master"), new BinlogPosition(p.getProperty("master_log_file"),
                    Long.parseLong(p.getProperty("master_log_pos"))));
        } catch (RuntimeException e) {
            throw SandboxException.config(source + " does not record a master position: " + e.getMessage());
        }
    }

    /**
     * What {@link #loadSlave} did.
     *
     * @param master   the master the clone now replicates from
     * @param position where it started
     * @param duration restore, start and wiring
     */
    public record LoadResult(String master, BinlogPosition position, Duration duration) {
    }

    /**
     * The tutorial's load-slave: stops {@code name}, replaces its datadir with the archive's, starts it
     * without its slave threads, forgets any replication and binlog state of the copied server
     * ({@code RESET SLAVE ALL; RESET MASTER}) and points it at the master at the recorded position.
     *
     * @param masterName the master to follow; {@code null} for the one recorded in the archive
     */
    public static LoadResult loadSlave(Sandbox sandbox, String name, Path archive, String masterName) {
        long t0 = System.nanoTime();
        ServerInstance target = sandbox.server(name);
        if (!Files.isRegularFile(archive)) {
            throw new SandboxException(SandboxException.Kind.IO, "no such archive: " + archive);
        }
        target.stop();
        target.emptyDatadir();
        Processes.run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", target.datadir().toString()),
                null, sandbox.dir().resolve(name + ".load.log"), Duration.ofMinutes(30));
        Path datFile = target.datadir().resolve(POSITION_FILE);
        if (!Files.exists(datFile)) {
            throw SandboxException.config(archive + " holds no " + POSITION_FILE + ": not an archive of 'sandbox"
                    + " take-backup'");
        }
        RecordedPosition rec = readPositionFile(datFile);
        String mname = masterName != null ? masterName : rec.master();
        sandbox.server(mname);
        try (Stream<Path> s = Files.list(target.datadir())) {
            // Files mariabackup leaves in a prepared backup (xtrabackup_* before 10.11, mariadb_backup_* later).
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith("xtrabackup_") || f.startsWith("mariadb_backup_") || f.equals("backup-my.cnf")) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw Sandbox.io("cannot tidy " + target.datadir(), e);
        }
        target.start("--skip-slave-start");
        target.execute("RESET SLAVE ALL", "RESET MASTER");
        Replication.replicate(sandbox, name, mname, sandbox.replicationUserOf(name).orElse(null), rec.position());
        return new LoadResult(mname, rec.position(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Reads the recorded position of an archive without restoring it. */
    public static RecordedPosition recordedPosition(Path archive) {
        try {
            Process p = new ProcessBuilder("tar", "-xzOf", archive.toAbsolutePath().toString(), "--wildcards",
                    "*" + POSITION_FILE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw SandboxException.config(archive + " holds no " + POSITION_FILE);
            }
            return parsePositionFile(new String(out, StandardCharsets.UTF_8), archive + ":" + POSITION_FILE);
        } catch (IOException e) {
            throw Sandbox.io("cannot read " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandboxException.server("interrupted", e);
        }
    }
}
