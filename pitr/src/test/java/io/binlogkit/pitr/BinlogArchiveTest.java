package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive's cut of the server's active file, without a server: a committed test binlog, marked in
 * use as the server marks its active file, truncated at every event boundary and inside every event,
 * must be cut at the end of the last complete transaction before the truncation.
 */
class BinlogArchiveTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"row.000001", "statement.000001", "gtid-domains.000001"})
    void anActiveFileIsCutAtTheEndOfItsLastCompleteTransaction(String name) throws Exception {
        byte[] full = Files.readAllBytes(TransactionReaderTest.binlog(name));
        // The server sets LOG_EVENT_BINLOG_IN_USE_F in its active file; the CRC32 of the
        // Format_description is computed as if it were clear, so setting it keeps the file valid.
        full[21] |= 1;
        Path whole = tmp.resolve(name);
        Files.write(whole, full);

        List<long[]> events = new ArrayList<>();
        List<long[]> transactions = new ArrayList<>();
        try (BinlogFile f = BinlogFile.open(whole)) {
            EventCursor c = f.cursor();
            while (c.next()) {
                events.add(new long[]{c.position(), c.nextEventOffset()});
            }
            TransactionReader r = new TransactionReader(f, 4, false);
            while (r.next()) {
                transactions.add(new long[]{r.start(), r.end()});
            }
        }
        assertThat(transactions).isNotEmpty();
        // Where a copy may end: after a whole transaction, or after an event that belongs to none.
        TreeSet<Long> boundaries = new TreeSet<>();
        transactions.forEach(t -> boundaries.add(t[1]));
        for (long[] e : events) {
            boolean inside = transactions.stream().anyMatch(t -> t[0] <= e[0] && e[0] < t[1]);
            if (!inside) {
                boundaries.add(e[1]);
            }
        }
        long formatEnd = events.getFirst()[1];
        int cutInsideTransaction = 0;
        for (long[] e : events) {
            for (long truncateAt : new long[]{e[1], (e[0] + e[1]) / 2}) {
                if (truncateAt < formatEnd) {
                    continue;
                }
                Path copy = tmp.resolve("copy");
                Files.write(copy, Arrays.copyOf(full, (int) truncateAt));
                BinlogArchive.Inspection in = BinlogArchive.inspect(copy, whole, true);
                long expected = boundaries.floor(truncateAt);
                assertThat(in.size()).as("cut of a copy truncated at %d", truncateAt).isEqualTo(expected);
                assertThat(in.lastPos()).isEqualTo(expected);
                assertThat(in.complete()).isFalse();
                long eventsKept = events.stream().filter(x -> x[1] <= expected).count();
                assertThat(in.events()).isEqualTo(eventsKept);
                if (expected < truncateAt && truncateAt == e[1]) {
                    cutInsideTransaction++;
                }
                // The last GTID is that of the last transaction kept.
                long kept = transactions.stream().filter(t -> t[1] <= expected).count();
                assertThat(in.lastGtid().isEmpty()).isEqualTo(kept == 0);
            }
        }
        assertThat(cutInsideTransaction).as("truncations inside a transaction at an event boundary").isPositive();

        BinlogArchive.Inspection whole1 = BinlogArchive.inspect(whole, whole, true);
        assertThat(whole1.size()).isEqualTo(full.length);
        assertThat(whole1.events()).isEqualTo(events.size());
        assertThat(whole1.serverId()).isPositive();
        assertThat(whole1.serverVersion()).isNotEmpty();
        assertThat(whole1.firstGtid()).isNotEmpty();
    }

    @Test
    void aClosedFileIsKeptWholeAndItsDamageNamesTheServerFileAndTheOffset() throws Exception {
        Path source = TransactionReaderTest.binlog("row.000001");
        byte[] full = Files.readAllBytes(source);
        Path copy = tmp.resolve("copy");
        Files.write(copy, full);
        BinlogArchive.Inspection in = BinlogArchive.inspect(copy, source, false);
        assertThat(in.size()).isEqualTo(full.length);
        assertThat(in.complete()).isTrue();
        assertThat(in.lastPos()).isEqualTo(full.length);

        // Cut inside an event without the in-use flag: the file is damaged, not in progress.
        Files.write(copy, Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> BinlogArchive.inspect(copy, source, false))
                .isInstanceOfSatisfying(PitrException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PitrException.Kind.BAD_DATA);
                    assertThat(e.getMessage()).startsWith(source + " at offset ").contains("not archived");
                });

        // A flipped byte in the body of an event: its CRC32 no longer matches.
        byte[] flipped = full.clone();
        flipped[full.length / 2] ^= 0x40;
        Files.write(copy, flipped);
        assertThatThrownBy(() -> BinlogArchive.inspect(copy, source, false))
                .isInstanceOfSatisfying(PitrException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PitrException.Kind.BAD_DATA);
                    assertThat(e.getMessage()).startsWith(source + " at offset ");
                });
    }

    @Test
    void listOrdersByTheSequenceNumber() throws Exception {
        for (String n : new String[]{"b.000010", "b.000002", "b.1000000"}) {
            new ArchivedBinlog(n, 4, true, 1, "v", 4, 4, "", "", 0, 0, 1, "x", "t").write(tmp);
        }
        Files.writeString(tmp.resolve("b.index.json"), "{}"); // not a binlog's manifest
        assertThat(BinlogArchive.list(tmp)).extracting(ArchivedBinlog::file)
                .containsExactly("b.000002", "b.000010", "b.1000000");
        assertThat(BinlogArchive.list(tmp.resolve("none"))).isEmpty();
    }
}
