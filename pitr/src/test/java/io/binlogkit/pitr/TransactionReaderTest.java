package io.binlogkit.pitr;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import io.binlogkit.parser.EventType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Transactions of the committed test binlogs: they tile the file, one per GTID, in order. */
class TransactionReaderTest {
    static Path binlog(String name) {
        return Path.of(System.getProperty("binlogkit.repo", "..")).resolve("testdata/binlogs").resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"row.000001", "statement.000001", "mixed.000001", "row-minimal.000001",
            "compressed.000001", "gtid-domains.000001", "gtid-domains.000002", "rotate.000001", "annotate-off.000001",
            "nochecksum.000001"})
    void oneTransactionPerGtidCoveringEveryNonMetaEvent(String name) throws Exception {
        List<long[]> gtidEvents = new ArrayList<>();
        try (BinlogFile f = BinlogFile.open(binlog(name))) {
            EventCursor c = f.cursor();
            while (c.next()) {
                if (c.type() == EventType.MARIADB_GTID) {
                    gtidEvents.add(new long[]{c.position(), c.mariaGtid().domainId(), c.mariaGtid().sequence()});
                }
            }
            TransactionReader r = new TransactionReader(f, 4, true);
            List<long[]> txns = new ArrayList<>();
            long previousEnd = 0;
            while (r.next()) {
                assertThat(r.start()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(r.end()).isGreaterThan(r.start());
                assertThat(r.gtid()).isNotNull();
                assertThat(r.commitTime()).isGreaterThanOrEqualTo(r.firstTime());
                txns.add(new long[]{r.start(), r.domain(), r.sequence()});
                previousEnd = r.end();
            }
            assertThat(r.openTransactionStart()).isEqualTo(-1);
            assertThat(txns).hasSameSizeAs(gtidEvents);
            for (int i = 0; i < txns.size(); i++) {
                assertThat(txns.get(i)).containsExactly(gtidEvents.get(i));
            }
            assertThat(r.lastCompleteEnd()).isEqualTo(f.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"row.000001"})
    void rowsAreCountedPerTable(String name) throws Exception {
        try (BinlogFile f = BinlogFile.open(binlog(name))) {
            TransactionReader r = new TransactionReader(f, 4, true);
            long total = 0;
            while (r.next()) {
                for (long[] n : r.rows().values()) {
                    total += n[0] + n[1] + n[2];
                }
            }
            assertThat(total).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inuse-truncated.000001"})
    void aFileCutInsideATransactionReportsWhereItStarted(String name) throws Exception {
        try (BinlogFile f = BinlogFile.open(binlog(name))) {
            TransactionReader r = new TransactionReader(f, 4, false);
            long lastEnd = -1;
            while (r.next()) {
                lastEnd = r.end();
            }
            if (r.openTransactionStart() >= 0) {
                assertThat(r.openTransactionStart()).isGreaterThanOrEqualTo(lastEnd);
            }
            assertThat(r.lastCompleteEnd()).isLessThanOrEqualTo(f.size());
        }
    }

    /** A public fixture from ../shared/fixtures (see its MANIFEST.md), skipping when absent. */
    static Path fixture(String name) {
        Path p = Path.of(System.getProperty("binlogkit.repo", "..")).resolve("../shared/fixtures/rust_mysql_common")
                .resolve(name).normalize();
        Assumptions.assumeTrue(Files.isRegularFile(p), "fixture " + p + " is absent; skipping");
        return p;
    }

    private static List<String> transactions(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (BinlogFile f = BinlogFile.open(file)) {
            TransactionReader r = new TransactionReader(f, 4, false);
            while (r.next()) {
                out.add(r.start() + "-" + r.end() + " " + r.events() + " " + r.gtid() + " " + r.statement());
            }
            out.add("open " + r.openTransactionStart() + ", complete to " + r.lastCompleteEnd());
        }
        return out;
    }

    /** MySQL 5.1: BEGIN, statements, SAVEPOINT, ROLLBACK TO (inside the transaction), more statements, Xid. */
    @Test
    void aRollbackToSavepointStaysInsideItsTransaction() throws Exception {
        assertThat(transactions(fixture("binlog_savepoint.000001"))).containsExactly(
                "252-1014 9 null INSERT INTO db1.t1 VALUES(20)", "open -1, complete to 1014");
    }

    /** MySQL 8.0.32: an anonymous GTID and the Transaction_payload holding the whole transaction. */
    @Test
    void aCompressedTransactionIsItsGtidAndItsPayload() throws Exception {
        assertThat(transactions(fixture("transaction_compression.000001"))).containsExactly(
                "197-431 2 null null", "open -1, complete to 475");
    }

    /** MySQL 5.1: an Incident (and a Rotate) belong to no transaction. */
    @Test
    void anIncidentIsInNoTransaction() throws Exception {
        assertThat(transactions(fixture("bug40482-bin.000001"))).containsExactly("open -1, complete to 172");
    }
}
