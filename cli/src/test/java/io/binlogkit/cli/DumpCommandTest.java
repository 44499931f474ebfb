package io.binlogkit.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code binlog dump}: option handling, exit codes, and one run against {@code mariadb-binlog}. */
class DumpCommandTest {
    private static final Path FIXTURE = repo().resolve("../shared/fixtures/rust_mysql_common/mariadb-bin.000001")
            .normalize();

    static Path repo() {
        String p = System.getProperty("binlogkit.repo");
        return p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
    }

    record Run(int code, byte[] out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(out, err, new ByteArrayInputStream(new byte[0]), false);
        String[] all = new String[args.length + 2];
        all[0] = "binlog";
        all[1] = "dump";
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, t);
        t.flush();
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        Run r = run("--no-such-option", "x");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no-such-option");
    }

    @Test
    void remoteAndGtidOptionsAreRefusedClearly() {
        for (String[] args : List.of(new String[]{"-R", "x"}, new String[]{"--host=db", "x"},
                new String[]{"--do-domain-ids=1", "x"}, new String[]{"--start-position=0-1-5", "x"})) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCode.UNSUPPORTED);
            assertThat(r.err()).contains("not supported");
        }
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(run("--start-datetime=yesterday", "x").err()).contains("Incorrect date and time argument: yesterday");
        assertThat(run("--base64-output=always", "x").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("--rewrite-db=a", "x").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run().code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aMissingFileIsAnIoError() {
        Run r = run("/nonexistent/mariadb-bin.000001");
        assertThat(r.code()).isEqualTo(ExitCode.IO);
        assertThat(new String(r.out(), StandardCharsets.UTF_8)).endsWith("DELIMITER /*!*/;\n");
    }

    @Test
    void verbosePrintsWhatMariadbBinlogPrints() throws Exception {
        Assumptions.assumeTrue(Files.exists(FIXTURE), "fixture missing");
        Path tool = Path.of("/usr/bin/mariadb-binlog");
        Assumptions.assumeTrue(Files.isExecutable(tool), "mariadb-binlog not installed");
        for (List<String> args : List.of(List.of("-v"), List.of("--base64-output=decode-rows", "-vv"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString()));
            cmd.addAll(args);
            cmd.add(FIXTURE.toString());
            Process p = new ProcessBuilder(cmd).start();
            byte[] expected = p.getInputStream().readAllBytes();
            p.waitFor();
            List<String> ours = new java.util.ArrayList<>(args);
            ours.add(FIXTURE.toString());
            Run r = run(ours.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).isEqualTo(expected);
        }
    }

    @Test
    void printsWhatMariadbBinlogPrints(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(FIXTURE), "fixture missing");
        Path tool = Path.of("/usr/bin/mariadb-binlog");
        Assumptions.assumeTrue(Files.isExecutable(tool), "mariadb-binlog not installed");
        Process p = new ProcessBuilder(tool.toString(), "--hexdump", FIXTURE.toString()).start();
        byte[] expected = p.getInputStream().readAllBytes();
        p.waitFor();
        Path result = tmp.resolve("out.sql");
        Run r = run("--hexdump", "--result-file=" + result, FIXTURE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllBytes(result)).isEqualTo(expected);
        Run direct = run("--hexdump", FIXTURE.toString());
        assertThat(direct.out()).isEqualTo(expected);
    }

    @Test
    void toLastLogAddsTheFilesThatFollowInTheIndex(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(FIXTURE), "fixture missing");
        for (int i = 1; i <= 3; i++) {
            Files.copy(FIXTURE, dir.resolve("m-bin.00000" + i));
        }
        Files.writeString(dir.resolve("m-bin.index"), "./m-bin.000001\n./m-bin.000002\n./m-bin.000003\n");
        assertThat(DumpCommand.toLastLog(List.of(dir.resolve("m-bin.000002"))))
                .containsExactly(dir.resolve("m-bin.000002"), dir.resolve("m-bin.000003"));
        Run r = run("--to-last-log", "--short-form", dir.resolve("m-bin.000001").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new String(r.out(), StandardCharsets.UTF_8).split("DELIMITER /\\*!\\*/;", -1)).hasSize(4);
    }
}
