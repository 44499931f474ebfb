package io.binlogkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract of {@code binlog index} and {@code binlog search}: output, formats, exit codes. */
class SearchCommandTest {
    static final Path BINLOGS = Path.of(System.getProperty("binlogkit.repo", "..")).resolve("testdata/binlogs");

    static CliRunner indexAll(Path dir) {
        CliRunner r = CliRunner.run("binlog", "index", "--index", dir.toString(), BINLOGS.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        return r;
    }

    @Test
    void indexesADirectoryAndSkipsItTheSecondTime(@TempDir Path dir) {
        CliRunner first = indexAll(dir.resolve("ix"));
        assertThat(first.out()).matches("Files indexed: 14   unchanged: 0   Events added: [1-9][0-9]*   Bytes read: "
                + "[1-9][0-9]*   Time: [0-9.]+ s\n");
        CliRunner again = indexAll(dir.resolve("ix"));
        assertThat(again.out()).startsWith("Files indexed: 0   unchanged: 14   Events added: 0   Bytes read: 0 ");
    }

    @Test
    void searchPrintsTheColumnsAsTsv(@TempDir Path dir) {
        indexAll(dir);
        CliRunner r = CliRunner.run("binlog", "search", "--index", dir.toString(), "--format", "tsv",
                "file:statement.000001", "AND", "\"insert into t_auto\"", "AND", "first");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("Log_name\tPos\tTime\tServer_id\tGTID\tDatabase\tTable\tOperation\tText");
        String[] f = lines[1].split("\t", -1);
        assertThat(f).hasSize(9);
        assertThat(f[0]).isEqualTo("statement.000001");
        assertThat(f[1]).isEqualTo("942");
        assertThat(f[2]).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(f[3]).isEqualTo("1");
        assertThat(f[4]).isEqualTo("0-1-4");
        assertThat(f[5]).isEqualTo("bk_stmt");
        assertThat(f[6]).isEmpty();
        assertThat(f[7]).isEqualTo("insert");
        assertThat(f[8]).isEqualTo("INSERT INTO t_auto (v) VALUES ('first'), ('second')");
    }

    @Test
    void tableFormatCutsLongTextAndJsonKeepsIt(@TempDir Path dir) {
        indexAll(dir);
        CliRunner table = CliRunner.run("binlog", "search", "--index", dir.toString(), "--limit", "1",
                "file:row.000001 AND pos:1997");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("| row.000001 | 1997 |").contains("INSERT INTO all_types VALUES")
                .contains("...");
        assertThat(table.out().lines().filter(l -> l.contains("1997")).findFirst().orElseThrow().length())
                .isLessThan(400);
        CliRunner json = CliRunner.run("binlog", "search", "--index", dir.toString(), "--format", "json",
                "file:row.000001 AND pos:1997");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out().lines()).hasSize(1);
        assertThat(json.out()).contains("'ffffffff-ffff-ffff-ffff-ffffffffffff')");
    }

    @Test
    void limitAndOrder(@TempDir Path dir) {
        indexAll(dir);
        CliRunner r = CliRunner.run("binlog", "search", "--index", dir.toString(), "--format", "tsv", "--limit", "3",
                "table:all_types AND operation:delete");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().skip(1).map(l -> l.split("\t")[1])).containsExactly("27587", "28442");
    }

    @Test
    void missingIndexIsAFileError(@TempDir Path dir) {
        CliRunner r = CliRunner.run("binlog", "search", "--index", dir.resolve("nope").toString(), "t1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("binlog search: no such index directory: " + dir.resolve("nope") + "\n");
        CliRunner empty = CliRunner.run("binlog", "search", "--index", dir.toString(), "t1");
        assertThat(empty.exitCode()).isEqualTo(ExitCode.IO);
        assertThat(empty.err()).startsWith("binlog search: no index in " + dir).endsWith("\n").hasLineCount(1);
    }

    @Test
    void badQueryIsAUsageErrorOnOneLine(@TempDir Path dir) {
        indexAll(dir);
        CliRunner r = CliRunner.run("binlog", "search", "--index", dir.toString(), "text:(unclosed");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("binlog search: bad query: ").hasLineCount(1);
        CliRunner none = CliRunner.run("binlog", "search", "--index", dir.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        CliRunner noIndex = CliRunner.run("binlog", "index", BINLOGS.resolve("row.000001").toString());
        assertThat(noIndex.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noIndex.err()).contains("--index DIR is required");
    }
}
