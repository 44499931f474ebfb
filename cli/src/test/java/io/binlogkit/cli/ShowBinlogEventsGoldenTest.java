package io.binlogkit.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code binlog events --format tsv} prints the same bytes as the server's own
 * {@code SHOW BINLOG EVENTS} (recorded with {@code mariadb -B} as {@code expected/NAME.events.tsv}
 * beside each binlog) for the statement, row, mixed, compressed, no-checksum, GTID, rotated and
 * in-use workloads of {@code testdata/make-binlogs.sh}: once for the committed files, and once for
 * files a live MariaDB writes while this test runs.
 */
class ShowBinlogEventsGoldenTest {

    static Path repo() {
        return Path.of(System.getProperty("binlogkit.repo", "..")).toAbsolutePath().normalize();
    }

    @TestFactory
    Stream<DynamicTest> committedTestdata() throws IOException {
        Path td = repo().resolve("testdata");
        Assumptions.assumeTrue(Files.isDirectory(td.resolve("expected")),
                "testdata/expected missing: run testdata/make-binlogs.sh");
        return compareAll(td);
    }

    @TestFactory
    Stream<DynamicTest> binlogsOfALiveServer(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mariadbd"))
                        || Files.isExecutable(Path.of("/usr/bin/mariadbd")),
                "mariadbd not installed (apt-get install mariadb-server mariadb-client); skipping");
        Process p = new ProcessBuilder("bash", repo().resolve("testdata/make-binlogs.sh").toString(),
                "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("make-binlogs.log").toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("make-binlogs.sh finished in 5 minutes").isTrue();
        assertThat(p.exitValue()).as("make-binlogs.sh exit status; log: %s",
                Files.readString(out.resolve("make-binlogs.log"))).isZero();
        return compareAll(out);
    }

    private static Stream<DynamicTest> compareAll(Path td) throws IOException {
        List<Path> expected;
        try (Stream<Path> s = Files.list(td.resolve("expected"))) {
            expected = s.filter(p -> p.getFileName().toString().endsWith(".events.tsv")).sorted().toList();
        }
        assertThat(expected).as("recorded SHOW BINLOG EVENTS outputs").hasSizeGreaterThanOrEqualTo(10);
        return expected.stream().map(e -> DynamicTest.dynamicTest(e.getFileName().toString(), () -> {
            String name = e.getFileName().toString().replaceFirst("\\.events\\.tsv$", "");
            Path binlog = td.resolve("binlogs").resolve(name);
            assertThat(binlog).as("binlog for %s", e.getFileName()).exists();
            CliRunner r = CliRunner.run("binlog", "events", "--format", "tsv", binlog.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(Files.readString(e));
            assertThat(r.outBytes()).isEqualTo(Files.readAllBytes(e));
        }));
    }
}
