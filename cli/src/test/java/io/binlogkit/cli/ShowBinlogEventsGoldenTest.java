package io.binlogkit.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every binlog in {@code testdata/binlogs} that has the server's own {@code SHOW BINLOG EVENTS}
 * output recorded beside it ({@code testdata/expected/NAME.events.tsv}, made by
 * {@code testdata/make-binlogs.sh} with {@code mariadb -B}), {@code binlog events --format tsv}
 * prints the same bytes.
 */
class ShowBinlogEventsGoldenTest {

    static Path testdata() {
        Path dir = Path.of(System.getProperty("binlogkit.repo", "..")).resolve("testdata").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("expected")),
                "testdata/expected missing: run testdata/make-binlogs.sh");
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> eventsTsvEqualsTheServers() throws IOException {
        Path td = testdata();
        List<Path> expected;
        try (Stream<Path> s = Files.list(td.resolve("expected"))) {
            expected = s.filter(p -> p.getFileName().toString().endsWith(".events.tsv")).sorted().toList();
        }
        assertThat(expected).as("recorded SHOW BINLOG EVENTS outputs").isNotEmpty();
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
