package io.binlogkit.cli;

import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerBinaries;
import io.binlogkit.sandbox.ServerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The tutorial through the {@code sandbox} command, against live servers (skipped without MariaDB). */
class SandboxCommandsTest {
    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        try {
            ServerBinaries.find(null);
        } catch (SandboxException e) {
            Assumptions.abort("MariaDB server not installed: " + e.getMessage());
        }
        Path target = Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
        dir = target.resolve("sandbox-cli-test");
        if (Files.exists(dir.resolve(Sandbox.CONFIG_FILE))) {
            stopAll();
        }
        for (Path d : new Path[]{dir, dualDir()}) {
            if (Files.exists(d)) {
                try (var s = Files.walk(d)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(SandboxCommandsTest::stopAll));
        CliRun r = sandbox("setup", "--port-base", "0", "--template", target.resolve("sandbox-template").toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @AfterAll
    static void tearDown() {
        stopAll();
    }

    private static void stopAll() {
        for (Path d : new Path[]{dir, dir == null ? null : dualDir()}) {
            if (d != null && Files.exists(d.resolve(Sandbox.CONFIG_FILE))) {
                for (ServerInstance s : Sandbox.open(d).servers()) {
                    s.stop();
                }
            }
        }
    }

    private static Path dualDir() {
        return dir.resolveSibling("sandbox-cli-test-dual");
    }

    private static CliRun sandbox(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--dir";
        all[args.length + 2] = dir.toString();
        return CliRun.run(all);
    }

    private static CliRun ok(String... args) {
        CliRun r = sandbox(args);
        assertThat(r.code()).as("sandbox %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    @Test
    void theTutorialThroughTheCommand() throws Exception {
        assertThat(ok("add", "name=master", "roles=master").out()).contains("added master: roles master");
        ok("add", "name=slave", "roles=slave");
        ok("add", "name=clone", "roles=slave");
        assertThat(ok("start", "master", "slave").out()).contains("started master", "started slave");
        assertThat(ok("replicate", "slave", "from", "master").out())
                .contains("slave replicates from master starting at master-bin.000001:4");
        ok("sql", "master", "-e", "CREATE DATABASE tut; CREATE TABLE tut.t1 (a INT PRIMARY KEY);"
                + " INSERT INTO tut.t1 VALUES (1), (2)");
        ServerInstance slave = Sandbox.open(dir).server("slave");
        io.binlogkit.sandbox.Replication.waitCaughtUp(slave, Sandbox.open(dir).server("master"),
                java.time.Duration.ofSeconds(30));
        assertThat(ok("sql", "slave", "-e", "SELECT COUNT(*) AS n FROM tut.t1").out()).isEqualTo("n\n2\n");

        String list = ok("list", "--format", "json").out();
        assertThat(list).contains("\"name\":\"master\"", "\"binlog_position\":\"master-bin.000001:",
                "\"master\":\"master\"");
        assertThat(list.lines().filter(l -> l.contains("\"running\":\"no\"")).count()).isEqualTo(1); // clone

        String progress = ok("progress", "--format", "json").out();
        assertThat(progress).contains("\"server\":\"slave\"", "\"io_running\":\"Yes\"", "\"lag_bytes\":0",
                "\"slave_hosts\":[{\"server_id\":2");
        assertThat(ok("progress", "slave").out()).contains("| slave  | master | master-bin.000001");

        Path archive = dir.resolve("backup.tar.gz");
        assertThat(ok("take-backup", "slave", "--master", "master", "--to", archive.toString()).out())
                .contains("backup of slave written to", "at master position master-bin.000001:");
        assertThat(ok("load-slave", "clone", archive.toString()).out())
                .contains("clone restored from", "replicating from master at master-bin.000001:");
        assertThat(ok("sql", "clone", "-e", "SELECT COUNT(*) AS n FROM tut.t1").out()).isEqualTo("n\n2\n");

        CliRun info = CliRun.run("binlog", "info", dir.resolve("slave/master.info").toString());
        assertThat(info.out()).contains("Master_User: repl_user", "Master_Password: (set, hidden)");
        String password = Sandbox.open(dir).configFile().toString();
        assertThat(Files.readString(dir.resolve(Sandbox.CONFIG_FILE))).contains("repl.repl_user.password=");
        assertThat(info.out() + progress + list).doesNotContain(passwordOf(Path.of(password)));

        assertThat(ok("stop").out()).contains("stopped master", "stopped slave", "stopped clone");
        assertThat(ok("list").out()).doesNotContain("yes (pid");
    }

    @Test
    void usageAndServerErrorsHaveTheirExitCodes() {
        assertThat(sandbox("add", "name=x").code()).isEqualTo(ExitCode.USAGE);
        assertThat(sandbox("add", "name=x", "roles=boss").code()).isEqualTo(ExitCode.USAGE);
        assertThat(sandbox("replicate", "a", "to", "b").code()).isEqualTo(ExitCode.USAGE);
        assertThat(sandbox("start", "nosuch").err()).contains("no server 'nosuch'");
        assertThat(sandbox("topology", "ring").code()).isEqualTo(ExitCode.USAGE);
        ok("add", "name=idle", "roles=master");
        CliRun r = sandbox("sql", "idle", "-e", "SELECT 1");
        assertThat(r.code()).isEqualTo(ExitCode.SERVER);
        assertThat(r.err()).contains("not running");
        ok("remove", "idle");
        CliRun notSandbox = CliRun.run("sandbox", "list", "--dir", dir.resolve("nowhere").toString());
        assertThat(notSandbox.code()).isEqualTo(ExitCode.USAGE);
        assertThat(notSandbox.err()).contains("is not a sandbox");
        for (String c : new String[]{"setup", "add", "start", "stop", "remove", "list", "sql", "replicate", "topology",
                "progress", "take-backup", "load-slave"}) {
            CliRun h = CliRun.run("sandbox", c, "--help");
            assertThat(h.code()).as(c).isZero();
            assertThat(h.out()).as(c).contains("usage: sandbox " + c, "Exit codes:");
        }
    }

    @Test
    void dualMasterConflictIsReportedByProgressWithTheServersError() {
        Path d = dualDir();
        String template = dir.resolveSibling("sandbox-template").toString();
        assertThat(CliRun.run("sandbox", "setup", "--dir", d.toString(), "--port-base", "0", "--template", template)
                .code()).isZero();
        CliRun topo = CliRun.run("sandbox", "topology", "dual-master", "--dir", d.toString());
        assertThat(topo.code()).as(topo.err()).isZero();
        assertThat(topo.out()).contains("master1: roles master,slave", "master2: roles master,slave");
        Sandbox sb = Sandbox.open(d);
        assertThat(CliRun.run("sandbox", "sql", "master1", "--dir", d.toString(), "-e",
                "CREATE DATABASE c; CREATE TABLE c.t (id INT PRIMARY KEY)").code()).isZero();
        io.binlogkit.sandbox.Replication.waitCaughtUp(sb.server("master2"), sb.server("master1"),
                java.time.Duration.ofSeconds(30));
        for (String m : new String[]{"master1", "master2"}) {
            assertThat(CliRun.run("sandbox", "sql", m, "--dir", d.toString(), "-e", "STOP SLAVE").code()).isZero();
        }
        for (String m : new String[]{"master1", "master2"}) {
            assertThat(CliRun.run("sandbox", "sql", m, "--dir", d.toString(), "-e", "INSERT INTO c.t VALUES (7)")
                    .code()).isZero();
        }
        for (String m : new String[]{"master1", "master2"}) {
            assertThat(CliRun.run("sandbox", "sql", m, "--dir", d.toString(), "-e", "START SLAVE").code()).isZero();
        }
        CliRun p;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            p = CliRun.run("sandbox", "progress", "--dir", d.toString());
        } while (!(p.out().contains("master1") && p.out().split("1062", -1).length > 2) && System.nanoTime() < deadline);
        assertThat(p.code()).isEqualTo(ExitCode.SERVER);
        assertThat(p.out()).contains("SQL thread error 1062", "Duplicate entry");
        CliRun watch = CliRun.run("sandbox", "progress", "--dir", d.toString(), "--format", "json", "--watch", "1",
                "--count", "2");
        assertThat(watch.out().lines().filter(l -> l.contains("\"server\":\"master1\"")).count()).isEqualTo(2);
        assertThat(CliRun.run("sandbox", "stop", "--dir", d.toString()).code()).isZero();
    }

    private static String passwordOf(Path config) throws Exception {
        return Files.readAllLines(config).stream().filter(l -> l.startsWith("repl.repl_user.password="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
    }
}
