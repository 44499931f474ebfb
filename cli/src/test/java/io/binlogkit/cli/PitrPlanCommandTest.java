package io.binlogkit.cli;

import io.binlogkit.parser.BinlogPosition;
import io.binlogkit.pitr.BackupManifest;
import io.binlogkit.pitr.ServerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pitr plan}, {@code restore} and {@code info} without a server: usage errors, a plan over a
 * committed test binlog, and a plan with an error (exit 1, nothing restored).
 */
class PitrPlanCommandTest {
    @TempDir
    Path tmp;

    static Path repoBinlog(String name) {
        return Path.of(System.getProperty("binlogkit.repo", "..")).resolve("testdata/binlogs").resolve(name);
    }

    /** A backup manifest at the start of testdata's row.000001, written by the server that wrote it. */
    Path backupAt4(String file, long serverId) throws Exception {
        Path b = tmp.resolve("backup");
        Files.createDirectories(b);
        String now = Instant.now().minusSeconds(86_400 * 3650L).toString();
        new BackupManifest(BackupManifest.FORMAT, "logical",
                new ServerIdentity(serverId, "10.11.19-MariaDB", "elsewhere", 3306, "/nowhere", null, ""), null,
                new BinlogPosition(file, 4), "", now, now, "dump.sql", List.of()).write(b);
        return b;
    }

    Path archiveOf(String... names) throws Exception {
        Path a = tmp.resolve("archive");
        Files.createDirectories(a);
        for (String n : names) {
            Files.copy(repoBinlog(n), a.resolve(n));
        }
        return a;
    }

    @Test
    void usageErrors() throws Exception {
        CliRun r = CliRun.run("pitr", "plan", "--backup", "b", "--binlogs", "a", "--until", "2026-01-01 00:00:00",
                "--skip-gtid", "0-1-2");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("pitr plan: ").contains("at most one of");
        r = CliRun.run("pitr", "plan", "--backup", "b", "--binlogs", "a", "--until", "yesterday");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("YYYY-MM-DD HH:MM:SS");
        r = CliRun.run("pitr", "plan", "--binlogs", "a");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--backup is required");
        r = CliRun.run("pitr", "plan", "--backup", tmp.toString(), "--binlogs", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).contains("is not a backup of pitr");
        r = CliRun.run("pitr", "restore", "--backup", "b", "--binlogs", "a");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--sandbox NAME or --defaults-file FILE");
        r = CliRun.run("pitr", "plan", "--backup", "b", "--binlogs", "a", "--format", "xml");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--format must be text or json, not 'xml'");
        r = CliRun.run("pitr", "plan", "--until-gtid", "0-1");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        r = CliRun.run("pitr", "plan", "--help");
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("--until-position").containsSubsequence("  5  not supported", "  6  refused for safety", " 70  internal error");
    }

    @Test
    void aPlanOverACommittedBinlog() throws Exception {
        Path b = backupAt4("row.000001", 1);
        Path a = archiveOf("row.000001");
        CliRun r = CliRun.run("pitr", "plan", "--backup", b.toString(), "--binlogs", a.toString());
        assertThat(r.code()).as(r.err() + r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Target:        everything archived").contains("Problems:      none")
                .contains("row.000001  bytes 4-");
        r = CliRun.run("pitr", "plan", "--backup", b.toString(), "--binlogs", a.toString(), "--format", "json",
                "--until", "2000-01-01 00:00:00Z");
        // The target time is before the backup: an error, exit 1, in the JSON too.
        assertThat(r.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(r.out()).contains("\"severity\" : \"ERROR\"").contains("before the backup");
        // --format takes its value in any case, as every command's --format does
        r = CliRun.run("pitr", "plan", "--backup", b.toString(), "--binlogs", a.toString(), "--format", "JSON");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("{").contains("\"backup_position\"");
    }

    @Test
    void aPlanWithAnErrorRefusesTheRestoreAndChangesNothing() throws Exception {
        Path b = backupAt4("row.000001", 99);
        Path a = archiveOf("row.000001");
        Path cnf = tmp.resolve("target.cnf");
        Files.writeString(cnf, "[client]\nsocket=" + tmp.resolve("none.sock") + "\n[mysqld]\ndatadir=" + tmp.resolve("d")
                + "\npid-file=" + tmp.resolve("d.pid") + "\n");
        CliRun r = CliRun.run("pitr", "restore", "--backup", b.toString(), "--binlogs", a.toString(),
                "--defaults-file", cnf.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("the plan has errors, nothing was changed").contains("server_id");
        assertThat(r.out()).contains("ERROR: row.000001 was written by server_id");
        r = CliRun.run("pitr", "info", "--backup", b.toString(), "--binlogs", a.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(r.out()).contains("ERROR:");
    }
}
