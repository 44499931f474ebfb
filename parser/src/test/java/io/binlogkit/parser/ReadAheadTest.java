package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BinlogFile#startReadAhead}: same events with or without it, and a clean close while it runs. */
class ReadAheadTest {
    /** A binlog of just over 16 MiB: the Format_description and 260 events of 64 KiB. */
    private static TestBinlog big() {
        TestBinlog b = new TestBinlog();
        byte[] body = new byte[64 << 10];
        for (int i = 0; i < 260; i++) {
            body[0] = (byte) i;
            b.event(EventType.USER_VAR.code(), body);
        }
        return b;
    }

    private static List<Long> positions(BinlogFile f) {
        List<Long> out = new ArrayList<>();
        EventCursor c = f.cursor();
        while (c.next()) {
            out.add(c.position());
        }
        return out;
    }

    @Test
    void sameEventsWithReadAhead() {
        TestBinlog b = big();
        List<Long> plain;
        try (BinlogFile f = b.open()) {
            assertTrue(f.size() > 16 << 20, "the file must pass the read-ahead threshold");
            plain = positions(f);
        }
        try (BinlogFile f = b.open()) {
            f.startReadAhead(0);
            assertTrue(f.readAheadStarted());
            f.startReadAhead(0); // a second call does nothing
            assertEquals(plain, positions(f));
        }
        assertEquals(261, plain.size());
    }

    @Test
    void closeStopsTheThreadBeforeUnmapping() throws Exception {
        java.nio.file.Path path;
        try (BinlogFile first = big().open()) {
            path = first.path();
        }
        for (int i = 0; i < 20; i++) {
            BinlogFile f = BinlogFile.open(path);
            f.startReadAhead(4);
            f.close(); // must neither throw nor leave the thread reading an unmapped segment
            f.startReadAhead(0);
        }
    }

    @Test
    void smallAndInMemoryFilesStartNoThread() {
        TestBinlog small = new TestBinlog().event(EventType.USER_VAR.code(), new byte[100]);
        try (BinlogFile f = small.open()) {
            f.startReadAhead(0);
            assertFalse(f.readAheadStarted());
            assertEquals(2, positions(f).size());
        }
    }
}
