package io.binlogkit.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract of the binlog commands: output formats, exit codes and one-line errors. */
class BinlogCommandsTest {

    static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("binlogkit.repo", "..")).resolve("../shared/fixtures/rust_mysql_common")
                .normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "public fixtures not found at " + dir + "; skipping");
        return dir.resolve(name);
    }

    @Test
    void eventsAsTsvHasTheServersColumns() {
        CliRunner r = CliRunner.run("binlog", "events", "--format", "tsv", fixture("mariadb-bin.000001").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Log_name\tPos\tEvent_type\tServer_id\tEnd_log_pos\tInfo\n"
                + "mariadb-bin.000001\t4\tFormat_desc\t1\t256\tServer ver: 10.5.15-MariaDB-1:10.5.15+maria~focal-log, Binlog ver: 4\n"
                + "mariadb-bin.000001\t256\tGtid_list\t1\t285\t[]\n"
                + "mariadb-bin.000001\t285\tBinlog_checkpoint\t1\t330\tmariadb-bin.000001\n"
                + "mariadb-bin.000001\t330\tGtid\t1\t372\tBEGIN GTID 0-1-1\n");
        assertThat(r.out()).contains("mariadb-bin.000001\t476\tTable_map\t1\t612\ttable_id: 38 (toddy_test.outbox)\n"
                + "mariadb-bin.000001\t612\tWrite_rows_v1\t1\t671\ttable_id: 38 flags: STMT_END_F\n"
                + "mariadb-bin.000001\t671\tXid\t1\t702\tCOMMIT /* xid=800 */\n");
        assertThat(r.out().lines()).hasSize(14);
    }

    @Test
    void fromAndLimitSelectEvents() {
        CliRunner r = CliRunner.run("binlog", "events", "--format", "tsv", "--from", "330", "--limit", "2",
                fixture("mariadb-bin.000001").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().skip(1).map(l -> l.split("\t")[1])).containsExactly("330", "372");
    }

    @Test
    void jsonIsOneObjectPerLine() {
        CliRunner r = CliRunner.run("binlog", "events", "--format", "json", "--limit", "2",
                fixture("mariadb-bin.000001").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                {"log_name":"mariadb-bin.000001","pos":4,"event_type":"Format_desc","server_id":1,"end_log_pos":256,"info":"Server ver: 10.5.15-MariaDB-1:10.5.15+maria~focal-log, Binlog ver: 4"}
                {"log_name":"mariadb-bin.000001","pos":256,"event_type":"Gtid_list","server_id":1,"end_log_pos":285,"info":"[]"}
                """);
    }

    @Test
    void tableIsBoxed() {
        CliRunner r = CliRunner.run("binlog", "events", "--limit", "1", fixture("mariadb-bin.000001").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().toList()).hasSize(5);
        assertThat(r.out()).startsWith("+--------------------+-----+");
    }

    @Test
    void tableCutsLongValuesButTsvKeepsThem() {
        Path row = Path.of(System.getProperty("binlogkit.repo", "..")).resolve("testdata/binlogs/row.000001");
        Assumptions.assumeTrue(Files.exists(row), "testdata/binlogs/row.000001 missing");
        CliRunner table = CliRunner.run("binlog", "events", row.toString());
        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(260));
        assertThat(table.out()).contains("...");
        CliRunner tsv = CliRunner.run("binlog", "events", "--format", "tsv", row.toString());
        assertThat(tsv.out().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(260);
    }

    @Test
    void corruptFileGivesOneLineAndExitCode1() {
        CliRunner r = CliRunner.run("binlog", "events", "--format", "tsv", fixture("corrupt-relay-bin.000624").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(r.err()).startsWith("binlog events: error: ").contains("at offset 91204").endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
        // everything printed before the error is whole events
        assertThat(r.out()).endsWith("\n");
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).contains("\t91176\tIntvar\t");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRunner r = CliRunner.run("binlog", "events", "--debug", fixture("corrupt-relay-bin.000624").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(r.err().lines().count()).isGreaterThan(3);
        assertThat(r.err()).contains("at io.binlogkit.parser.");
    }

    @Test
    void notABinlog(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "hello world, this is not a binlog");
        CliRunner r = CliRunner.run("binlog", "events", f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(r.err()).isEqualTo("binlog events: error: " + f
                + " at offset 0: binlog magic: expected fe 62 69 6e, found 68 65 6c 6c (not a binary log)\n");
    }

    @Test
    void missingFile() {
        CliRunner r = CliRunner.run("binlog", "events", "/nonexistent/mysql-bin.000001");
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).isEqualTo("binlog events: no such file: /nonexistent/mysql-bin.000001\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner r = CliRunner.run("binlog", "events", "--frm", "4", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Unrecognized option: --frm").hasLineCount(1);
    }

    @Test
    void badValues() {
        assertThat(CliRunner.run("binlog", "events", "--format", "xml", "f").err())
                .isEqualTo("binlog events: --format must be one of table, tsv, json, not 'xml'\n");
        assertThat(CliRunner.run("binlog", "events", "--limit", "ten", "f").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRunner.run("binlog", "frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRunner r = CliRunner.run("binlog", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("events", "ls", "Exit codes:", "70  internal error");
        CliRunner e = CliRunner.run("binlog", "events", "--help");
        assertThat(e.exitCode()).isZero();
        assertThat(e.out()).contains("--format", "--from", "--limit", "Exit codes:");
    }

    @Test
    void lsListsFilesWithStateAndMarksDamage(@TempDir Path dir) throws Exception {
        Files.copy(fixture("mariadb-bin.000001"), dir.resolve("mariadb-bin.000001"));
        byte[] closed = Files.readAllBytes(fixture("binlog_transaction.000001"));
        Files.write(dir.resolve("master-bin.000002"), java.util.Arrays.copyOf(closed, 1000)); // cut inside an event
        Files.writeString(dir.resolve("README"), "not a binlog");
        CliRunner r = CliRunner.run("binlog", "ls", "--format", "tsv", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_DATA);
        var lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("Log_name\tFile_size\tFirst_event\tLast_event\tEvents\tState\tChecksum\tServer_version");
        assertThat(lines.get(1)).startsWith("mariadb-bin.000001\t1074\t").contains("\t13\tin use\tCRC32\t10.5.15-MariaDB");
        assertThat(lines.get(2)).startsWith("master-bin.000002\t1000\t").contains("damaged at 942: event length");
    }

    @Test
    void lsReadsAnIndexFile(@TempDir Path dir) throws Exception {
        Files.copy(fixture("mariadb-bin.000001"), dir.resolve("mariadb-bin.000001"));
        Files.writeString(dir.resolve("mariadb-bin.index"), "./mariadb-bin.000001\n./mariadb-bin.000002\n");
        CliRunner r = CliRunner.run("binlog", "ls", "--format", "tsv", dir.resolve("mariadb-bin.index").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
        assertThat(r.out()).contains("mariadb-bin.000002\tNULL\tNULL\tNULL\tNULL\tmissing");
    }
}
