package io.binlogkit.cli;

import io.binlogkit.sandbox.Sandbox;
import io.binlogkit.sandbox.SandboxException;
import io.binlogkit.sandbox.ServerBinaries;
import io.binlogkit.sandbox.ServerInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pitr backup}: its usage errors without a server, and one backup of a live sandbox server. */
class PitrBackupCommandTest {
    private static Path sandboxDir;

    @TempDir
    Path tmp;

    @AfterAll
    static void tearDown() {
        if (sandboxDir != null && Files.exists(sandboxDir.resolve(Sandbox.CONFIG_FILE))) {
            for (ServerInstance s : Sandbox.open(sandboxDir).servers()) {
                s.stop();
            }
        }
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("pitr backup: ").contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() throws Exception {
        Path cnf = tmp.resolve("server.cnf");
        Files.writeString(cnf, "[client]\nsocket=" + tmp.resolve("none.sock") + "\n");
        String to = tmp.resolve("b").toString();
        assertUsage(CliRun.run("pitr", "backup", "--sandbox", "master"), "--to is required");
        assertUsage(CliRun.run("pitr", "backup", "--to", to), "either --sandbox NAME or --defaults-file FILE");
        assertUsage(CliRun.run("pitr", "backup", "--sandbox", "master", "--defaults-file", cnf.toString(), "--to", to),
                "either --sandbox NAME or --defaults-file FILE");
        assertUsage(CliRun.run("pitr", "backup", "--defaults-file", cnf.toString(), "--to", to, "--method", "tar"),
                "unknown backup method 'tar'");
        assertUsage(CliRun.run("pitr", "backup", "--defaults-file", cnf.toString(), "--to", to, "--format", "xml"),
                "--format must be text or json");
        assertUsage(CliRun.run("pitr", "backup", "--defaults-file", cnf.toString(), "--to", to, "--bogus"),
                "--bogus");
        assertThat(Files.exists(Path.of(to))).isFalse();
    }

    @Test
    void aNonEmptyTargetDirectoryIsRefusedWithSix() throws Exception {
        Path cnf = tmp.resolve("server.cnf");
        Files.writeString(cnf, "[client]\nsocket=" + tmp.resolve("none.sock") + "\n");
        Path to = tmp.resolve("old-backup");
        Files.createDirectories(to);
        Files.writeString(to.resolve("keep"), "x");
        CliRun r = CliRun.run("pitr", "backup", "--defaults-file", cnf.toString(), "--to", to.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(PitrCommands.REFUSED);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains(to + " is not empty");
    }

    @Test
    void helpExplainsTheMethods() {
        CliRun h = CliRun.run("pitr", "backup", "--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("usage: pitr backup", "mariabackup", "via-slave", "logical", "backup.json",
                "Exit codes:");
        assertThat(CliRun.run("pitr", "--help").out()).contains("backup");
    }

    @Test
    void backsUpASandboxServer() throws Exception {
        try {
            ServerBinaries.find(null);
        } catch (SandboxException e) {
            Assumptions.abort("MariaDB server not installed: " + e.getMessage());
        }
        Path target = Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
        sandboxDir = target.resolve("pitr-backup-cli-test");
        if (Files.exists(sandboxDir.resolve(Sandbox.CONFIG_FILE))) {
            tearDown();
        }
        Sandbox.deleteTree(sandboxDir);
        String d = sandboxDir.toString();
        assertThat(CliRun.run("sandbox", "setup", "--dir", d, "--port-base", "0", "--template",
                target.resolve("sandbox-template").toString()).code()).isZero();
        assertThat(CliRun.run("sandbox", "add", "name=master", "roles=master", "--dir", d).code()).isZero();
        assertThat(CliRun.run("sandbox", "start", "master", "--dir", d).code()).isZero();
        assertThat(CliRun.run("sandbox", "sql", "master", "--dir", d, "-e",
                "CREATE DATABASE tut; CREATE TABLE tut.t1 (a INT PRIMARY KEY); INSERT INTO tut.t1 VALUES (1)").code())
                .isZero();
        String position = Sandbox.open(sandboxDir).server("master").masterStatus().orElseThrow().toString();

        Path to = sandboxDir.resolve("backups/logical");
        CliRun r = CliRun.run("pitr", "backup", "--sandbox", "master", "--dir", d, "--to", to.toString(), "--method",
                "logical");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("backup of sandbox server 'master' written to " + java.util.regex.Pattern.quote(
                to.toString()) + " \\(logical, 1 file, [0-9.]+ kB\\) at " + java.util.regex.Pattern.quote(position)
                + ", GTID 0-1-\\d+, in [0-9.]+ s\n");

        CliRun json = CliRun.run("pitr", "backup", "--sandbox", "master", "--dir", d, "--to",
                sandboxDir.resolve("backups/json").toString(), "--method", "logical", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"method\" : \"logical\"", "\"data\" : \"dump.sql\"", "\"sha256\" :");
        assertThat(json.out().strip()).isEqualTo(Files.readString(sandboxDir.resolve("backups/json/backup.json"))
                .strip());
    }
}
