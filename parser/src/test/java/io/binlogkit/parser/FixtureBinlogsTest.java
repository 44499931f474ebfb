package io.binlogkit.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads every public fixture binlog end to end (../shared/fixtures, MANIFEST.md): the event count
 * and the histogram of type codes are those of the fixture inventory, with the pre-GA "-a_drop"
 * files' codes mapped to today's; the damaged ones fail with a clear error at the right offset.
 */
class FixtureBinlogsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            binlog-invisible-columns.000001                    | 2x5 3x1 15x1 16x3 19x3 30x2 31x1 33x5 35x1
            binlog_56_gtid_reserved_word.000001                | 2x9 3x1 15x1 19x1 30x1 33x6 35x1
            binlog_savepoint.000001                            | 2x8 4x1 15x2 16x1
            binlog_transaction.000001                          | 2x17 4x1 15x1 16x1
            binlog_transaction_previous_GTID_no_tag.000001     | 4x1 15x1 35x1
            binlog_transaction_with_GTID.000001                | 2x5 3x1 15x1 33x3 35x1
            binlog_transaction_with_GTID_TAG.000001            | 2x1 4x1 15x1 16x1 19x1 30x1 35x1 42x1
            binlog_transaction_with_anonymous_GTID.000001      | 2x3 4x1 15x1 16x1 34x2 35x1
            bug11747887-bin.000003                             | 2x5 3x1 14x1 15x1 16x1
            bug16266.000001                                    | 2x4 3x1 15x1
            bug27213339-bin.000001                             | 2x46 3x1 15x1 34x46 35x1
            bug32407.001                                       | 2x3 4x1 15x1 19x1 30x1
            bug33029-slave-relay-bin.000001                    | 2x28 3x1 4x1 5x11 15x2
            bug40482-bin.000001                                | 4x1 15x1 26x1
            json.binlog.000001                                 | 2x8 15x1 16x6 19x6 30x4 31x1 34x8 35x1 39x1
            mariadb-bin.000001                                 | 15x1 16x2 19x2 23x2 160x2 161x1 162x2 163x1
            master-bin.000001                                  | 3x1 15x1 35x1
            minimal_row_metadata.000001                        | 2x1 4x1 15x1 16x1 19x1 30x1 34x1 35x1
            mysql_type_bit.000001                              | 2x3 15x1 16x1 19x1 30x1 33x3 35x1
            rpl_atomic_ddl_rollback_full.000001                | 2x4 3x1 15x1 33x4 35x1
            rpl_atomic_ddl_rollback_table.000001               | 2x2 3x1 15x1 33x2 35x1
            rpl_atomic_ddl_rollback_view.000001                | 2x2 3x1 15x1 33x2 35x1
            rpl_cross_version_default_utf8mb4_collation.000001 | 2x7 3x1 5x2 15x1 16x2 34x5 35x1
            slave-relay-bin.000001                             | 2x2 15x1 34x2 35x1
            time_issue.000001                                  | 2x1 4x1 15x1 16x1 19x1 30x1 34x1 35x1
            transaction_compression.000001                     | 4x1 15x1 34x1 35x1 40x1
            update-full-row.binlog                             | 2x2 4x1 15x1 19x2 23x2 24x1 25x1
            update-partial-row.binlog                          | 2x2 4x1 15x1 19x2 23x2 24x1 25x1
            ver_5_1-wl2325_r.001                               | 2x3 3x1 15x1 19x3 20x1 21x1 22x1
            ver_5_1-wl2325_s.001                               | 2x6 3x1 5x1 9x1 13x1 14x1 15x1 16x1 17x1 18x1
            ver_5_1_23.001                                     | 2x9 3x1 5x1 9x1 13x1 14x1 15x1 16x1 17x1 18x1 19x3 23x1 24x1 25x1
            ver_trunk_row_v2.001                               | 2x24 4x1 5x1 9x1 13x1 14x1 15x1 16x2 17x1 18x1 19x3 30x1 31x1 32x1
            write-full-row.binlog                              | 2x2 4x1 15x1 19x2 23x2 25x1
            write-partial-row.binlog                           | 2x2 4x1 15x1 19x2 23x3 25x1
            """)
    void readsEveryEvent(String name, String histogram) throws Exception {
        Path file = Fixtures.rustMysqlCommon().resolve(name);
        try (BinlogFile f = BinlogFile.open(file)) {
            EventWalker w = new EventWalker();
            EventCursor c = f.cursor();
            w.walk(c);
            assertThat(w.histogramText()).isEqualTo(histogram);
            assertThat(c.endedAtPartialEvent()).isFalse();
            assertThat(c.nextEventOffset()).isEqualTo(f.size());
        }
    }

    @Test
    void truncatedHeaderIsReportedWithOffset() {
        Path file = Fixtures.rustMysqlCommon().resolve("binlog_truncated_event.000001");
        assertThatThrownBy(() -> BinlogFile.open(file))
                .isInstanceOf(TruncatedBinlogException.class)
                .hasMessageContaining("binlog_truncated_event.000001 at offset 4")
                .hasMessageContaining("10 bytes left");
    }

    @Test
    void truncatedEventOfInUseFileEndsAtLastCompleteEvent() throws Exception {
        Path file = Fixtures.rustMysqlCommon().resolve("binlog_truncated_prev_gtid_event.000001");
        try (BinlogFile f = BinlogFile.open(file)) {
            assertThat(f.inUse()).isTrue();
            EventWalker w = new EventWalker();
            EventCursor c = f.cursor();
            w.walk(c);
            assertThat(w.histogramText()).isEqualTo("15x1");
            assertThat(c.endedAtPartialEvent()).isTrue();
            assertThat(c.partialEventOffset()).isEqualTo(120);
        }
    }

    @Test
    void corruptRelayLogFailsAtTheDamagedEvent() throws Exception {
        Path file = Fixtures.rustMysqlCommon().resolve("corrupt-relay-bin.000624");
        try (BinlogFile f = BinlogFile.open(file)) {
            EventWalker w = new EventWalker();
            EventCursor c = f.cursor();
            assertThatThrownBy(() -> w.walk(c))
                    .isInstanceOfSatisfying(BinlogFormatException.class,
                            e -> assertThat(e.eventOffset()).isEqualTo(91204))
                    .hasMessageContaining("corrupt-relay-bin.000624 at offset 91204")
                    .hasMessageContaining("Query status variables");
            // Two format descriptions: the relay log's own and the master's.
            assertThat(w.histogram.get(EventType.FORMAT_DESCRIPTION.code())).isEqualTo(2);
        }
    }

    @Test
    void transactionPayloadHoldsFramedInnerEvents() throws Exception {
        Path file = Fixtures.rustMysqlCommon().resolve("transaction_compression.000001");
        try (BinlogFile f = BinlogFile.open(file); var arena = java.lang.foreign.Arena.ofConfined()) {
            EventCursor c = f.cursor();
            while (c.next() && c.type() != EventType.TRANSACTION_PAYLOAD) {
                // skip to the payload
            }
            TransactionPayloadEventView p = c.transactionPayload();
            assertThat(p.compression()).isEqualTo(TransactionPayloadEventView.COMPRESSION_ZSTD);
            EventWalker inner = new EventWalker();
            inner.walk(p.events(arena));
            // a transaction: BEGIN query, table map, rows, Xid
            assertThat(inner.histogram).containsKeys(EventType.QUERY.code(), EventType.TABLE_MAP.code(),
                    EventType.XID.code());
        }
    }
}
