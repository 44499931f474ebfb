package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.sandbox.Replication;
import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.ServerInstance;
import io.binlogkit.sandbox.TestSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scenario against live servers: a workload, backups taken mid-way (every method), more
 * workload, a disaster (a DELETE without WHERE and a DROP TABLE), then more good writes; restores to
 * a time just before the disaster, a position, a GTID, {@code --before "drop table"} and {@code --skip}
 * of the DROP, each compared by CHECKSUM TABLE with a reference server that ran only the intended
 * statements. Plus the refusals (the source server as target, a non-empty target without --force).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreScenarioIT {
    static final List<String> TABLES = List.of("shop.customers", "shop.orders", "shop.audit");

    Sandbox sandbox;
    ServerInstance master;
    ServerInstance target;
    ServerInstance reference;
    Path work;
    Path archive;
    final Map<Backups.Method, Path> backups = new LinkedHashMap<>();
    final List<String> before = new ArrayList<>();
    final List<String> after = new ArrayList<>();
    final List<String> good = new ArrayList<>();
    static final String DELETE = "DELETE FROM shop.customers";
    static final String DROP = "DROP TABLE shop.orders";
    Instant disasterTime;

    @BeforeAll
    void setUp() throws Exception {
        sandbox = TestSandboxes.create("pitr", "RestoreScenarioIT");
        master = TestSandboxes.started(sandbox, "master", "master", Map.of("binlog_format", "ROW"));
        ServerInstance slave = TestSandboxes.started(sandbox, "slave", "slave", Map.of());
        target = TestSandboxes.started(sandbox, "target", "master", Map.of("gtid_strict_mode", "ON"));
        reference = TestSandboxes.started(sandbox, "reference", "master", Map.of());
        Replication.replicate(sandbox, "slave", "master", null, null);
        work = sandbox.dir().resolve("work");
        archive = work.resolve("archive");
        Files.createDirectories(archive);

        before.add("CREATE DATABASE shop");
        before.add("CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(40), balance DECIMAL(10,2))");
        before.add("CREATE TABLE shop.orders (id INT PRIMARY KEY, customer INT, amount DECIMAL(10,2), note TEXT)");
        for (int i = 1; i <= 40; i++) {
            before.add("INSERT INTO shop.customers VALUES (" + i + ", 'customer " + i + "', " + i * 10 + ".50)");
            before.add("INSERT INTO shop.orders VALUES (" + i + ", " + i + ", " + i + ".25, 'first " + i + "')");
        }
        run(master, before);
        Replication.waitCaughtUp(slave, master, java.time.Duration.ofSeconds(30));
        for (Backups.Method m : Backups.Method.values()) {
            ServerEndpoint from = ServerEndpoint.sandbox(sandbox.dir(), m == Backups.Method.VIA_SLAVE ? "slave" : "master");
            Path dir = work.resolve("backup-" + m.name().toLowerCase());
            Backups.take(from, dir, m);
            backups.put(m, dir);
        }
        for (int i = 41; i <= 80; i++) {
            after.add("INSERT INTO shop.customers VALUES (" + i + ", 'customer " + i + "', " + i + ".00)");
            after.add("INSERT INTO shop.orders VALUES (" + i + ", " + (i % 7 + 1) + ", " + i * 3 + ".10, 'second')");
            if (i % 10 == 0) {
                after.add("UPDATE shop.customers SET balance = balance + 1 WHERE id <= " + i);
                after.add("FLUSH BINARY LOGS");
            }
        }
        after.add("BEGIN");
        after.add("UPDATE shop.orders SET note = CONCAT(note, ' paid') WHERE id % 3 = 0");
        after.add("DELETE FROM shop.orders WHERE id = 5");
        after.add("COMMIT");
        run(master, after);
        // The disaster starts in a later second than every write before it, so '--until' that second
        // keeps all of them (binlog timestamps have whole seconds).
        long s = Instant.now().getEpochSecond();
        while (Instant.now().getEpochSecond() == s) {
            Thread.sleep(20);
        }
        disasterTime = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        run(master, List.of(DELETE, DROP));
        good.add("INSERT INTO shop.customers VALUES (1001, 'after the disaster', 1.00)");
        good.add("CREATE TABLE shop.audit (id INT PRIMARY KEY, what VARCHAR(40))");
        for (int i = 1; i <= 20; i++) {
            good.add("INSERT INTO shop.audit VALUES (" + i + ", 'audit " + i + "')");
        }
        run(master, good);
        // The archive: the master's binlogs (closed ones whole, the active one as it is).
        for (ServerInstance.BinaryLog b : master.binaryLogs()) {
            Files.copy(master.datadir().resolve(b.name()), archive.resolve(b.name()));
        }
    }

    @AfterAll
    void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    static void run(ServerInstance s, List<String> statements) {
        s.execute(statements.toArray(String[]::new));
    }

    /** The reference server's checksums after running exactly {@code statements}. */
    Map<String, String> expected(List<String> statements) {
        reference.execute("DROP DATABASE IF EXISTS shop");
        run(reference, statements.stream().filter(x -> !x.equals("FLUSH BINARY LOGS")).toList());
        return checksums(reference);
    }

    static Map<String, String> checksums(ServerInstance s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : TABLES) {
            String[] p = t.split("\\.");
            boolean exists = "1".equals(s.queryValue("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='"
                    + p[0] + "' AND TABLE_NAME='" + p[1] + "'"));
            out.put(t, exists ? s.queryRow("CHECKSUM TABLE " + t).get("Checksum") : "absent");
        }
        return out;
    }

    static List<String> concat(List<?>... parts) {
        List<String> out = new ArrayList<>();
        for (List<?> p : parts) {
            for (Object o : p) {
                out.add((String) o);
            }
        }
        return out;
    }

    RestorePlan.Transaction disasterTransaction(String statementPrefix) {
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), archive, RestoreTarget.latest());
        assertThat(p.ok()).as(p.problems().toString()).isTrue();
        // Walk the archive for the transaction whose statement starts with the prefix.
        RestorePlan q = Planner.plan(backups.get(Backups.Method.MARIABACKUP), archive,
                RestoreTarget.beforeQuery(statementPrefix.equals(DROP) ? "drop table" : "\"delete from shop.customers\""));
        assertThat(q.ok()).as(q.problems().toString()).isTrue();
        return q.firstLeftOut();
    }

    Restorer.Result restore(Backups.Method m, RestoreTarget t) {
        return restore(m, t, ServerEndpoint.sandbox(sandbox.dir(), "target"));
    }

    Restorer.Result restore(Backups.Method m, RestoreTarget t, ServerEndpoint into) {
        RestorePlan plan = Planner.plan(backups.get(m), archive, t);
        assertThat(plan.ok()).as(plan.problems().toString()).isTrue();
        return new Restorer(plan, into, new Restorer.Listener() {
            @Override
            public void step(String what) {
            }

            @Override
            public void replay(long bytesDone, long bytesTotal, long transactionsDone, long transactionsTotal) {
            }
        }).run(new Restorer.Options(true, false, false));
    }

    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void untilTimeJustBeforeTheDisaster(Backups.Method m) {
        RestorePlan plan = Planner.plan(backups.get(m), archive, RestoreTarget.untilTime(
                // not LocalDateTime.toString(), which leaves out ":00" seconds
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(disasterTime.atZone(ZoneId.systemDefault())),
                ZoneId.systemDefault()));
        assertThat(plan.ok()).as(plan.problems().toString()).isTrue();
        assertThat(plan.firstLeftOut().statement()).startsWith(DELETE);
        assertThat(plan.files()).hasSizeGreaterThan(3); // the FLUSH BINARY LOGS of the workload
        assertThat(plan.rows()).containsKey("shop.orders");
        assertThat(plan.rows().get("shop.customers").inserted()).isEqualTo(40);
        restore(m, RestoreTarget.untilTime(disasterTime.toString(), ZoneId.of("UTC")));
        assertThat(checksums(target)).isEqualTo(expected(concat(before, after)));
    }

    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void untilPositionOfTheDisaster(Backups.Method m) {
        RestorePlan.Transaction delete = disasterTransaction(DELETE);
        RestorePlan plan = Planner.plan(backups.get(m), archive, RestoreTarget.untilPosition(delete.position().toString()));
        assertThat(plan.firstLeftOut()).isEqualTo(delete);
        assertThat(plan.segments()).hasSize(1);
        BinlogPosition end = plan.segments().getFirst().to();
        assertThat(end).isEqualTo(new BinlogPosition(plan.lastApplied().file(), plan.lastApplied().end()));
        assertThat(end).isLessThanOrEqualTo(delete.position());
        restore(m, RestoreTarget.untilPosition(delete.position().toString()));
        assertThat(checksums(target)).isEqualTo(expected(concat(before, after)));
    }

    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void untilTheLastGtidBeforeTheDisaster(Backups.Method m) {
        RestorePlan p = Planner.plan(backups.get(m), archive,
                RestoreTarget.untilPosition(disasterTransaction(DELETE).position().toString()));
        String last = p.lastApplied().gtid();
        RestorePlan byGtid = Planner.plan(backups.get(m), archive, RestoreTarget.untilGtid(last));
        assertThat(byGtid.segments()).isEqualTo(p.segments());
        assertThat(byGtid.transactions()).isEqualTo(p.transactions());
        assertThat(byGtid.expectedGtidPos()).isEqualTo(last);
        // A logical restore keeps the running target: its settings are put back after the replay.
        target.execute("SET GLOBAL sync_binlog = 1");
        restore(m, RestoreTarget.untilGtid(last));
        assertThat(target.queryValue("SELECT @@GLOBAL.sync_binlog")).isEqualTo(m == Backups.Method.LOGICAL ? "1" : "0");
        assertThat(checksums(target)).isEqualTo(expected(concat(before, after)));
        assertThat(target.queryValue("SELECT @@gtid_slave_pos")).isEqualTo(last);
    }

    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void beforeDropTable(Backups.Method m) {
        RestorePlan plan = Planner.plan(backups.get(m), archive, RestoreTarget.beforeQuery("drop table"));
        assertThat(plan.matched().text()).containsIgnoringCase("DROP TABLE");
        assertThat(plan.firstLeftOut().statement()).containsIgnoringCase("DROP TABLE");
        restore(m, RestoreTarget.beforeQuery("drop table"));
        assertThat(checksums(target)).isEqualTo(expected(concat(before, after, List.of(DELETE))));
    }

    @ParameterizedTest
    @EnumSource(Backups.Method.class)
    void skipTheDropAndApplyEverythingAfter(Backups.Method m) {
        RestorePlan.Transaction drop = disasterTransaction(DROP);
        RestorePlan plan = Planner.plan(backups.get(m), archive, RestoreTarget.skipPosition(drop.position().toString()));
        assertThat(plan.segments()).hasSize(2);
        assertThat(plan.skipped().start()).isEqualTo(drop.start());
        assertThat(plan.firstLeftOut()).isNull();
        // The file ranges replayed leave out exactly the skipped transaction's bytes.
        // (Events outside transactions between two ranges, such as a Binlog_checkpoint, need no replay.)
        assertThat(plan.files()).noneMatch(f -> f.file().equals(drop.file()) && f.from() < drop.end()
                && f.to() > drop.start());
        assertThat(plan.files()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(drop.file());
            assertThat(f.from()).isEqualTo(drop.end());
        });
        restore(m, RestoreTarget.skipGtid(drop.gtid()));
        assertThat(checksums(target)).isEqualTo(expected(concat(before, after, List.of(DELETE), good)));
    }

    @Test
    void intoAServerNamedByItsOptionFile() {
        // The generic path: connection, pid file, datadir and start from an option file (here the
        // sandbox's target.cnf, which has [client] socket/user and [mysqld] datadir/pid-file).
        ServerEndpoint byFile = ServerEndpoint.defaultsFile(target.defaultsFile());
        restore(Backups.Method.MARIABACKUP, RestoreTarget.beforeQuery("drop table"), byFile);
        assertThat(checksums(target)).isEqualTo(expected(concat(before, after, List.of(DELETE))));
        assertThat(target.running()).isTrue();
    }

    @Test
    void theSourceServerIsRefused() {
        RestorePlan plan = Planner.plan(backups.get(Backups.Method.MARIABACKUP), archive, RestoreTarget.latest());
        Restorer r = new Restorer(plan, ServerEndpoint.sandbox(sandbox.dir(), "master"), null);
        assertThatThrownBy(() -> r.check(new Restorer.Options(true, false, false)))
                .isInstanceOfSatisfying(PitrException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PitrException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("source");
                });
        assertThat(master.queryValue("SELECT COUNT(*) FROM shop.customers")).isEqualTo("1");
    }

    @Test
    void aTargetWithUserDatabasesIsRefusedWithoutForce() {
        reference.execute("CREATE DATABASE IF NOT EXISTS keepme");
        RestorePlan plan = Planner.plan(backups.get(Backups.Method.MARIABACKUP), archive, RestoreTarget.latest());
        Restorer r = new Restorer(plan, ServerEndpoint.sandbox(sandbox.dir(), "reference"), null);
        assertThatThrownBy(() -> r.check(new Restorer.Options(false, false, false)))
                .isInstanceOfSatisfying(PitrException.class, e -> assertThat(e.getMessage()).contains("keepme"));
    }

    // ---- faults: each a clear error naming the file, or a plan that says how far a restore can go ----

    Path damagedArchive(String name) throws Exception {
        Path copy = work.resolve("archive-" + name);
        Sandbox.deleteTree(copy);
        Sandbox.copyTree(archive, copy, java.util.Set.of());
        return copy;
    }

    List<Path> files(Path dir) {
        return Planner.archiveFiles(dir, "master-bin");
    }

    @Test
    void aMissingBinlogStopsThePlanAndSaysHowFarARestoreCanGo() throws Exception {
        Path a = damagedArchive("missing");
        Path gone = files(a).get(2);
        Files.delete(gone);
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.latest());
        assertThat(p.ok()).isFalse();
        assertThat(p.firstError()).contains(gone.getFileName().toString()).contains("missing")
                .contains("a restore can go up to " + p.restorableUntil());
        assertThat(p.restorableUntil().file()).isEqualTo(files(a).get(1).getFileName().toString());
        Restorer r = new Restorer(p, ServerEndpoint.sandbox(sandbox.dir(), "target"), null);
        assertThatThrownBy(() -> r.check(new Restorer.Options(true, false, false)))
                .isInstanceOfSatisfying(PitrException.class, e -> assertThat(e.kind()).isEqualTo(PitrException.Kind.BAD_DATA));
        // A target before the gap is fine.
        RestorePlan early = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a,
                RestoreTarget.untilPosition(p.restorableUntil().toString()));
        assertThat(early.ok()).as(early.problems().toString()).isTrue();
    }

    @Test
    void aTruncatedLastBinlogIsRestorableUpToItsLastCompleteTransaction() throws Exception {
        Path a = damagedArchive("truncated");
        Path last = files(a).getLast();
        long size = Files.size(last);
        long cut = size - 30;
        try (var ch = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.latest());
        assertThat(p.restorableUntil().file()).isEqualTo(last.getFileName().toString());
        assertThat(p.restorableUntil().pos()).isLessThan(cut);
        assertThat(p.lastApplied().end()).isEqualTo(p.restorableUntil().pos());
        // The copy of the active file is in use: its cut last event is reported, never applied.
        assertThat(p.problems()).anySatisfy(pr -> assertThat(pr.message()).contains(last.getFileName().toString()));
    }

    @Test
    void aTruncatedBinlogInTheMiddleIsAnError() throws Exception {
        Path a = damagedArchive("truncated-middle");
        Path mid = files(a).get(1);
        try (var ch = java.nio.channels.FileChannel.open(mid, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(mid) - 20);
        }
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.latest());
        assertThat(p.ok()).isFalse();
        assertThat(p.firstError()).contains(mid.getFileName().toString()).contains("not past it");
    }

    @Test
    void aCorruptEventInTheMiddleIsRestorableUpToTheTransactionBeforeIt() throws Exception {
        Path a = damagedArchive("corrupt");
        Path mid = files(a).get(2);
        byte[] b = Files.readAllBytes(mid);
        int at = b.length / 2;
        b[at] ^= 0x10;
        Files.write(mid, b);
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.latest());
        assertThat(p.ok()).isFalse();
        assertThat(p.firstError()).contains("damaged event in " + mid.getFileName()).contains("at offset")
                .contains("a restore can go up to " + p.restorableUntil());
        assertThat(p.restorableUntil().pos()).isLessThanOrEqualTo(at);
        RestorePlan before = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a,
                RestoreTarget.untilPosition(p.restorableUntil().toString()));
        assertThat(before.ok()).as(before.problems().toString()).isTrue();
        RestorePlan past = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.skipGtid(
                disasterTransaction(DROP).gtid()));
        assertThat(past.ok()).isFalse();
    }

    @Test
    void aBackupWhosePositionIsNotInTheArchiveIsAnError() throws Exception {
        Path a = damagedArchive("no-start");
        Files.delete(files(a).getFirst());
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.latest());
        assertThat(p.ok()).isFalse();
        assertThat(p.firstError()).contains("is not in the archive").contains("master-bin.000001");
    }

    @Test
    void binlogsOfAnotherServerAreAnError() throws Exception {
        Path a = damagedArchive("other-server");
        List<Path> fs = files(a);
        String next = String.format("master-bin.%06d", Planner.sequence(fs.getLast().getFileName().toString()) + 1);
        reference.execute("FLUSH BINARY LOGS");
        Files.copy(reference.datadir().resolve(reference.binaryLogs().getFirst().name()), a.resolve(next));
        RestorePlan p = Planner.plan(backups.get(Backups.Method.MARIABACKUP), a, RestoreTarget.latest());
        assertThat(p.ok()).isFalse();
        assertThat(p.firstError()).contains(next).contains("server_id " + reference.spec().serverId());
    }

    @Test
    void theReplayGivesTheSameEndStateAsTheOfficialPipe() throws Exception {
        restore(Backups.Method.MARIABACKUP, RestoreTarget.latest());
        Map<String, String> replayed = checksums(target);
        assertThat(replayed).isEqualTo(checksums(master));
        // The same range through mariadb-binlog | mariadb into the reference server restored from the backup.
        BackupManifest m = BackupManifest.read(backups.get(Backups.Method.MARIABACKUP));
        reference.execute("DROP DATABASE IF EXISTS shop");
        RestorePlan upToBackup = Planner.plan(backups.get(Backups.Method.MARIABACKUP), archive,
                RestoreTarget.untilPosition(m.position().toString()));
        new Restorer(upToBackup, ServerEndpoint.sandbox(sandbox.dir(), "reference"), new Restorer.Listener() {
            @Override
            public void step(String what) {
            }

            @Override
            public void replay(long a, long b, long c, long d) {
            }
        }).run(new Restorer.Options(true, false, false));
        List<String> cmd = new ArrayList<>(List.of("mariadb-binlog", "--start-position=" + m.position().pos()));
        for (Path f : files(archive)) {
            if (Planner.sequence(f.getFileName().toString()) >= Planner.sequence(m.position().file())) {
                cmd.add(f.toString());
            }
        }
        Process dump = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process client = new ProcessBuilder("mariadb", "--defaults-file=" + reference.defaultsFile())
                .redirectErrorStream(true).start();
        try (var in = dump.getInputStream(); var out = client.getOutputStream()) {
            in.transferTo(out);
        }
        String clientOut = new String(client.getInputStream().readAllBytes());
        assertThat(dump.waitFor()).isZero();
        assertThat(client.waitFor()).as(clientOut).isZero();
        assertThat(checksums(reference)).isEqualTo(replayed);
    }
}
