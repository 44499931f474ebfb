package io.binlogkit.pitr;

import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.ServerInstance;
import io.binlogkit.sandbox.TestSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interrupted restores: pitr killed with SIGKILL mid-replay, and the target server killed mid-replay;
 * each followed by {@code --resume}, which must end with the same tables as an uninterrupted restore
 * (the source's): no transaction applied twice, none skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeIT {
    static final int TRANSACTIONS = 30_000;

    Sandbox sandbox;
    ServerInstance master;
    Path backup;
    Path archive;

    @BeforeAll
    void setUp() throws Exception {
        sandbox = TestSandboxes.create("pitr", "ResumeIT");
        master = TestSandboxes.started(sandbox, "master", "master", Map.of("binlog_format", "ROW"));
        TestSandboxes.started(sandbox, "t1", "master", Map.of());
        TestSandboxes.started(sandbox, "t2", "master", Map.of());
        master.execute("CREATE DATABASE load_db", "CREATE TABLE load_db.t (id INT PRIMARY KEY, v INT, s VARCHAR(30))",
                "CREATE TABLE load_db.counter (id INT PRIMARY KEY, n BIGINT)", "INSERT INTO load_db.counter VALUES (1, 0)");
        backup = sandbox.dir().resolve("backup");
        Backups.take(ServerEndpoint.sandbox(sandbox.dir(), "master"), backup, Backups.Method.MARIABACKUP);
        try (Connection c = master.connect(); Statement s = c.createStatement()) {
            for (int i = 1; i <= TRANSACTIONS; i++) {
                // Not idempotent: a transaction applied twice or skipped changes the counter.
                s.execute(i % 3 == 0 ? "UPDATE load_db.counter SET n = n + " + i + " WHERE id = 1"
                        : "INSERT INTO load_db.t VALUES (" + i + ", " + (i * 7 % 1000) + ", 'row " + i + "')");
                if (i == TRANSACTIONS / 2) {
                    s.execute("FLUSH BINARY LOGS");
                }
            }
        }
        archive = sandbox.dir().resolve("archive");
        Files.createDirectories(archive);
        master.execute("FLUSH BINARY LOGS");
        for (ServerInstance.BinaryLog b : master.binaryLogs()) {
            Files.copy(master.datadir().resolve(b.name()), archive.resolve(b.name()));
        }
    }

    @AfterAll
    void tearDown() {
        TestSandboxes.stopAll(sandbox);
    }

    static String state(ServerInstance s) {
        return s.queryRow("CHECKSUM TABLE load_db.t").get("Checksum") + "/"
                + s.queryValue("SELECT n FROM load_db.counter") + "/" + s.queryValue("SELECT COUNT(*) FROM load_db.t");
    }

    Restorer restorer(String target, AtomicLong progress) {
        RestorePlan plan = Planner.plan(backup, archive, RestoreTarget.latest());
        assertThat(plan.ok()).as(plan.problems().toString()).isTrue();
        return new Restorer(plan, ServerEndpoint.sandbox(sandbox.dir(), target), new Restorer.Listener() {
            @Override
            public void step(String what) {
            }

            @Override
            public void replay(long bytesDone, long bytesTotal, long transactionsDone, long transactionsTotal) {
                progress.set(transactionsDone);
            }
        });
    }

    @Test
    void theTargetServerKilledMidReplayThenResume() throws Exception {
        AtomicLong progress = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                restorer("t1", progress).run(new Restorer.Options(true, false, false));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (progress.get() < 2_000 && t.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ServerInstance t1 = sandbox.server("t1");
        long pid = t1.pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: a crash, not a shutdown
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        t.join(TimeUnit.SECONDS.toMillis(120));
        assertThat(failure.get()).as("the interrupted restore fails").isInstanceOf(PitrException.class);
        long applied = Planner.parseGtid(Planner.gtids(restorerAppliedAfterStart(t1)).getFirst())[2];
        long last = Planner.parseGtid(master.queryValue("SELECT @@gtid_binlog_pos"))[2];
        assertThat(applied).as("killed mid-replay").isLessThan(last);
        Restorer.Result r = restorer("t1", new AtomicLong()).run(new Restorer.Options(false, true, false));
        assertThat(r.resumed()).isTrue();
        assertThat(state(t1)).isEqualTo(state(master));
    }

    /** Starts the killed target without its slave threads and reads what it applied. */
    private static String restorerAppliedAfterStart(ServerInstance s) {
        s.start("--skip-slave-start");
        return s.queryValue("SELECT @@gtid_slave_pos");
    }

    @Test
    void pitrKilledMidReplayThenResume() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RestoreMain.class.getName(), sandbox.dir().toString(), "t2", backup.toString(), archive.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean killed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("replayed ") && Long.parseLong(line.substring(9)) >= 2_000) {
                    p.destroyForcibly(); // SIGKILL
                    killed = true;
                    break;
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        assertThat(killed).as("the child reached the replay").isTrue();
        ServerInstance t2 = sandbox.server("t2");
        Restorer.Result r = restorer("t2", new AtomicLong()).run(new Restorer.Options(false, true, false));
        assertThat(r.resumed()).isTrue();
        assertThat(state(t2)).isEqualTo(state(master));
        assertThat(Files.exists(t2.datadir().resolve(Restorer.STATE_FILE))).isFalse();
    }
}
