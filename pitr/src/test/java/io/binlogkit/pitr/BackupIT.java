package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.sandbox.Replication;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.ServerInstance;
import io.binlogkit.sandbox.TestSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Backups} against live servers: each method records the source's exact binlog position, the
 * manifest's checksums catch damage, and a backup taken while writes run, restored into a fresh
 * server and continued with the source's binlogs from the recorded position ({@code mariadb-binlog |
 * mariadb}), gives the source's table exactly: no transaction lost, none applied twice.
 */
class BackupIT {
    private static Sandbox sandbox;
    private static ServerInstance master;
    private static ServerEndpoint masterEp;
    private static ServerEndpoint slaveEp;
    /** Ids of the racing writer, unique across the tests of the class. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    @BeforeAll
    static void setUp() {
        sandbox = TestSandboxes.create("pitr", "BackupIT");
        master = TestSandboxes.started(sandbox, "master", "master", Map.of());
        TestSandboxes.started(sandbox, "slave", "slave", Map.of());
        Replication.replicate(sandbox, "slave", "master", null, null);
        master.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB",
                "INSERT INTO shop.items SELECT seq, CONCAT('item ', seq) FROM shop.seq_1_to_500",
                "CREATE TABLE shop.race (id BIGINT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
        masterEp = ServerEndpoint.sandbox(sandbox.dir(), "master");
        slaveEp = ServerEndpoint.sandbox(sandbox.dir(), "slave");
    }

    @AfterAll
    static void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    private static Path backupDir(String name) {
        return sandbox.dir().resolve("backups").resolve(name);
    }

    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void recordsTheSourcePositionAndChecksumsTheFiles(Backups.Method method) throws IOException {
        ServerEndpoint server = method == Backups.Method.VIA_SLAVE ? slaveEp : masterEp;
        if (method == Backups.Method.VIA_SLAVE) {
            Replication.waitCaughtUp(sandbox.server("slave"), master, Duration.ofSeconds(30));
        }
        BinlogPosition before = master.masterStatus().orElseThrow();
        Path dir = backupDir("idle-" + method.cliName());
        BackupManifest m = Backups.take(server, dir, method);

        assertThat(m.position()).isEqualTo(before);
        assertThat(m.gtid()).isEqualTo(master.queryValue("SELECT @@gtid_binlog_pos")).isNotEmpty();
        assertThat(m.method()).isEqualTo(method.cliName());
        assertThat(m.data()).isEqualTo(method.data());
        assertThat(m.source().serverId()).isEqualTo(1);
        assertThat(m.source().datadir()).startsWith(master.datadir().toString());
        if (method == Backups.Method.VIA_SLAVE) {
            assertThat(m.takenFrom().serverId()).isEqualTo(2);
        } else {
            assertThat(m.takenFrom()).isNull();
        }
        assertThat(m.files()).isNotEmpty().noneMatch(f -> f.path().equals(BackupManifest.FILE));
        assertThat(m.files()).anyMatch(f -> f.path().equals(method.data()) || f.path().startsWith(method.data() + "/"));
        assertThat(BackupManifest.read(dir)).isEqualTo(m);
        assertThat(Files.readString(dir.resolve(BackupManifest.FILE))).doesNotContainIgnoringCase("password");
        Backups.verify(dir, m);

        BackupManifest.FileEntry victim = m.files().stream().max((a, b) -> Long.compare(a.size(), b.size()))
                .orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(victim.path()).toFile(), "rw")) {
            f.seek(victim.size() / 2);
            int b = f.read();
            f.seek(victim.size() / 2);
            f.write(b ^ 0x01);
        }
        assertThatThrownBy(() -> Backups.verify(dir, m)).isInstanceOf(PitrException.class)
                .hasMessageContaining(victim.path())
                .satisfies(e -> assertThat(((PitrException) e).kind()).isEqualTo(PitrException.Kind.BAD_DATA));
        Files.delete(dir.resolve(victim.path()));
        assertThatThrownBy(() -> Backups.verify(dir, m)).hasMessageContaining(victim.path() + " is missing");
    }

    /**
     * The main point: a backup taken while single-row transactions commit, restored into a fresh server
     * and continued from the recorded position, equals the source. A position one transaction early
     * gives error 1062 in the replay; one transaction late gives a different checksum.
     */
    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void aBackupTakenDuringWritesContinuesExactlyFromItsPosition(Backups.Method method) throws Exception {
        ServerEndpoint server = method == Backups.Method.VIA_SLAVE ? slaveEp : masterEp;
        Path dir = backupDir("race-" + method.cliName());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("writer").start(() -> {
            try (Connection c = master.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO shop.race VALUES (?, ?)")) {
                c.setAutoCommit(true); // one row per transaction
                while (!stop.get()) {
                    long id = NEXT_ID.getAndIncrement();
                    ps.setLong(1, id);
                    ps.setString(2, method.cliName() + " " + id);
                    ps.executeUpdate();
                    written.incrementAndGet();
                    // ~2000 transactions a second: enough to race every step of a backup, few enough
                    // that the tables stay small and a slave keeps up.
                    LockSupport.parkNanos(300_000);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        BackupManifest m;
        long duringBackup;
        try {
            awaitRows(written, 100, failure);
            long before = written.get();
            m = Backups.take(server, dir, method);
            duringBackup = written.get() - before;
            awaitRows(written, written.get() + 100, failure); // some writes only the binlogs have
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(duringBackup).as("rows committed while the backup ran").isPositive();
        Backups.verify(dir, m);
        // The GTID the tool reported is the one of the recorded position, as the source itself computes it.
        assertThat(m.gtid()).isEqualTo(master.queryValue("SELECT BINLOG_GTID_POS('" + m.position().file() + "', "
                + m.position().pos() + ")"));

        String targetName = "target_" + method.name().toLowerCase(java.util.Locale.ROOT);
        TestSandboxes.started(sandbox, targetName, "master", Map.of());
        ServerEndpoint target = ServerEndpoint.sandbox(sandbox.dir(), targetName);
        if (method == Backups.Method.LOGICAL) {
            theReplayFailsFromOneTransactionEarlier(dir, m);
        }
        Backups.restoreData(dir, m, target);
        String replayErrors = replay(m.position(), target);
        assertThat(replayErrors).as("mariadb-binlog | mariadb output").doesNotContain("ERROR");

        ServerInstance t = sandbox.server(targetName);
        for (String table : List.of("shop.race", "shop.items")) {
            assertThat(t.queryValue("SELECT COUNT(*) FROM " + table)).as(table)
                    .isEqualTo(master.queryValue("SELECT COUNT(*) FROM " + table));
            assertThat(t.queryRow("CHECKSUM TABLE " + table).get("Checksum")).as(table)
                    .isEqualTo(master.queryRow("CHECKSUM TABLE " + table).get("Checksum"));
        }
        assertThat(Replication.slaveStatus(t, null)).as("no replication left on the restored server").isEmpty();
        t.stop();
    }

    /**
     * The control: the same backup continued from the start of the transaction before the recorded
     * position applies that transaction twice, and the replay stops on a duplicate key. So the equality
     * above really shows that the position is exact.
     */
    private static void theReplayFailsFromOneTransactionEarlier(Path dir, BackupManifest m) throws Exception {
        long previous = -1;
        for (Map<String, String> e : master.query("SHOW BINLOG EVENTS IN '" + m.position().file() + "'")) {
            long pos = Long.parseLong(e.get("Pos"));
            if (pos >= m.position().pos()) {
                break;
            }
            if (e.get("Event_type").equals("Gtid")) {
                previous = pos;
            }
        }
        assertThat(previous).as("a transaction before %s", m.position()).isPositive();
        TestSandboxes.started(sandbox, "target_early", "master", Map.of());
        ServerEndpoint early = ServerEndpoint.sandbox(sandbox.dir(), "target_early");
        Backups.restoreData(dir, m, early);
        String errors = replay(new BinlogPosition(m.position().file(), previous), early, false);
        assertThat(errors).contains("ERROR 1062");
        sandbox.server("target_early").stop();
    }

    /**
     * The official replay: {@code mariadb-binlog --start-position=POS FIRST LATER... | mariadb
     * --defaults-file=TARGET.cnf}, two processes joined by a pipe that Java makes (no shell).
     *
     * @return what both programs wrote to standard error
     */
    private static String replay(BinlogPosition from, ServerEndpoint target) throws Exception {
        return replay(from, target, true);
    }

    private static String replay(BinlogPosition from, ServerEndpoint target, boolean mustSucceed) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.client().resolveSibling("mariadb-binlog").toString(),
                "--start-position=" + from.pos()));
        for (ServerInstance.BinaryLog log : master.binaryLogs()) {
            if (log.name().compareTo(from.file()) >= 0) {
                cmd.add(master.datadir().resolve(log.name()).toString());
            }
        }
        assertThat(cmd.get(2)).endsWith("/" + from.file());
        Path err1 = Files.createTempFile(sandbox.dir(), "binlog-", ".err");
        Path err2 = Files.createTempFile(sandbox.dir(), "client-", ".err");
        List<Process> ps = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(cmd).redirectError(err1.toFile()),
                new ProcessBuilder(Tools.command(Tools.client(), target)).redirectError(err2.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)));
        int rc1 = ps.get(0).waitFor();
        int rc2 = ps.get(1).waitFor();
        String errors = Files.readString(err1, StandardCharsets.UTF_8) + Files.readString(err2, StandardCharsets.UTF_8);
        if (mustSucceed) {
            assertThat(rc1).as("mariadb-binlog exit code: %s", errors).isZero();
            assertThat(rc2).as("mariadb exit code: %s", errors).isZero();
        } else {
            // A client that stops at an error closes the pipe: mariadb-binlog may then die of SIGPIPE (141).
            assertThat(rc1).as("mariadb-binlog exit code: %s", errors).isIn(0, 141);
        }
        return errors;
    }

    private static void awaitRows(AtomicLong written, long n, AtomicReference<Throwable> failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (written.get() < n && failure.get() == null && System.nanoTime() < deadline) {
            ServerEndpoint.sleep(5);
        }
        assertThat(failure.get()).isNull();
        assertThat(written.get()).isGreaterThanOrEqualTo(n);
    }

    /**
     * A server named by an option file with a password: mariabackup and mariadb-dump get it through
     * {@code --defaults-file} (first argument) and it appears nowhere: not in the manifest, not in an error.
     */
    @ParameterizedTest
    @EnumSource(value = Backups.Method.class, names = {"MARIABACKUP", "LOGICAL"})
    void aPasswordStaysInTheOptionFile(Backups.Method method) throws IOException {
        String password = "Pw-" + method.name() + "-s3cret";
        String user = "pitr_" + method.name().toLowerCase(java.util.Locale.ROOT);
        master.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
                "GRANT ALL ON *.* TO '" + user + "'@'localhost'");
        Path cnf = sandbox.dir().resolve(user + ".cnf");
        String server = "[mysqld]\ndatadir=" + master.datadir() + "\n";
        Files.writeString(cnf, "[client]\nuser=" + user + "\npassword=" + password + "\nsocket=" + master.socket()
                + "\n" + server);
        Path dir = backupDir("password-" + method.cliName());
        BackupManifest m = Backups.take(ServerEndpoint.defaultsFile(cnf), dir, method);
        assertThat(m.source().serverId()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve(BackupManifest.FILE))).doesNotContain(password);
        Backups.verify(dir, m);

        Files.writeString(cnf, "[client]\nuser=" + user + "\npassword=wrong-" + password + "\nsocket="
                + master.socket() + "\n" + server);
        assertThatThrownBy(() -> Backups.take(ServerEndpoint.defaultsFile(cnf), backupDir("denied-"
                + method.cliName()), method)).isInstanceOf(PitrException.class)
                .hasMessageContaining("Access denied for user '" + user + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password).doesNotContain("\n"))
                .satisfies(e -> assertThat(((PitrException) e).kind()).isEqualTo(PitrException.Kind.SERVER));
    }

    @Test
    void refusesANonEmptyBackupDirectory() throws IOException {
        Path dir = backupDir("not-empty");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> Backups.take(masterEp, dir, Backups.Method.LOGICAL))
                .isInstanceOf(PitrException.class).hasMessageContaining("not empty")
                .satisfies(e -> assertThat(((PitrException) e).kind()).isEqualTo(PitrException.Kind.REFUSED));
        assertThat(dir.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void viaSlaveNeedsASandboxSlave() {
        Path dir = backupDir("via-slave-of-a-master");
        assertThatThrownBy(() -> Backups.take(masterEp, dir, Backups.Method.VIA_SLAVE))
                .isInstanceOf(PitrException.class).hasMessageContaining("replicates from no sandbox server")
                .satisfies(e -> assertThat(((PitrException) e).kind()).isEqualTo(PitrException.Kind.USAGE));
        assertThat(dir).doesNotExist();
    }

    @Test
    void restoreRefusesATargetDatadirThatIsNotOne() throws IOException {
        Path root = sandbox.dir().resolve("not-a-datadir");
        Path precious = root.resolve("home");
        Files.createDirectories(precious.resolve("docs"));
        Files.writeString(precious.resolve("docs/letter.txt"), "dear");
        Path cnf = root.resolve("wrong.cnf");
        Files.writeString(cnf, "[mysqld]\ndatadir=" + precious + "\npid-file=" + root.resolve("none.pid")
                + "\n[client]\nsocket=" + root.resolve("none.sock") + "\n");
        Path backup = root.resolve("backup");
        Files.createDirectories(backup.resolve("data"));
        BackupManifest m = new BackupManifest(BackupManifest.FORMAT, "mariabackup", null, null,
                new BinlogPosition("master-bin.000001", 4), "", "", "", "data", List.of());
        ServerEndpoint wrong = ServerEndpoint.defaultsFile(cnf);

        assertThatThrownBy(() -> Backups.restoreData(backup, m, wrong)).isInstanceOf(PitrException.class)
                .hasMessageContaining(precious.toString()).hasMessageContaining("does not look like a datadir")
                .satisfies(e -> assertThat(((PitrException) e).kind()).isEqualTo(PitrException.Kind.REFUSED));
        assertThat(precious.resolve("docs/letter.txt")).hasContent("dear");

        Files.writeString(cnf, "[mysqld]\ndatadir=" + root.resolve("missing") + "\n");
        assertThatThrownBy(() -> Backups.restoreData(backup, m, ServerEndpoint.defaultsFile(cnf)))
                .hasMessageContaining("is not a directory");

        // A running server that its pid file does not name (here: the master's socket) is never emptied.
        Path empty = Files.createDirectories(root.resolve("empty"));
        Files.writeString(cnf, "[mysqld]\ndatadir=" + empty + "\npid-file=" + root.resolve("none.pid")
                + "\n[client]\nsocket=" + master.socket() + "\n");
        assertThatThrownBy(() -> Backups.restoreData(backup, m, ServerEndpoint.defaultsFile(cnf)))
                .hasMessageContaining("still answers")
                .satisfies(e -> assertThat(((PitrException) e).kind()).isEqualTo(PitrException.Kind.REFUSED));
        assertThat(master.running()).isTrue();
    }
}
