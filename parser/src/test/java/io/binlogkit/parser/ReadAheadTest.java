package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EventCursor#readAhead()}: the same events and the same errors with or without the
 * read-ahead thread, and a clean close while it runs.
 */
class ReadAheadTest {
    private static final Path ROW = Path.of("..", "testdata", "binlogs", "row.000001");

    /**
     * A CRC32 binlog of just over 16 MiB: row.000001 (MariaDB 10.11) with the events after its
     * Format_description repeated. Their end_log_pos no longer agree with their offsets, which the
     * cursor does not check for complete events; their checksums stay valid.
     */
    private static byte[] big() throws IOException {
        byte[] src = Files.readAllBytes(ROW);
        int fdeEnd;
        try (BinlogFile f = BinlogFile.open(ROW)) {
            assertEquals(ChecksumAlgorithm.CRC32, f.formatDescription().checksum());
            fdeEnd = (int) f.firstEventAfterFormat();
        }
        var out = new java.io.ByteArrayOutputStream();
        out.write(src, 0, fdeEnd);
        while (out.size() < (17 << 20)) {
            out.write(src, fdeEnd, src.length - fdeEnd);
        }
        return out.toByteArray();
    }

    private static Path write(byte[] b) throws IOException {
        Path dir = Files.createTempDirectory("binlogkit-readahead");
        Path file = dir.resolve("big.000001");
        Files.write(file, b);
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        return file;
    }

    private static List<Long> positions(EventCursor c) {
        List<Long> out = new ArrayList<>();
        while (c.next()) {
            out.add(c.position());
        }
        return out;
    }

    @Test
    void sameEventsWithReadAhead() throws Exception {
        Path path = write(big());
        List<Long> plain;
        try (BinlogFile f = BinlogFile.open(path)) {
            plain = positions(f.cursor());
        }
        try (BinlogFile f = BinlogFile.open(path)) {
            EventCursor c = f.cursor().readAhead();
            assertTrue(f.readAheadStarted());
            f.cursor().readAhead(); // a second read-ahead does nothing
            assertEquals(plain, positions(c));
        }
        try (BinlogFile f = BinlogFile.open(path)) {
            EventCursor c = f.cursor().readAhead();
            f.awaitReadAhead(); // every checksum verified ahead: the cursor skips them all
            assertEquals(plain, positions(c));
        }
        assertTrue(plain.size() > 1000, "events: " + plain.size());
    }

    /** A damaged event is reported by the caller's cursor, at its offset, whoever got there first. */
    @Test
    void aDamagedEventIsStillReportedAtItsOffset() throws Exception {
        byte[] b = big();
        long damagedAt;
        try (BinlogFile f = BinlogFile.open(write(b))) {
            EventCursor c = f.cursor();
            long mid = b.length / 2;
            while (c.next() && c.position() < mid) {
                // walk to the middle
            }
            damagedAt = c.position();
            b[(int) (damagedAt + 19 + (c.length() - 23) / 2)] ^= 0x10; // a body byte: the CRC32 fails
        }
        Path damaged = write(b);
        BinlogFormatException plain = assertThrows(BinlogFormatException.class, () -> {
            try (BinlogFile f = BinlogFile.open(damaged)) {
                positions(f.cursor());
            }
        });
        assertEquals(damagedAt, plain.eventOffset());
        for (boolean waitForThread : new boolean[] {false, true}) {
            BinlogFormatException ahead = assertThrows(BinlogFormatException.class, () -> {
                try (BinlogFile f = BinlogFile.open(damaged)) {
                    EventCursor c = f.cursor().readAhead();
                    if (waitForThread) {
                        f.awaitReadAhead();
                    }
                    positions(c);
                }
            });
            assertEquals(plain.getMessage(), ahead.getMessage());
        }
        // A cursor that sought elsewhere verifies its own events.
        try (BinlogFile f = BinlogFile.open(damaged)) {
            f.cursor().readAhead();
            f.awaitReadAhead();
            EventCursor other = f.cursor();
            other.seek(BinlogFile.MAGIC_LENGTH);
            BinlogFormatException e = assertThrows(BinlogFormatException.class, () -> positions(other));
            assertEquals(damagedAt, e.eventOffset());
        }
    }

    @Test
    void closeStopsTheThreadBeforeUnmapping() throws Exception {
        Path path = write(big());
        for (int i = 0; i < 20; i++) {
            BinlogFile f = BinlogFile.open(path);
            f.cursor().readAhead();
            f.close(); // must neither throw nor leave the thread reading an unmapped segment
        }
    }

    @Test
    void smallFilesStartNoThread() throws Exception {
        try (BinlogFile f = BinlogFile.open(ROW)) {
            EventCursor c = f.cursor().readAhead();
            assertFalse(f.readAheadStarted());
            assertTrue(c.next());
        }
    }
}
