package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden tests against the real {@code mariadb-binlog} on this machine: for every MariaDB binlog
 * available ({@link GoldenBinlogs}) and a set of option combinations, the output of
 * {@link MysqlbinlogPrinter} equals the official tool's byte for byte. Skipped when
 * {@code mariadb-binlog} is not installed. A mismatch leaves both outputs in
 * {@code target/golden-diff} and names the first differing line.
 */
class MariadbGoldenTest {
    private static final String NEW_YORK = "America/New_York";

    @TestFactory
    Stream<DynamicTest> everyFileEveryVariant() throws Exception {
        Path tool = Tools.mariadbBinlog();
        List<Path> files = GoldenBinlogs.require();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            for (List<String> v : variants(f)) {
                String name = f.getFileName() + " " + String.join(" ", v);
                tests.add(DynamicTest.dynamicTest(name, () -> compare(tool, List.of(f), v, null)));
            }
            tests.add(DynamicTest.dynamicTest(f.getFileName() + " TZ=" + NEW_YORK,
                    () -> compare(tool, List.of(f), List.of(), NEW_YORK)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> listsOfFiles() throws Exception {
        Path tool = Tools.mariadbBinlog();
        List<Path> files = GoldenBinlogs.generated();
        if (files.size() < 2) {
            return Stream.empty();
        }
        List<DynamicTest> tests = new ArrayList<>();
        List<List<String>> variants = new ArrayList<>(List.of(List.of(), List.of("--database=db1"),
                List.of("--short-form"), List.of("--base64-output=decode-rows"), List.of("--flashback"), List.of("--base64-output=decode-rows", "-vv"),
                List.of("-v"), List.of("--flashback", "-vv")));
        long[] mid = positions(files.getFirst());
        long[] last = positions(files.getLast());
        if (mid.length > 0 && last.length > 0) {
            variants.add(List.of("--start-position=" + mid[mid.length / 2], "--stop-position=" + last[last.length / 2]));
        }
        Instant[] times = times(files.get(files.size() / 2));
        if (times.length > 0) {
            variants.add(List.of("--start-datetime=" + local(times[0], ZoneId.systemDefault())));
            variants.add(List.of("--stop-datetime=" + local(times[times.length - 1], ZoneId.systemDefault())));
        }
        for (List<String> v : variants) {
            tests.add(DynamicTest.dynamicTest("all files " + String.join(" ", v), () -> compare(tool, files, v, null)));
        }
        return tests.stream();
    }

    /** Option combinations for one file; positions and datetimes are taken from its events. */
    static List<List<String>> variants(Path f) throws Exception {
        List<List<String>> v = new ArrayList<>(List.of(
                List.of(),
                List.of("--base64-output=decode-rows"),
                List.of("--base64-output=never"),
                List.of("--hexdump"),
                List.of("--short-form"),
                List.of("--skip-annotate-row-events"),
                List.of("--database=db1"),
                List.of("--database=db2"),
                List.of("--table=c1"),
                List.of("--server-id=1"),
                List.of("--rewrite-db=db1->renamed_db"),
                List.of("--offset=5"),
                List.of("--skip-print-row-count", "--skip-print-row-event-positions"),
                List.of("--disable-log-bin", "--set-charset=utf8mb4"),
                List.of("--flashback"),
                List.of("--flashback", "--print-row-event-positions"),
                List.of("--flashback", "--database=db1"),
                List.of("--flashback", "--short-form"),
                List.of("--flashback", "--hexdump"),
                List.of("--base64-output=decode-rows", "-v"),
                List.of("--base64-output=decode-rows", "-vv"),
                List.of("-v"),
                List.of("-vv", "--hexdump"),
                List.of("-v", "--short-form"),
                List.of("-v", "--short-form", "--print-row-count"),
                List.of("-vv", "--database=db1"),
                List.of("-vv", "--table=c1", "--base64-output=decode-rows"),
                List.of("-v", "--rewrite-db=db1->renamed_db"),
                List.of("--flashback", "-v"),
                List.of("--flashback", "-vv", "--base64-output=decode-rows"),
                List.of("--flashback", "-vv", "--database=db1"),
                List.of("--flashback", "-v", "--short-form", "--print-row-count")));
        long[] pos = positions(f);
        if (pos.length >= 3) {
            long a = pos[pos.length / 3];
            long b = pos[2 * pos.length / 3];
            v.add(List.of("--start-position=" + a));
            v.add(List.of("--stop-position=" + b));
            v.add(List.of("--start-position=" + a, "--stop-position=" + b));
            v.add(List.of("--start-position=" + a, "--base64-output=decode-rows"));
            v.add(List.of("--start-position=" + b, "--short-form"));
            v.add(List.of("--start-position=" + a, "--stop-position=" + b, "-vv"));
        }
        Instant[] t = times(f);
        if (t.length >= 2) {
            ZoneId z = ZoneId.systemDefault();
            v.add(List.of("--start-datetime=" + local(t[t.length / 2], z)));
            v.add(List.of("--stop-datetime=" + local(t[t.length / 2], z)));
            v.add(List.of("--start-datetime=" + local(t[0], z), "--stop-datetime=" + local(t[t.length - 1], z)));
        }
        return v;
    }

    /** Offsets of the file's events after the format description. */
    static long[] positions(Path f) throws Exception {
        try (BinlogFile b = BinlogFile.open(f)) {
            EventCursor c = b.cursor(b.firstEventAfterFormat());
            List<Long> out = new ArrayList<>();
            while (c.next()) {
                out.add(c.position());
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Distinct event timestamps of the file, in file order. */
    static Instant[] times(Path f) throws Exception {
        try (BinlogFile b = BinlogFile.open(f)) {
            EventCursor c = b.cursor();
            List<Instant> out = new ArrayList<>();
            while (c.next()) {
                Instant t = Instant.ofEpochSecond(c.timestamp());
                if (out.isEmpty() || !out.getLast().equals(t)) {
                    out.add(t);
                }
            }
            return out.toArray(Instant[]::new);
        }
    }

    static String local(Instant t, ZoneId z) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(z).format(t);
    }

    /** Runs the official tool and the printer with the same options and compares the outputs. */
    static void compare(Path tool, List<Path> files, List<String> args, String tz) throws Exception {
        Path loadDir = Files.createTempDirectory("bk-load");
        try {
            List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--local-load=" + loadDir));
            cmd.addAll(args);
            files.forEach(p -> cmd.add(p.toString()));
            Tools.Result expected = Tools.run(cmd, tz == null ? Map.of() : Map.of("TZ", tz));
            GoldenBinlogs.deleteTree(loadDir);
            Files.createDirectories(loadDir);
            ZoneId zone = tz == null ? ZoneId.systemDefault() : ZoneId.of(tz);
            DumpOptions options = options(args, zone, loadDir);
            Printed actual = print(files, options);
            if (expected.exit() != 0 && actual.error() == null) {
                fail("mariadb-binlog failed (" + expected.err().strip() + ") but the printer did not");
            }
            if (expected.exit() == 0 && actual.error() != null) {
                throw actual.error();
            }
            assertSameBytes(expected.out(), actual.out(), files, args);
        } finally {
            GoldenBinlogs.deleteTree(loadDir);
        }
    }

    /** What {@link MysqlbinlogPrinter} printed for {@code files}, and the exception it stopped with (null if none). */
    record Printed(byte[] out, RuntimeException error) {
    }

    /** Dumps {@code files} as one {@code binlog dump} run does (warnings dropped), keeping what was printed before a failure. */
    static Printed print(List<Path> files, DumpOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(out);
        RowsRenderer renderer = options.verbosity() > 0 ? RowsRenderer.decoding(options) : RowsRenderer.countingOnly();
        MysqlbinlogPrinter p = new MysqlbinlogPrinter(options, sink, renderer, w -> { });
        RuntimeException error = null;
        try {
            p.begin();
            for (int i = 0; i < files.size(); i++) {
                if (!p.dump(files.get(i), i == 0, i == files.size() - 1)) {
                    break;
                }
            }
            p.end();
        } catch (RuntimeException e) {
            error = e;
        }
        sink.flush();
        return new Printed(out.toByteArray(), error);
    }

    static void assertSameBytes(byte[] expected, byte[] actual, List<Path> files, List<String> args) throws Exception {
        if (java.util.Arrays.equals(expected, actual)) {
            return;
        }
        String[] e = new String(expected, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] a = new String(actual, StandardCharsets.ISO_8859_1).split("\n", -1);
        int line = 0;
        while (line < e.length && line < a.length && e[line].equals(a[line])) {
            line++;
        }
        Path dir = GoldenBinlogs.repo().resolve("emitter/target/golden-diff");
        Files.createDirectories(dir);
        String name = (files.getFirst().getFileName() + "_" + String.join("_", args)).replaceAll("[^A-Za-z0-9._=-]", "_");
        Files.write(dir.resolve(name + ".expected"), expected);
        Files.write(dir.resolve(name + ".actual"), actual);
        fail("output differs from mariadb-binlog " + String.join(" ", args) + " " + files + " at line " + (line + 1)
                + "\n  expected: " + (line < e.length ? e[line] : "<end>")
                + "\n  actual:   " + (line < a.length ? a[line] : "<end>")
                + "\n  (both outputs in " + dir + ")");
    }

    /** The subset of mariadb-binlog's command line that the variants use, as {@link DumpOptions}. */
    static DumpOptions options(List<String> args, ZoneId zone, Path loadDir) {
        DumpOptions.Builder b = DumpOptions.builder().zone(zone).localLoadDir(loadDir);
        int verbosity = 0;
        for (String a : args) {
            if (a.matches("-v+")) {
                verbosity += a.length() - 1;
                b.verbosity(verbosity);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String value = eq < 0 ? null : a.substring(eq + 1);
            switch (name) {
                case "--base64-output" -> b.base64Output(Base64Output.parse(value));
                case "--hexdump" -> b.hexdump(true);
                case "--short-form" -> b.shortForm(true);
                case "--skip-annotate-row-events" -> b.skipAnnotateRowEvents(true);
                case "--database" -> b.database(value);
                case "--table" -> b.table(value);
                case "--server-id" -> b.serverId(Long.parseLong(value));
                case "--rewrite-db" -> b.rewriteDb(value);
                case "--offset" -> b.offset(Long.parseLong(value));
                case "--skip-print-row-count" -> b.printRowCount(false);
                case "--print-row-count" -> b.printRowCount(true);
                case "--skip-print-row-event-positions" -> b.printRowEventPositions(false);
                case "--print-row-event-positions" -> b.printRowEventPositions(true);
                case "--flashback" -> b.flashback(true);
                case "--verify-binlog-checksum" -> b.verifyChecksums(true);
                case "--disable-log-bin" -> b.disableLogBin(true);
                case "--set-charset" -> b.setCharset(value);
                case "--start-position" -> b.startPosition(Long.parseLong(value));
                case "--stop-position" -> b.stopPosition(Long.parseLong(value));
                case "--start-datetime" -> b.startDatetime(DumpOptions.parseDatetime(value, zone));
                case "--stop-datetime" -> b.stopDatetime(DumpOptions.parseDatetime(value, zone), value);
                default -> throw new IllegalArgumentException("variant option not mapped: " + a);
            }
        }
        return b.build();
    }

    /**
     * Damaged copies of a closed binlog (a flipped byte caught by the CRC32 check, a bad length, a
     * cut): both tools fail, and print the same complete events before the damage.
     */
    @org.junit.jupiter.api.Test
    void damagedFilesFailAfterTheSameOutput() throws Exception {
        Path tool = Tools.mariadbBinlog();
        Path good = null;
        for (Path p : GoldenBinlogs.generated()) {
            try (BinlogFile b = BinlogFile.open(p)) {
                if (!b.inUse() && b.size() > 5000 && b.size() < 100_000) {
                    good = p;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(good != null, "no closed binlog generated");
        long[] pos = positions(good);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = Files.createTempFile("bk-damaged", ".bin");
        try {
            byte[] flipped = bytes.clone();
            flipped[(int) pos[pos.length / 2] + 25] ^= 0x40;
            Files.write(bad, flipped);
            compare(tool, List.of(bad), List.of("--verify-binlog-checksum"), null);
            byte[] badLength = bytes.clone();
            badLength[(int) pos[pos.length / 3] + 9] = (byte) 0xff;
            badLength[(int) pos[pos.length / 3] + 11] = (byte) 0x7f;
            Files.write(bad, badLength);
            compare(tool, List.of(bad), List.of(), null);
            Files.write(bad, java.util.Arrays.copyOf(bytes, (int) pos[2 * pos.length / 3] + 10));
            compare(tool, List.of(bad), List.of(), null);
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    @org.junit.jupiter.api.Test
    void inUseFileStopsQuietlyBeforeItsPartialLastEvent() throws Exception {
        Path tool = Tools.mariadbBinlog();
        Path inUse = null;
        for (Path p : GoldenBinlogs.generated()) {
            try (BinlogFile b = BinlogFile.open(p)) {
                if (b.inUse()) {
                    inUse = p;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(inUse != null, "no in-use binlog generated");
        Path cut = Files.createTempFile("bk-inuse", ".bin");
        try {
            byte[] all = Files.readAllBytes(inUse);
            Files.write(cut, java.util.Arrays.copyOf(all, all.length - 7));
            compare(tool, List.of(cut), List.of(), null);
            assertThat(cut).exists();
        } finally {
            Files.deleteIfExists(cut);
        }
    }
}
