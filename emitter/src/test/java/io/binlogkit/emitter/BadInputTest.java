package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogFormatException;
import io.binlogkit.parser.EventCursor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A damaged event in the middle of a file stops the dump with the parser's error; what was printed
 * before it is made of complete events (the text of the good file up to that event's {@code # at}).
 */
class BadInputTest {
    private static Path closedBinlog() throws Exception {
        for (Path p : GoldenBinlogs.generated()) {
            try (BinlogFile f = BinlogFile.open(p)) {
                if (!f.inUse() && f.size() > 2000) {
                    return p;
                }
            }
        }
        Assumptions.abort("no closed binlog generated (needs mariadbd)");
        return null;
    }

    /** Dumps with checksums verified, LOAD DATA files in an emptied directory (so their names repeat). */
    private static String dump(Path p, Path load, List<RuntimeException> error) throws Exception {
        GoldenBinlogs.deleteTree(load);
        Files.createDirectories(load);
        return dump(p, DumpOptions.builder().verifyChecksums(true).localLoadDir(load).build(), error);
    }

    private static String dump(Path p, DumpOptions o, List<RuntimeException> error) throws Exception {
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(os);
        MysqlbinlogPrinter printer = new MysqlbinlogPrinter(o, sink, RowsRenderer.countingOnly(), w -> { });
        try {
            printer.begin();
            printer.dump(p, true, true);
            printer.end();
        } catch (RuntimeException e) {
            error.add(e);
        }
        sink.flush();
        return os.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCorruptEventInTheMiddleStopsAfterTheCompleteEventsBeforeIt() throws Exception {
        Path good = closedBinlog();
        List<Long> starts = new ArrayList<>();
        try (BinlogFile f = BinlogFile.open(good)) {
            EventCursor c = f.cursor();
            while (c.next()) {
                starts.add(c.position());
            }
        }
        Path load = Files.createTempDirectory("bk-load");
        String expectedAll = dump(good, load, new ArrayList<>());
        for (int k : new int[]{starts.size() / 3, starts.size() / 2, starts.size() - 2}) {
            long victim = starts.get(k);
            byte[] bytes = Files.readAllBytes(good);
            bytes[(int) victim + 20] ^= 0x5A;
            Path bad = Files.createTempFile("bk-corrupt", ".bin");
            try {
                Files.write(bad, bytes);
                List<RuntimeException> errors = new ArrayList<>();
                String out = dump(bad, load, errors);
                assertThat(errors).singleElement().isInstanceOf(BinlogFormatException.class);
                assertThat(((BinlogFormatException) errors.getFirst()).eventOffset()).isEqualTo(victim);
                String expected = expectedAll.substring(0, expectedAll.indexOf("# at " + victim + "\n"));
                assertThat(out).isEqualTo(expected);
            } finally {
                Files.delete(bad);
            }
        }
        GoldenBinlogs.deleteTree(load);
    }

    @Test
    void aTruncatedClosedFileFailsWithTheParserError() throws Exception {
        Path good = closedBinlog();
        byte[] bytes = Files.readAllBytes(good);
        Path bad = Files.createTempFile("bk-trunc", ".bin");
        Path load = Files.createTempDirectory("bk-load");
        try {
            Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length - 10));
            try (BinlogFile f = BinlogFile.open(bad)) {
                MysqlbinlogPrinter p = new MysqlbinlogPrinter(DumpOptions.builder().localLoadDir(load).build(),
                        new ByteSink(null), RowsRenderer.countingOnly(), w -> { });
                p.begin();
                assertThatThrownBy(() -> p.dump(f, true, true)).isInstanceOf(BinlogFormatException.class)
                        .hasMessageContaining("event length");
            }
        } finally {
            Files.delete(bad);
            GoldenBinlogs.deleteTree(load);
        }
    }
}
