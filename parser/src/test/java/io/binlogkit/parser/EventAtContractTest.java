package io.binlogkit.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BinlogFile#eventAt} and {@link EventCursor#moveTo}: the event at a kept offset, framed by
 * the same code as a walk, with the walk's errors (typed, with the file and the offset).
 */
class EventAtContractTest {

    /** What a walk sees of each event. */
    private record Seen(long position, int type, int length, long timestamp, long serverId, long logPosition,
                        int flags, long bodyOffset, int bodyLength, long checksum, long next) {
        static Seen of(EventCursor c) {
            return new Seen(c.position(), c.typeCode(), c.length(), c.timestamp(), c.serverId(), c.logPosition(),
                    c.flags(), c.bodyOffset(), c.bodyLength(), c.storedChecksum(), c.nextEventOffset());
        }
    }

    private static List<Seen> walk(BinlogFile f) {
        List<Seen> seen = new ArrayList<>();
        EventCursor c = f.cursor();
        while (c.next()) {
            seen.add(Seen.of(c));
        }
        return seen;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"compressed.000001", "mixed.000001", "nochecksum.000001", "row.000001"})
    void everyEventOfAWalkIsFoundAgainByItsOffset(String name) throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve(name))) {
            List<Seen> seen = walk(f);
            assertThat(seen).hasSizeGreaterThan(5);
            EventCursor reused = f.cursor();
            // in reverse order: nothing depends on having walked the events before
            for (int i = seen.size() - 1; i >= 0; i--) {
                Seen s = seen.get(i);
                assertThat(Seen.of(f.eventAt(s.position()))).isEqualTo(s);
                assertThat(reused.moveTo(s.position())).isSameAs(reused);
                assertThat(Seen.of(reused)).isEqualTo(s);
            }
        }
    }

    @Test
    void theViewsOfTheEventAtAnOffsetAreThoseOfTheWalk() throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve("compressed.000001"))) {
            EventCursor walk = f.cursor();
            EventCursor at = f.cursor();
            int rows = 0;
            while (walk.next()) {
                at.moveTo(walk.position());
                if (walk.type().isRows()) {
                    rows++;
                    assertThat(at.rows().tableId()).isEqualTo(walk.rows().tableId());
                    assertThat(at.rows().rowImages().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                            .isEqualTo(walk.rows().rowImages().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                } else if (walk.type() == EventType.TABLE_MAP) {
                    assertThat(at.tableMap().table()).isEqualTo(walk.tableMap().table());
                } else if (walk.type() == EventType.QUERY || walk.type() == EventType.QUERY_COMPRESSED) {
                    assertThat(at.query().sql()).isEqualTo(walk.query().sql());
                }
            }
            assertThat(rows).isPositive();
        }
    }

    @Test
    void nextAfterMoveToFramesTheFollowingEvent() throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve("mixed.000001"))) {
            List<Seen> seen = walk(f);
            EventCursor c = f.cursor();
            c.moveTo(seen.get(3).position());
            assertThat(c.next()).isTrue();
            assertThat(Seen.of(c)).isEqualTo(seen.get(4));
            c.moveTo(seen.getLast().position());
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void aCursorOverEventsInMemoryFramesACopy() throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve("mixed.000001"))) {
            List<Seen> seen = walk(f);
            Seen s = seen.get(seen.size() / 2);
            byte[] copy = f.eventAt(s.position()).eventBytes().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            EventCursor c = EventCursor.of(Path.of("copy"), MemorySegment.ofArray(copy), f.formatDescription())
                    .moveTo(0);
            assertThat(c.typeCode()).isEqualTo(s.type());
            assertThat(c.length()).isEqualTo(s.length());
            assertThat(c.storedChecksum()).isEqualTo(s.checksum());
            assertThat(c.bodyLength()).isEqualTo(s.bodyLength());
        }
    }

    @Test
    void anOffsetOutsideTheFileIsATypedError() throws Exception {
        try (BinlogFile f = new CrcTestBinlog(true).event(EventType.TABLE_MAP.code(),
                CrcTestBinlog.tableMap("db", "t")).open()) {
            for (long bad : new long[] {0, 3, f.size() + 1}) {
                assertThatThrownBy(() -> f.eventAt(bad)).isInstanceOf(BinlogFormatException.class)
                        .hasMessageContaining("test.bin at offset " + bad + ": event position")
                        .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset()).isEqualTo(bad));
            }
            assertThatThrownBy(() -> f.eventAt(-1)).isInstanceOf(BinlogFormatException.class)
                    .hasMessageContaining("test.bin: event position").hasMessageEndingWith("found -1");
            EventCursor c = f.cursor();
            assertThatThrownBy(() -> c.moveTo(f.size() + 1)).isInstanceOf(BinlogFormatException.class)
                    .hasMessageContaining("event position");
            // at the very end there is no event: the file ends before its header
            assertThatThrownBy(() -> f.eventAt(f.size())).isInstanceOf(TruncatedBinlogException.class)
                    .hasMessageContaining("test.bin at offset " + f.size() + ": event header");
        }
    }

    @Test
    void aTruncatedEventIsATypedErrorEvenInAnInUseFile() {
        CrcTestBinlog b = new CrcTestBinlog(true).event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db", "t"))
                .event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db", "u"));
        byte[] bytes = b.bytes();
        long last = b.starts.getLast();
        for (boolean inUse : new boolean[] {false, true}) {
            byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
            if (inUse) {
                cut[4 + 17] |= EventFlags.BINLOG_IN_USE; // the FD's flags (its CRC is computed without the bit)
            }
            try (BinlogFile f = CrcTestBinlog.open(cut)) {
                assertThat(f.inUse()).isEqualTo(inUse);
                assertThat(f.eventAt(b.starts.getFirst()).tableMap().table()).isEqualTo("t");
                assertThatThrownBy(() -> f.eventAt(last)).isInstanceOf(TruncatedBinlogException.class)
                        .hasMessageContaining("at offset " + last + ": event length")
                        .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset()).isEqualTo(last));
            }
        }
    }

    @Test
    void aDamagedEventIsTheWalksErrorWithItsOffset() {
        CrcTestBinlog b = new CrcTestBinlog(true).event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db", "t"))
                .event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db", "u"));
        long victim = b.starts.getFirst();
        byte[] flipped = b.bytes();
        flipped[(int) victim + 25] ^= 0x10;
        try (BinlogFile f = CrcTestBinlog.open(flipped)) {
            assertThatThrownBy(() -> f.eventAt(victim)).isInstanceOf(BinlogFormatException.class)
                    .hasMessageContaining("at offset " + victim + ": CRC32 of Table_map event")
                    .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset()).isEqualTo(victim));
            // without verification the bytes frame (the damage is in the body), as next() would
            EventCursor lenient = f.cursor().verifyChecksums(false);
            assertThat(lenient.moveTo(victim).typeCode()).isEqualTo(EventType.TABLE_MAP.code());
            // the next event is intact
            assertThat(f.eventAt(b.starts.getLast()).tableMap().table()).isEqualTo("u");
        }
        byte[] badLength = b.bytes();
        CrcTestBinlog.putInt(badLength, (int) victim + 9, 7);
        try (BinlogFile f = CrcTestBinlog.open(badLength)) {
            assertThatThrownBy(() -> f.eventAt(victim)).isInstanceOf(BinlogFormatException.class)
                    .hasMessageContaining("at offset " + victim + ": event length: expected >= 19, found 7");
        }
    }

    @Test
    void everyPrefixOfARealFileFindsItsCompleteEventsAndReportsTheCutOne() throws Exception {
        Path p = Fixtures.testdata().resolve("compressed.000001");
        byte[] bytes = Files.readAllBytes(p);
        List<Seen> seen;
        try (BinlogFile f = BinlogFile.open(p)) {
            seen = walk(f);
        }
        for (Seen cutIn : seen.subList(1, seen.size())) {
            int len = (int) (cutIn.position() + cutIn.length() / 2);
            try (BinlogFile f = CrcTestBinlog.open(Arrays.copyOf(bytes, len))) {
                for (Seen s : seen) {
                    if (s.position() + s.length() <= len) {
                        assertThat(Seen.of(f.eventAt(s.position()))).isEqualTo(s);
                    } else if (s.position() < len) {
                        assertThatThrownBy(() -> f.eventAt(s.position())).isInstanceOf(TruncatedBinlogException.class)
                                .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset())
                                        .isEqualTo(s.position()));
                    }
                }
            }
        }
    }
}
