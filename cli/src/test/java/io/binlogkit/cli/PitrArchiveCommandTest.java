package io.binlogkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pitr archive}'s contract without a server: help and usage errors (exit 2, one line on stderr). */
class PitrArchiveCommandTest {
    @TempDir
    Path tmp;

    private static void assertUsageError(CliRun r, String message) {
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("pitr archive: ").contains(message).endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void listedAndHelped() {
        assertThat(CliRun.run("pitr", "--help").out()).contains("archive");
        CliRun h = CliRun.run("pitr", "archive", "--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("--to", "--sandbox", "--defaults-file", "Run it again", "conflict", "unchanged",
                "grown", "6  refused");
    }

    @Test
    void usageErrors() {
        String a = tmp.resolve("archive").toString();
        assertUsageError(CliRun.run("pitr", "archive", "--sandbox", "m"), "--to is required");
        assertUsageError(CliRun.run("pitr", "archive", "--to", a),
                "name the server with either --sandbox NAME or --defaults-file FILE");
        assertUsageError(CliRun.run("pitr", "archive", "--to", a, "--sandbox", "m", "--defaults-file", "f.cnf"),
                "either --sandbox NAME or --defaults-file FILE");
        assertUsageError(CliRun.run("pitr", "archive", "--to", a, "--sandbox", "m", "--format", "xml"),
                "--format must be text or json");
        assertUsageError(CliRun.run("pitr", "archive", "--to", a, "--sandbox", "m", "--bogus"), "--bogus");
        // A sandbox directory that holds no sandbox: a usage error too, naming it.
        CliRun none = CliRun.run("pitr", "archive", "--to", a, "--sandbox", "m", "--dir", tmp.toString());
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err().lines()).hasSize(1);
    }
}
