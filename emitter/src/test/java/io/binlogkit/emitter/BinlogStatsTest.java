package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BinlogStats} over the golden workload, whose row changes are known. */
class BinlogStatsTest {
    @Test
    void countsTheWorkloadsRowsTransactionsAndEvents() throws Exception {
        List<Path> files = GoldenBinlogs.generated();
        Assumptions.assumeFalse(files.isEmpty(), "no generated binlogs (needs mariadbd)");
        BinlogStats s = new BinlogStats(3);
        long events = 0;
        for (Path p : files) {
            try (BinlogFile f = BinlogFile.open(p)) {
                s.add(f);
                var c = f.cursor();
                while (c.next()) {
                    events++;
                }
            }
        }
        assertThat(s.events()).isEqualTo(events);
        assertThat(s.eventsPerType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(events);
        // INSERT 300 rows, UPDATE 200 of them, DELETE 50: see golden-workload.sql.
        assertThat(s.tables()).contains(new BinlogStats.TableCounts("db1", "big", 300, 200, 50));
        // Seven inserts, six updated rows (one UPDATE of four rows, one of them with a GEOMETRY value,
        // which mariadb-binlog's own count stops at), two deletes.
        assertThat(s.tables()).contains(new BinlogStats.TableCounts("db1", "types", 7, 6, 2));
        assertThat(s.largestTransactions()).hasSize(3);
        assertThat(s.largestTransactions().getFirst().bytes())
                .isGreaterThanOrEqualTo(s.largestTransactions().get(1).bytes());
        assertThat(s.transactions()).isEqualTo(s.eventsPerType().get(EventType.MARIADB_GTID));
        assertThat(s.firstTimestamp()).isPositive().isLessThanOrEqualTo(s.lastTimestamp());
    }

    /**
     * MySQL 5.6 with GTIDs ({@code ../shared/fixtures}, skipped when absent): a DDL, a
     * BEGIN … COMMIT and a DROP, each a transaction from its GTID event.
     */
    @Test
    void mysqlTransactionsRunFromTheirGtid() throws Exception {
        Path p = GoldenBinlogs.repo().resolve("../shared/fixtures/rust_mysql_common/binlog_transaction_with_GTID.000001")
                .normalize();
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(p), p + " is absent; skipping");
        BinlogStats s = new BinlogStats(10);
        try (BinlogFile f = BinlogFile.open(p)) {
            s.add(f);
        }
        assertThat(s.transactions()).isEqualTo(3);
        assertThat(s.largestTransactions()).extracting(BinlogStats.Transaction::position, BinlogStats.Transaction::events)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(297L, 4), org.assertj.core.groups.Tuple.tuple(603L, 2),
                        org.assertj.core.groups.Tuple.tuple(151L, 2));
        assertThat(s.largestTransactions().getFirst().gtid()).isEqualTo("006c2cf2-b1ea-11e4-9057-8c705a3d3e78:2");
    }
}
