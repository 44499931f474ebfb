package io.binlogkit.emitter;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The outputs of {@code mariadb-binlog} recorded in {@code testdata/expected/} (by
 * {@code testdata/make-binlogs.sh}), compared with {@link MysqlbinlogPrinter}'s byte for byte. Needs
 * no installed tool, so it runs everywhere; {@link MariadbGoldenTest} adds many more option
 * combinations where {@code mariadb-binlog} is installed.
 *
 * <p>Each row of {@code expected/mariadb-binlog.status.tsv} is one case: the file, the variant, the
 * tool's arguments and its exit status. The tool ran with {@code TZ=UTC} and
 * {@code --local-load=local-load}; the printer writes LOAD DATA files to a temporary directory, whose
 * name is put back to {@code local-load/} in its output before the comparison. A case the tool
 * ended with a non-zero status must make the printer fail too, after the same output.
 */
class CommittedGoldenTest {
    private static final Path TESTDATA = GoldenBinlogs.repo().resolve("testdata");

    /** One recorded run of mariadb-binlog. */
    record Case(String file, String variant, List<String> args, int status) {
        Path expected() {
            return TESTDATA.resolve("expected").resolve(file + "." + variant + ".txt");
        }
    }

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(TESTDATA.resolve("expected/mariadb-binlog.status.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            List<String> args = Arrays.stream(f[2].trim().split(" +"))
                    .filter(a -> !a.isEmpty() && !a.equals("--no-defaults") && !a.startsWith("--local-load="))
                    .toList();
            out.add(new Case(f[0], f[1], args, Integer.parseInt(f[3])));
        }
        return out;
    }

    @Test
    void everyRecordedOutputHasACase() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        try (Stream<Path> s = Files.list(TESTDATA.resolve("expected"))) {
            List<String> recorded = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt") && !n.endsWith(".stderr.txt")).sorted().toList();
            assertThat(recorded).containsExactlyInAnyOrderElementsOf(
                    cases.stream().map(c -> c.expected().getFileName().toString()).toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedOutput() throws Exception {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + " " + c.variant(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        Path file = TESTDATA.resolve("binlogs").resolve(c.file());
        Path loadDir = Files.createTempDirectory("bk-golden-load");
        try {
            DumpOptions options = MariadbGoldenTest.options(c.args(), ZoneOffset.UTC, loadDir);
            MariadbGoldenTest.Printed printed = MariadbGoldenTest.print(List.of(file), options);
            if (c.status() == 0 && printed.error() != null) {
                throw new AssertionError(c + ": the printer failed where mariadb-binlog did not", printed.error());
            }
            if (c.status() != 0 && printed.error() == null) {
                fail(c + ": mariadb-binlog ended with status " + c.status() + " but the printer did not fail");
            }
            String dir = loadDir.toString();
            byte[] actual = new String(printed.out(), StandardCharsets.ISO_8859_1)
                    .replace("'" + dir + "/", "'local-load/").getBytes(StandardCharsets.ISO_8859_1);
            MariadbGoldenTest.assertSameBytes(Files.readAllBytes(c.expected()), actual, List.of(file), c.args());
        } finally {
            GoldenBinlogs.deleteTree(loadDir);
        }
    }
}
