package io.binlogkit.parser;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Row decoding over the public fixtures (../shared/fixtures/rust_mysql_common). Expected values
 * come from the assertions of rust_mysql_common's own {@code binlog_event_roundtrip} test
 * (src/binlog/mod.rs) where it has them, otherwise from the bytes, decoded by hand as the comments
 * show.
 */
class RowsFixtureTest {

    @Test
    void rowsOfAPreGaTableMapWithoutMetadataFailClearly() {
        // resolved outside the lambda: without the fixtures the test is skipped, not failed
        java.nio.file.Path file = Fixtures.file("ver_5_1-wl2325_r.001");
        assertThatThrownBy(() -> Fixtures.rows(file))
                .isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("ver_5_1-wl2325_r.001 at offset 466")
                .hasMessageContaining("pre-GA 5.1 server");
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfEveryFixtureDecodes() throws Exception {
        return Fixtures.all().stream()
                .filter(p -> !p.getFileName().toString().startsWith("binlog_truncated"))
                // damaged at 91204 (FixtureBinlogsTest), and rows without column metadata (below)
                .filter(p -> !p.getFileName().toString().equals("corrupt-relay-bin.000624"))
                .filter(p -> !p.getFileName().toString().equals("ver_5_1-wl2325_r.001"))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                        () -> assertThatCode(() -> Fixtures.rows(p)).doesNotThrowAnyException()));
    }

    @Test
    void mysqlTypeBit() throws Exception {
        // rust_mysql_common: after image = [Bytes([0b100]), Bytes("foo"), Bytes([0b100000])]
        List<Fixtures.Row> rows = Fixtures.rows(Fixtures.file("mysql_type_bit.000001"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.after()).containsExactly("b100", "foo", "b100000"));
    }

    @Test
    void mariadbFullRowMetadata() throws Exception {
        // rust_mysql_common: names id, topic, event_type, event, created; PRI_KEY on id; collations
        // unknown, utf8mb4_general_ci (45), utf8mb4_general_ci, binary (63), unknown
        try (BinlogFile f = BinlogFile.open(Fixtures.file("mariadb-bin.000001"))) {
            EventCursor c = f.cursor();
            TableMapEventView tm = null;
            while (c.next()) {
                if (c.type() == EventType.TABLE_MAP) {
                    tm = c.tableMap();
                    break;
                }
            }
            assertThat(tm).isNotNull();
            assertThat(tm.database()).isEqualTo("toddy_test");
            assertThat(tm.table()).isEqualTo("outbox");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < tm.columnCount(); i++) {
                names.add(tm.columnName(i));
            }
            assertThat(names).containsExactly("id", "topic", "event_type", "event", "created");
            assertThat(tm.primaryKey()).containsExactly(0);
            assertThat(tm.charset(1)).isEqualTo(45);
            assertThat(tm.charset(2)).isEqualTo(45);
            assertThat(tm.charset(3)).isEqualTo(63);
            assertThat(tm.charset(0)).isEqualTo(-1);
            assertThat(tm.charset(4)).isEqualTo(-1);
            assertThat(tm.columnType(2)).isEqualTo(ColumnType.ENUM);
            assertThat(tm.enumValues(2)).isNotEmpty();
        }
    }

    @Test
    void minimalRowMetadata() throws Exception {
        // Table_map optional metadata: 01 01 20 = SIGNEDNESS, numeric columns 0, 3, 4 -> third bit
        // (0x20) set: column 4 UNSIGNED; 03 04 3f fc ff 00 = COLUMN_CHARSET 63 (BLOB), 255 (CHAR).
        // Write_rows: present bitmap 0x15 (columns 0, 2, 4), NULL bitmap 00, 01000000, 01 'a',
        // d3 f9 88 c0 = 3230202323 as an unsigned INT.
        try (BinlogFile f = BinlogFile.open(Fixtures.file("minimal_row_metadata.000001"))) {
            EventCursor c = f.cursor();
            TableMapRegistry tables = new TableMapRegistry();
            RowCursor rc = new RowCursor();
            int rows = 0;
            while (c.next()) {
                if (c.type() == EventType.TABLE_MAP) {
                    TableMapEventView tm = tables.put(c.tableMap());
                    assertThat(tm.hasSignedness()).isTrue();
                    assertThat(tm.isUnsigned(4)).isTrue();
                    assertThat(tm.isUnsigned(0)).isFalse();
                    assertThat(tm.charset(1)).isEqualTo(63);
                    assertThat(tm.charset(2)).isEqualTo(255);
                    assertThat(tm.columnName(0)).isNull();
                } else if (c.type().isRows()) {
                    RowsEventView ev = c.rows();
                    rc.wrap(ev, tables.require(ev));
                    while (rc.next()) {
                        RowImage r = rc.after();
                        assertThat(r.isPresent(1)).isFalse();
                        assertThat(r.isPresent(3)).isFalse();
                        assertThat(r.getLong(0)).isEqualTo(1);
                        assertThat(r.getString(2)).isEqualTo("a");
                        assertThat(r.getLong(4)).isEqualTo(3230202323L);
                        rows++;
                    }
                }
            }
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void jsonAndPartialJsonUpdates() throws Exception {
        List<Fixtures.Row> rows = Fixtures.rows(Fixtures.file("json.binlog.000001"));
        assertThat(rows).hasSize(18);
        assertThat(rows.get(0).after()).containsExactly("1", "{\"age\": 24, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}", "Joe", "24");
        Fixtures.Row partial = rows.get(13);
        assertThat(partial.type()).isEqualTo(EventType.PARTIAL_UPDATE_ROWS);
        // MINIMAL before image (primary key only), after image: the diff and the generated columns
        assertThat(partial.before()).containsExactly("2", "-", "-", "-");
        assertThat(partial.after()).containsExactly("-", "diff[JSON_REPLACE($.age, 34)]", "Sue", "34");
    }

    @Test
    void rowsInsideZstdTransactionPayload() throws Exception {
        List<Fixtures.Row> rows = Fixtures.rows(Fixtures.file("transaction_compression.000001"));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.table()).isEqualTo("test.tb1");
            assertThat(r.after()).containsExactly("1");
        });
    }

    @Test
    void negativeTime2() throws Exception {
        // TIME(0) 60 43 e5: 0x6043e5 - 0x800000 = -2079771 -> |v| = 2079771: hour (v >> 12) % 1024 = 507,
        // minute (v >> 6) % 64 = 48, second v % 64 = 27 (my_time_packed_from_binary, TIME_from_longlong_time_packed)
        List<Fixtures.Row> rows = Fixtures.rows(Fixtures.file("time_issue.000001"));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.after()).containsExactly("-507:48:27"));
    }

    @Test
    void updateImagesOfV1Events() throws Exception {
        List<Fixtures.Row> rows = Fixtures.rows(Fixtures.file("update-partial-row.binlog"));
        Fixtures.Row update = rows.get(5);
        assertThat(update.type()).isEqualTo(EventType.UPDATE_ROWS_V1);
        assertThat(update.before()).containsExactly("4", "-", "4");
        assertThat(update.after()).containsExactly("4", "-", "40");
        assertThat(rows.get(6).before()).containsExactly("2", "-", "-");
    }

    @Test
    void invisibleColumnsAndVisibilityMetadata() throws Exception {
        List<Fixtures.Row> rows = Fixtures.rows(Fixtures.file("binlog-invisible-columns.000001"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).type()).isEqualTo(EventType.UPDATE_ROWS);
        assertThat(rows.get(2).after().subList(0, 4)).containsExactly("111", "222", "-333", "444");
    }

    @Test
    void taggedGtidAndTaggedPreviousGtids() throws Exception {
        // Previous_gtids: header 01 02 00 00 00 00 00 01 (tagged, 2 entries); entry 1: uuid, tag
        // varlen 00, 1 interval [1, 14); entry 2: same uuid, tag 0a = length 5 "mytag", [1, 3).
        // Gtid_tagged: ... 04 0c (gno, zig-zag 6 -> 3), 06 0a "mytag", 12 43 0f 0b (server version 90600).
        try (BinlogFile f = BinlogFile.open(Fixtures.file("binlog_transaction_with_GTID_TAG.000001"))) {
            EventCursor c = f.cursor();
            String set = null;
            GtidEventView g = null;
            String gtid = null;
            List<Fixtures.Row> rows = new ArrayList<>();
            try (Arena arena = Arena.ofConfined()) {
                TableMapRegistry tables = new TableMapRegistry();
                RowCursor rc = new RowCursor();
                while (c.next()) {
                    switch (c.type()) {
                        case PREVIOUS_GTIDS -> set = c.previousGtids().gtidSet();
                        case GTID_TAGGED -> {
                            g = c.gtid();
                            gtid = g.gtid();
                            assertThat(g.isTagged()).isTrue();
                            assertThat(g.tag()).isEqualTo("mytag");
                            assertThat(g.gno()).isEqualTo(3);
                            assertThat(g.lastCommitted()).isZero();
                            assertThat(g.sequenceNumber()).isEqualTo(1);
                            assertThat(g.immediateServerVersion()).isEqualTo(90600);
                            assertThat(g.originalServerVersion()).isEqualTo(90600);
                            assertThat(g.transactionLength()).isEqualTo(296);
                            assertThat(g.originalCommitTimestamp()).isEqualTo(g.immediateCommitTimestamp()).isPositive();
                        }
                        case TABLE_MAP -> tables.put(c.tableMap());
                        case WRITE_ROWS -> {
                            RowsEventView ev = c.rows();
                            rc.wrap(ev, tables.require(ev));
                            while (rc.next()) {
                                rows.add(new Fixtures.Row(ev.type(), "", null, Fixtures.render(rc.after())));
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            assertThat(set).isEqualTo("55778904-0299-11f1-b1b8-4ef0c4956feb:1-13:mytag:1-2");
            assertThat(gtid).isEqualTo("55778904-0299-11f1-b1b8-4ef0c4956feb:mytag:3");
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.after()).containsExactly("3", "100", "250.00"));
        }
    }
}
