package io.binlogkit.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes in, bytes out: what {@link EventRewriter} makes of an event, and its errors. */
class EventRewriterContractTest {
    private static final int WRITE_V1 = EventType.WRITE_ROWS_V1.code();
    private static final int UPDATE_V1 = EventType.UPDATE_ROWS_V1.code();
    private static final int DELETE_V1 = EventType.DELETE_ROWS_V1.code();
    private static final int WRITE_COMPRESSED_V1 = EventType.WRITE_ROWS_COMPRESSED_V1.code();
    /** One row of the one-INT table: a NULL bitmap byte and 4 bytes. */
    private static final EventRewriter.RowImageSizer FIVE_BYTES = (event, offset, end) -> 5;

    private static byte[] bytes(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static long crcOf(byte[] b, int n) {
        CRC32 c = new CRC32();
        c.update(b, 0, n);
        return c.getValue();
    }

    /** The cursor of {@code f} on the {@code i}-th event the test added. */
    private static EventCursor at(BinlogFile f, CrcTestBinlog b, int i) {
        return f.eventAt(b.starts.get(i));
    }

    // ---- uncompressed ----------------------------------------------------------------------------

    @ParameterizedTest(name = "crc32={0}")
    @ValueSource(booleans = {true, false})
    void aCompressedRowsEventBecomesThePlainOneWithANewChecksum(boolean crc32) {
        byte[] rows = CrcTestBinlog.intRows(1, 2, 3);
        CrcTestBinlog b = new CrcTestBinlog(crc32)
                .event(WRITE_COMPRESSED_V1, CrcTestBinlog.rowsBody(RowsEventView.STMT_END_F, false,
                        CrcTestBinlog.compressed(rows)))
                .event(WRITE_V1, CrcTestBinlog.rowsBody(RowsEventView.STMT_END_F, false, rows));
        try (BinlogFile f = b.open()) {
            EventCursor compressed = at(f, b, 0);
            byte[] out = bytes(new EventRewriter().uncompressed(compressed));
            byte[] plain = bytes(at(f, b, 1).eventBytes());
            assertThat(out).hasSameSizeAs(plain);
            assertThat(out[4] & 0xFF).isEqualTo(WRITE_V1);
            assertThat(u32(out, 9)).isEqualTo(out.length);
            // header fields other than type and length are the compressed event's (log_pos too)
            assertThat(Arrays.copyOfRange(out, 13, 17)).isEqualTo(Arrays.copyOfRange(bytes(compressed.eventBytes()), 13, 17));
            int bodyEnd = out.length - (crc32 ? 4 : 0);
            assertThat(Arrays.copyOfRange(out, 19, bodyEnd)).isEqualTo(Arrays.copyOfRange(plain, 19, bodyEnd));
            if (crc32) {
                assertThat(u32(out, bodyEnd)).isEqualTo(crcOf(out, bodyEnd));
            }
            // and it frames as the plain event
            EventCursor c = EventCursor.of(Path.of("out"), MemorySegment.ofArray(out), f.formatDescription()).moveTo(0);
            assertThat(c.rows().isCompressed()).isFalse();
            assertThat(bytes(c.rows().rowImages())).isEqualTo(rows);
        }
    }

    @Test
    void aCompressedStatementBecomesAQueryEvent() {
        byte[] sql = "INSERT INTO t VALUES (1), (2), (3), (4), (5), (6), (7), (8)".getBytes(StandardCharsets.UTF_8);
        TestBinlog.Bytes head = new TestBinlog.Bytes().u32(9).u32(0).u8(2).u16(0).u16(0).raw("db".getBytes()).u8(0);
        CrcTestBinlog b = new CrcTestBinlog(true)
                .event(EventType.QUERY_COMPRESSED.code(), new TestBinlog.Bytes().raw(head.bytes())
                        .raw(CrcTestBinlog.compressed(sql)).bytes());
        try (BinlogFile f = b.open()) {
            byte[] out = bytes(new EventRewriter().uncompressed(at(f, b, 0)));
            EventCursor c = EventCursor.of(Path.of("out"), MemorySegment.ofArray(out), f.formatDescription()).moveTo(0);
            assertThat(c.type()).isEqualTo(EventType.QUERY);
            assertThat(c.query().database()).isEqualTo("db");
            assertThat(c.query().sql()).isEqualTo(new String(sql, StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEventThatIsNotCompressedIsReturnedAsStored() {
        CrcTestBinlog b = new CrcTestBinlog(true).event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db", "t"));
        try (BinlogFile f = b.open()) {
            EventCursor c = at(f, b, 0);
            EventRewriter rw = new EventRewriter();
            assertThat(bytes(rw.uncompressed(c))).isEqualTo(bytes(c.eventBytes()));
            assertThat(rw.checksum()).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"compressed.000001"})
    void everyCompressedEventOfARealFileUncompressesToAValidEvent(String name) throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve(name))) {
            EventRewriter rw = new EventRewriter();
            EventCursor c = f.cursor();
            int compressed = 0;
            while (c.next()) {
                boolean rows = c.type().isRows() && c.rows().isCompressed();
                if (!rows && c.type() != EventType.QUERY_COMPRESSED) {
                    continue;
                }
                compressed++;
                byte[] out = bytes(rw.uncompressed(c));
                // framed with checksum verification: the new CRC32 is right
                EventCursor u = EventCursor.of(f.path(), MemorySegment.ofArray(out), f.formatDescription()).moveTo(0);
                assertThat(u.timestamp()).isEqualTo(c.timestamp());
                assertThat(u.logPosition()).isEqualTo(c.logPosition());
                assertThat(rw.checksum()).isEqualTo(u.storedChecksum());
                if (rows) {
                    assertThat(u.type().isRows()).isTrue();
                    assertThat(u.rows().isCompressed()).isFalse();
                    assertThat(u.rows().isWrite()).isEqualTo(c.rows().isWrite());
                    assertThat(u.rows().isUpdate()).isEqualTo(c.rows().isUpdate());
                    assertThat(u.rows().tableId()).isEqualTo(c.rows().tableId());
                    assertThat(bytes(u.rows().rowImages())).isEqualTo(bytes(c.rows().rowImages()));
                    assertThat(rw.rowsOffset()).isEqualTo((int) (u.rows().rowsOffset()));
                    assertThat(rw.rowsEnd()).isEqualTo((int) (u.rows().rowsEnd()));
                } else {
                    assertThat(u.type()).isEqualTo(EventType.QUERY);
                    assertThat(u.query().sql()).isEqualTo(c.query().sql());
                }
            }
            assertThat(compressed).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void eachCompressedEventIsInflatedOnceWhenAskedForAgain() throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve("compressed.000001"))) {
            List<Long> positions = new ArrayList<>();
            EventCursor c = f.cursor();
            while (c.next()) {
                if (c.type().isRows() && c.rows().isCompressed()) {
                    positions.add(c.position());
                }
            }
            EventRewriter kept = new EventRewriter();
            EventRewriter none = new EventRewriter(0);
            EventCursor at = f.cursor();
            List<byte[]> first = new ArrayList<>();
            // a consumer that measures a statement's events, then prints them
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < positions.size(); i++) {
                    byte[] a = bytes(kept.uncompressed(at.moveTo(positions.get(i))));
                    byte[] z = bytes(none.uncompressed(at));
                    assertThat(a).isEqualTo(z);
                    if (pass == 0) {
                        first.add(a);
                    } else {
                        assertThat(a).isEqualTo(first.get(i));
                    }
                }
            }
            // and in reverse order (flashback prints a statement's events last first)
            for (int i = positions.size() - 1; i >= 0; i--) {
                assertThat(bytes(kept.uncompressed(at.moveTo(positions.get(i))))).isEqualTo(first.get(i));
            }
            assertThat(kept.inflations).isEqualTo(positions.size());
            assertThat(none.inflations).isEqualTo(2L * positions.size());
            // another file's events are not confused with these
            kept.forget();
            kept.uncompressed(at.moveTo(positions.getFirst()));
            assertThat(kept.inflations).isEqualTo(positions.size() + 1L);
        }
    }

    @Test
    void imagesKeptPastTheBudgetAreInflatedAgainAndStillRight() throws Exception {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve("compressed.000001"))) {
            List<Long> positions = new ArrayList<>();
            EventCursor c = f.cursor();
            while (c.next()) {
                if (c.type().isRows() && c.rows().isCompressed()) {
                    positions.add(c.position());
                }
            }
            EventRewriter small = new EventRewriter(64);
            EventRewriter large = new EventRewriter();
            EventCursor at = f.cursor();
            for (int pass = 0; pass < 3; pass++) {
                for (long p : positions) {
                    assertThat(bytes(small.uncompressed(at.moveTo(p)))).isEqualTo(bytes(large.uncompressed(at)));
                }
            }
            assertThat(large.inflations).isEqualTo(positions.size());
            assertThat(small.inflations).isGreaterThan(positions.size());
        }
    }

    @Test
    void aDamagedCompressedBlockIsATypedErrorAtItsEvent() {
        byte[] rows = CrcTestBinlog.intRows(1, 2, 3, 4, 5, 6, 7, 8);
        byte[] block = CrcTestBinlog.compressed(rows);
        byte[] badHeader = block.clone();
        badHeader[0] = 0x05;
        byte[] shortClaim = block.clone();
        shortClaim[2] = (byte) (rows.length + 10); // declares more than the stream holds
        byte[] corrupt = block.clone();
        corrupt[5] ^= 0x7F;
        String[][] cases = {
                {"compressed rows header"}, {"compressed rows: expected " + (rows.length + 10) + " bytes after inflating"},
                {"compressed rows"}};
        byte[][] blocks = {badHeader, shortClaim, corrupt};
        for (int k = 0; k < blocks.length; k++) {
            CrcTestBinlog b = new CrcTestBinlog(true)
                    .event(WRITE_COMPRESSED_V1, CrcTestBinlog.rowsBody(1, false, blocks[k]));
            try (BinlogFile f = b.open()) {
                long victim = b.starts.getFirst();
                EventCursor c = at(f, b, 0);
                assertThatThrownBy(() -> new EventRewriter().uncompressed(c)).isInstanceOf(BinlogFormatException.class)
                        .hasMessageContaining("test.bin at offset " + victim + ": Write_rows_compressed_v1 " + cases[k][0])
                        .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset()).isEqualTo(victim));
            }
        }
    }

    // ---- rows flags and flashback ------------------------------------------------------------------

    @Test
    void rowsFlagsOfAPlainEventChangeInPlaceAndTheStoredChecksumStays() {
        CrcTestBinlog b = new CrcTestBinlog(true)
                .event(WRITE_V1, CrcTestBinlog.rowsBody(RowsEventView.STMT_END_F, false, CrcTestBinlog.intRows(1)));
        try (BinlogFile f = b.open()) {
            EventCursor c = at(f, b, 0);
            byte[] before = bytes(c.eventBytes());
            byte[] out = bytes(new EventRewriter().withRowsFlags(c, 0x0102));
            assertThat(out).hasSameSizeAs(before);
            assertThat(out[19 + 6]).isEqualTo((byte) 0x02);
            assertThat(out[19 + 7]).isEqualTo((byte) 0x01);
            out[19 + 6] = before[19 + 6];
            out[19 + 7] = before[19 + 7];
            assertThat(out).isEqualTo(before); // CRC32 included: Rows_log_event::update_flags keeps it
        }
    }

    @Test
    void rowsFlagsOfACompressedEventComeUncompressedWithAChecksumOverTheNewBytes() {
        CrcTestBinlog b = new CrcTestBinlog(true).event(WRITE_COMPRESSED_V1,
                CrcTestBinlog.rowsBody(0, false, CrcTestBinlog.compressed(CrcTestBinlog.intRows(1, 2))));
        try (BinlogFile f = b.open()) {
            byte[] out = bytes(new EventRewriter().withRowsFlags(at(f, b, 0), RowsEventView.STMT_END_F));
            EventCursor c = EventCursor.of(Path.of("out"), MemorySegment.ofArray(out), f.formatDescription()).moveTo(0);
            assertThat(c.typeCode()).isEqualTo(WRITE_V1);
            assertThat(c.rows().isStatementEnd()).isTrue();
        }
    }

    @Test
    void flashbackTurnsAWriteIntoADeleteOfTheRowsLastFirst() {
        CrcTestBinlog b = new CrcTestBinlog(true)
                .event(WRITE_V1, CrcTestBinlog.rowsBody(RowsEventView.STMT_END_F, false, CrcTestBinlog.intRows(1, 2, 3)));
        try (BinlogFile f = b.open()) {
            EventCursor c = at(f, b, 0);
            byte[] stored = bytes(c.eventBytes());
            EventRewriter rw = new EventRewriter();
            byte[] out = bytes(rw.flashback(c, RowsEventView.STMT_END_F, FIVE_BYTES));
            assertThat(out[4] & 0xFF).isEqualTo(DELETE_V1);
            assertThat(Arrays.copyOfRange(out, rw.rowsOffset(), rw.rowsEnd())).isEqualTo(CrcTestBinlog.intRows(3, 2, 1));
            // the stored CRC32 is not updated for the reversal, as in the server
            assertThat(Arrays.copyOfRange(out, out.length - 4, out.length))
                    .isEqualTo(Arrays.copyOfRange(stored, stored.length - 4, stored.length));
            // and back: a delete becomes a write of the rows in the original order
            CrcTestBinlog d = new CrcTestBinlog(false).event(DELETE_V1,
                    Arrays.copyOfRange(out, 19, out.length - 4));
            try (BinlogFile g = d.open()) {
                byte[] back = bytes(rw.flashback(at(g, d, 0), RowsEventView.STMT_END_F, FIVE_BYTES));
                assertThat(back[4] & 0xFF).isEqualTo(WRITE_V1);
                assertThat(Arrays.copyOfRange(back, rw.rowsOffset(), rw.rowsEnd()))
                        .isEqualTo(CrcTestBinlog.intRows(1, 2, 3));
            }
        }
    }

    @Test
    void flashbackSwapsTheImagesOfAnUpdate() {
        // two rows: (1 -> 10), (2 -> 20)
        byte[] rows = CrcTestBinlog.intRows(1, 10, 2, 20);
        CrcTestBinlog b = new CrcTestBinlog(false).event(UPDATE_V1, CrcTestBinlog.rowsBody(1, true, rows));
        try (BinlogFile f = b.open()) {
            EventRewriter rw = new EventRewriter();
            byte[] out = bytes(rw.flashback(at(f, b, 0), 1, FIVE_BYTES));
            assertThat(out[4] & 0xFF).isEqualTo(UPDATE_V1);
            assertThat(Arrays.copyOfRange(out, rw.rowsOffset(), rw.rowsEnd()))
                    .isEqualTo(CrcTestBinlog.intRows(20, 2, 10, 1));
        }
    }

    @Test
    void flashbackOfACompressedEventReversesItsUncompressedForm() {
        CrcTestBinlog b = new CrcTestBinlog(true).event(WRITE_COMPRESSED_V1,
                CrcTestBinlog.rowsBody(0, false, CrcTestBinlog.compressed(CrcTestBinlog.intRows(5, 6))));
        try (BinlogFile f = b.open()) {
            EventRewriter rw = new EventRewriter();
            byte[] out = bytes(rw.flashback(at(f, b, 0), RowsEventView.STMT_END_F, FIVE_BYTES));
            assertThat(out[4] & 0xFF).isEqualTo(DELETE_V1);
            assertThat(Arrays.copyOfRange(out, rw.rowsOffset(), rw.rowsEnd())).isEqualTo(CrcTestBinlog.intRows(6, 5));
            // the CRC32 is that of the uncompressed, flag-updated event before the reversal
            byte[] base = bytes(rw.withRowsFlags(at(f, b, 0), RowsEventView.STMT_END_F));
            assertThat(Arrays.copyOfRange(out, out.length - 4, out.length))
                    .isEqualTo(Arrays.copyOfRange(base, base.length - 4, base.length));
        }
    }

    @Test
    void flashbackWithoutATableChangesOnlyTheType() {
        CrcTestBinlog b = new CrcTestBinlog(false)
                .event(WRITE_V1, CrcTestBinlog.rowsBody(1, false, CrcTestBinlog.intRows(1, 2)));
        try (BinlogFile f = b.open()) {
            EventCursor c = at(f, b, 0);
            byte[] stored = bytes(c.eventBytes());
            byte[] out = bytes(new EventRewriter().flashback(c, 1, null));
            assertThat(out[4] & 0xFF).isEqualTo(DELETE_V1);
            out[4] = stored[4];
            assertThat(out).isEqualTo(stored);
        }
    }

    @Test
    void aRowThatCannotBeMeasuredIsATypedErrorAtItsEvent() {
        CrcTestBinlog b = new CrcTestBinlog(true)
                .event(WRITE_V1, CrcTestBinlog.rowsBody(1, false, CrcTestBinlog.intRows(1, 2)));
        try (BinlogFile f = b.open()) {
            long victim = b.starts.getFirst();
            EventRewriter rw = new EventRewriter();
            for (EventRewriter.RowImageSizer bad : List.<EventRewriter.RowImageSizer>of(
                    (e, p, end) -> 0, (e, p, end) -> 7, (e, p, end) -> -1)) {
                assertThatThrownBy(() -> rw.flashback(at(f, b, 0), 1, bad)).isInstanceOf(BinlogFormatException.class)
                        .hasMessageContaining("test.bin at offset " + victim + ": Write_rows_v1 row image to reverse")
                        .satisfies(e -> assertThat(((BinlogFormatException) e).eventOffset()).isEqualTo(victim));
            }
        }
    }

    // ---- database, checksum ------------------------------------------------------------------------

    @ParameterizedTest(name = "crc32={0}")
    @ValueSource(booleans = {true, false})
    void theDatabaseOfATableMapIsRenamedAndTheStoredChecksumKept(boolean crc32) {
        CrcTestBinlog b = new CrcTestBinlog(crc32).event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db1", "t"));
        try (BinlogFile f = b.open()) {
            EventCursor c = at(f, b, 0);
            byte[] stored = bytes(c.eventBytes());
            for (String to : new String[] {"renamed_db", "", "x"}) {
                byte[] out = bytes(new EventRewriter().withDatabase(c, to.getBytes(StandardCharsets.UTF_8)));
                assertThat(out.length).isEqualTo(stored.length + to.length() - 3);
                assertThat(u32(out, 9)).isEqualTo(out.length);
                if (crc32) {
                    assertThat(Arrays.copyOfRange(out, out.length - 4, out.length))
                            .isEqualTo(Arrays.copyOfRange(stored, stored.length - 4, stored.length));
                }
                TableMapEventView m = EventCursor.of(Path.of("out"), MemorySegment.ofArray(out), f.formatDescription())
                        .verifyChecksums(false).moveTo(0).tableMap();
                assertThat(m.database()).isEqualTo(to);
                assertThat(m.table()).isEqualTo("t");
                assertThat(m.tableId()).isEqualTo(42);
                assertThat(m.columnCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aChecksumAppendedMakesAValidEventOfAChecksummedFile() throws Exception {
        CrcTestBinlog b = new CrcTestBinlog(false).event(EventType.TABLE_MAP.code(), CrcTestBinlog.tableMap("db", "t"));
        FormatDescription withCrc;
        try (BinlogFile crc = new CrcTestBinlog(true).open()) {
            withCrc = crc.formatDescription();
        }
        try (BinlogFile f = b.open()) {
            EventCursor c = at(f, b, 0);
            EventRewriter rw = new EventRewriter(0);
            byte[] out = bytes(rw.withChecksumAppended(c));
            assertThat(out.length).isEqualTo(c.length() + 4);
            EventCursor v = EventCursor.of(Path.of("out"), MemorySegment.ofArray(out), withCrc).moveTo(0);
            assertThat(v.storedChecksum()).isEqualTo(rw.checksum()).isEqualTo(crcOf(out, out.length - 4));
            assertThat(v.tableMap().table()).isEqualTo("t");
        }
    }

    @Test
    void resultsShareOneBufferThatGrowsOnlyForALargerEvent() {
        CrcTestBinlog b = new CrcTestBinlog(true)
                .event(WRITE_V1, CrcTestBinlog.rowsBody(1, false, CrcTestBinlog.intRows(1, 2, 3, 4)))
                .event(WRITE_V1, CrcTestBinlog.rowsBody(1, false, CrcTestBinlog.intRows(1)));
        try (BinlogFile f = b.open()) {
            EventRewriter rw = new EventRewriter();
            MemorySegment big = rw.withRowsFlags(at(f, b, 0), 0);
            MemorySegment small = rw.withRowsFlags(at(f, b, 1), 0);
            assertThat(small.heapBase()).containsSame(big.heapBase().orElseThrow());
        }
    }
}
