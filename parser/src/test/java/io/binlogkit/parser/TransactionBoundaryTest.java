package io.binlogkit.parser;

import io.binlogkit.parser.TransactionBoundary.Server;
import io.binlogkit.parser.TransactionBoundary.Statement;
import io.binlogkit.parser.TransactionBoundary.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransactionBoundary}: the servers' string tests on statements (bytes in, classification
 * out), the group walk over hand-built event sequences, and the groups of every committed MariaDB
 * binlog in {@code testdata/binlogs} and of the public MySQL/MariaDB fixtures in
 * {@code ../shared/fixtures} (skipped when absent).
 */
class TransactionBoundaryTest {

    private static MemorySegment sql(String s) {
        return MemorySegment.ofArray(s.replace("\\0", "\0").getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- statements ----------------------------------------------------------------------------

    /** {@code \0} stands for a NUL byte inside the statement; the servers' C string tests stop there. */
    @ParameterizedTest(name = "''{0}'': MariaDB {1}, MySQL {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            BEGIN                        | BEGIN       | BEGIN
            BEGIN\\0junk                 | BEGIN       | BEGIN
            BEG                          | OTHER       | BEGIN
            begin                        | OTHER       | OTHER
            BEGIN WORK                   | OTHER       | OTHER
            BEGIN NOT ATOMIC SELECT 1; END | OTHER     | OTHER
            COMMIT                       | COMMIT      | COMMIT
            COMM                         | OTHER       | COMMIT
            COMMIT AND CHAIN             | OTHER       | OTHER
            commit                       | OTHER       | OTHER
            ROLLBACK                     | ROLLBACK    | ROLLBACK
            rollback                     | OTHER       | ROLLBACK
            ROLLBACK WORK                | OTHER       | ROLLBACK
            ROLLBACK TO `sp`             | OTHER       | OTHER
            Rollback To sp               | OTHER       | OTHER
            ROLLBACK TO                  | OTHER       | ROLLBACK
            SAVEPOINT `sp`               | OTHER       | OTHER
            XA START X'31',X'',1         | XA_START    | XA_START
            xa start X'31',X'',1         | OTHER       | OTHER
            XA END X'31',X'',1           | OTHER       | OTHER
            XA PREPARE X'31',X'',1       | OTHER       | OTHER
            XA COMMIT X'31',X'',1        | XA_COMMIT   | XA_COMMIT
            XA ROLLBACK X'31',X'',1      | XA_ROLLBACK | XA_ROLLBACK
            xa rollback X'31',X'',1      | OTHER       | OTHER
            INSERT INTO t VALUES (1)     | OTHER       | OTHER
            "   BEGIN"                   | OTHER       | OTHER
            """)
    void statementsAreClassifiedWithEachServersStringTests(String text, Statement mariadb, Statement mysql) {
        assertThat(TransactionBoundary.statement(sql(text), Server.MARIADB)).isEqualTo(mariadb);
        assertThat(TransactionBoundary.statement(sql(text), Server.MYSQL)).isEqualTo(mysql);
    }

    @Test
    void anEmptyStatementIsAPrefixOfCommitToMysqlAndNothingToMariadb() {
        assertThat(TransactionBoundary.statement(sql(""), Server.MYSQL)).isEqualTo(Statement.COMMIT);
        assertThat(TransactionBoundary.statement(sql(""), Server.MARIADB)).isEqualTo(Statement.OTHER);
    }

    @Test
    void markersAreTheStatementsThatOnlyDelimit() {
        assertThat(EnumSet.allOf(Statement.class).stream().filter(Statement::isMarker).toList())
                .containsExactly(Statement.BEGIN, Statement.XA_START, Statement.COMMIT, Statement.ROLLBACK);
    }

    /** Columns: MariaDB outside an XA group, MariaDB inside one (its GTID prepared or completed an XA transaction), MySQL. */
    @ParameterizedTest(name = "''{0}'': {1} {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            BEGIN                    | true  | false | true
            BEG                      | true  | false | true
            BEGIN\\0junk             | true  | false | true
            BEGIN WORK               | false | false | false
            COMMIT                   | true  | false | true
            C                        | true  | false | true
            SAVEPOINT `a`            | true  | false | true
            SavePoint mixed_cases    | true  | false | true
            SAVEPOIN                 | false | false | false
            ROLLBACK TO `a`          | true  | false | true
            rollback                 | true  | false | true
            XA START X'31',X'',1     | false | true  | true
            xa end X'31',X'',1       | false | true  | true
            XA PREPARE X'31',X'',1   | false | true  | true
            XA COMMIT X'31',X'',1    | false | true  | true
            XA ROLLBACK X'31',X'',1  | false | true  | true
            XA RECOVER               | false | true  | false
            INSERT INTO t VALUES (1) | false | false | false
            """)
    void transKeywordsAreTheStatementsPrintedWhateverTheDatabaseFilter(String text, boolean mariadb,
                                                                      boolean mariadbXa, boolean mysql) {
        int prepared = MariaGtidEventView.FL_PREPARED_XA | MariaGtidEventView.FL_TRANSACTIONAL;
        int completed = MariaGtidEventView.FL_COMPLETED_XA | MariaGtidEventView.FL_STANDALONE;
        assertThat(TransactionBoundary.isTransKeyword(sql(text), Server.MARIADB, 0)).isEqualTo(mariadb);
        assertThat(TransactionBoundary.isTransKeyword(sql(text), Server.MARIADB, MariaGtidEventView.FL_TRANSACTIONAL))
                .isEqualTo(mariadb);
        assertThat(TransactionBoundary.isTransKeyword(sql(text), Server.MARIADB, prepared)).isEqualTo(mariadbXa);
        assertThat(TransactionBoundary.isTransKeyword(sql(text), Server.MARIADB, completed)).isEqualTo(mariadbXa);
        assertThat(TransactionBoundary.isTransKeyword(sql(text), Server.MYSQL, 0)).isEqualTo(mysql);
        assertThat(TransactionBoundary.isTransKeyword(sql(text), Server.MYSQL, prepared)).isEqualTo(mysql);
    }

    @Test
    void anEmptyStatementIsATransKeywordAsStrncmpOfLengthZeroSays() {
        assertThat(TransactionBoundary.isTransKeyword(sql(""), Server.MARIADB, 0)).isTrue();
        assertThat(TransactionBoundary.isTransKeyword(sql(""), Server.MYSQL, 0)).isTrue();
    }

    // ---- the walk over hand-built events -------------------------------------------------------

    private static byte[] query(String text) {
        return new TestBinlog.Bytes().u32(1).u32(0).u8(0).u16(0).u16(0).u8(0).str(text).bytes();
    }

    private static byte[] mariaGtid(long seq, int flags) {
        return new TestBinlog.Bytes().u64(seq).u32(0).u8(flags).bytes();
    }

    private static byte[] xid(long xid) {
        return new TestBinlog.Bytes().u64(xid).bytes();
    }

    private static List<String> steps(TestBinlog b) {
        List<String> out = new ArrayList<>();
        TransactionBoundary t = new TransactionBoundary();
        EventCursor c = b.open().cursor();
        while (c.next()) {
            Step s = t.next(c);
            out.add(s + (t.abandoned() ? "+abandoned" : "") + (s.starts() ? "@" + t.start() : ""));
        }
        return out;
    }

    @Test
    void groupsOpenAtGtidOrBeginAndEndAtXidCommitOrTheirOneStatement() {
        int std = MariaGtidEventView.FL_STANDALONE;
        TestBinlog b = new TestBinlog()
                .event(EventType.MARIADB_GTID.code(), mariaGtid(1, MariaGtidEventView.FL_TRANSACTIONAL)) // START
                .event(EventType.QUERY.code(), query("INSERT INTO t VALUES (1)"))                     // INSIDE
                .event(EventType.QUERY.code(), query("ROLLBACK TO sp"))                              // INSIDE
                .event(EventType.XID.code(), xid(9))                                                 // END
                .event(EventType.MARIADB_GTID.code(), mariaGtid(2, std))                             // START
                .event(EventType.INTVAR.code(), new TestBinlog.Bytes().u8(2).u64(5).bytes())         // INSIDE
                .event(EventType.QUERY.code(), query("CREATE TABLE t2 (a INT)"))                     // END
                .event(EventType.QUERY.code(), query("DROP TABLE t3"))                               // SINGLE
                .event(EventType.QUERY.code(), query("BEGIN"))                                       // START
                .event(EventType.QUERY.code(), query("UPDATE t SET a = 2"))                          // INSIDE
                .event(EventType.QUERY.code(), query("COMMIT"))                                      // END
                .event(EventType.XID.code(), xid(10))                                                // SINGLE
                .event(EventType.MARIADB_GTID.code(), mariaGtid(3, 0))                               // START
                .event(EventType.MARIADB_GTID.code(), mariaGtid(4, std))                             // START+abandoned
                .event(EventType.STOP.code(), new byte[0]);                                          // INSIDE
        assertThat(steps(b)).containsExactly("OUTSIDE",
                "START@251", "INSIDE", "INSIDE", "END",
                "START@414", "INSIDE", "END",
                "SINGLE@530",
                "START@576", "INSIDE", "END",
                "SINGLE@704",
                "START@731", "START+abandoned@763", "INSIDE");
    }

    @Test
    void outsideAGroupMetaEventsAreOutsideAndAnIncidentEndsAnOpenOne() {
        TestBinlog b = new TestBinlog()
                .event(EventType.ROTATE.code(), new TestBinlog.Bytes().u64(4).str("next.000002").bytes())
                .event(EventType.QUERY.code(), query("BEGIN"))
                .event(EventType.INCIDENT.code(), new TestBinlog.Bytes().u16(1).u8(0).bytes())
                .event(EventType.INCIDENT.code(), new TestBinlog.Bytes().u16(1).u8(0).bytes());
        assertThat(steps(b)).containsExactly("OUTSIDE", "OUTSIDE", "START@289", "END", "OUTSIDE");
    }

    @Test
    void mysqlXaCommitIsAStatementInsideABeginGroupWhileMariadbEndsTheGroupWithIt() {
        // The test binlog is written by "5.5.0-test": MySQL's rules.
        TestBinlog b = new TestBinlog()
                .event(EventType.QUERY.code(), query("BEGIN"))
                .event(EventType.QUERY.code(), query("XA COMMIT X'31',X'',1"))
                .event(EventType.QUERY.code(), query("XA ROLLBACK X'31',X'',1"));
        assertThat(steps(b)).containsExactly("OUTSIDE", "START@251", "INSIDE", "END");
    }

    // ---- real binlogs --------------------------------------------------------------------------

    /** The groups of a file as {@code start-end} (end: the offset after the group's last event), "open" for the last one when unfinished. */
    static List<String> groups(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        TransactionBoundary t = new TransactionBoundary();
        try (BinlogFile f = BinlogFile.open(file)) {
            EventCursor c = f.cursor();
            while (c.next()) {
                Step s = t.next(c);
                if (t.abandoned()) {
                    out.add("abandoned");
                }
                if (s.ends()) {
                    out.add(t.start() + "-" + c.nextEventOffset());
                }
            }
            if (t.inTransaction()) {
                out.add(t.start() + "-open");
            }
        }
        return out;
    }

    /**
     * Every committed MariaDB binlog: each GTID event opens a group and nothing else does; a group
     * ends at an Xid, a COMMIT/ROLLBACK, an XA_prepare or, for a standalone GTID, at its statement;
     * only Format_description, Gtid_list, Binlog_checkpoint, Rotate and Stop are outside groups.
     */
    @Test
    void everyMariadbTestdataGroupIsAGtidAndItsEvents() throws Exception {
        Set<EventType> outside = EnumSet.of(EventType.FORMAT_DESCRIPTION, EventType.GTID_LIST,
                EventType.BINLOG_CHECKPOINT, EventType.ROTATE, EventType.STOP, EventType.START_ENCRYPTION);
        int files = 0;
        long groups = 0;
        try (Stream<Path> s = Files.list(Fixtures.testdata())) {
            for (Path p : s.filter(x -> !x.toString().endsWith(".index")).sorted().toList()) {
                files++;
                try (BinlogFile f = BinlogFile.open(p)) {
                    TransactionBoundary t = new TransactionBoundary();
                    EventCursor c = f.cursor();
                    boolean standalone = false;
                    while (c.next()) {
                        EventType type = c.type();
                        Step step = t.next(c);
                        String at = p.getFileName() + "@" + c.position() + " " + type;
                        assertThat(t.abandoned()).as(at).isFalse();
                        if (type == EventType.MARIADB_GTID) {
                            assertThat(step).as(at).isEqualTo(Step.START);
                            standalone = c.mariaGtid().isStandalone();
                            groups++;
                        } else if (outside.contains(type)) {
                            assertThat(step).as(at).isEqualTo(Step.OUTSIDE);
                        } else if (step == Step.END) {
                            if (standalone) {
                                assertThat(type == EventType.QUERY || type == EventType.QUERY_COMPRESSED).as(at)
                                        .isTrue();
                            } else {
                                assertThat(type == EventType.XID || type == EventType.XA_PREPARE
                                        || t.statement() == Statement.COMMIT || t.statement() == Statement.ROLLBACK
                                        || t.statement() == Statement.XA_COMMIT
                                        || t.statement() == Statement.XA_ROLLBACK).as(at).isTrue();
                            }
                        } else {
                            assertThat(step).as(at).isEqualTo(Step.INSIDE);
                        }
                    }
                    if (t.inTransaction()) {
                        assertThat(f.inUse()).as(p + " ends inside a group").isTrue();
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(5);
        assertThat(groups).isGreaterThan(50);
    }

    /**
     * The public fixtures' groups, checked by hand against each file's events: a 5.1 savepoint
     * transaction ({@code ROLLBACK TO} stays inside, the Xid ends it); 5.0 files without GTIDs
     * (BEGIN … Xid, BEGIN … ROLLBACK, BEGIN … COMMIT, each DDL alone); 5.6/5.7 GTID and anonymous
     * GTID groups (a DDL alone, BEGIN … COMMIT); a 9.6 tagged GTID; 8.0 DDL; an 8.0.32
     * Transaction_payload (the GTID and its payload); an Incident alone (no group); 5.1 row events
     * (BEGIN … COMMIT; a MyISAM Table_map + rows event without BEGIN ends with its STMT_END_F rows
     * event); User_var/Rand/Intvar with their statement; LOAD DATA (Begin_load_query, Append_block,
     * Execute_load_query); a 5.0 relay log with two Format_description events; MariaDB 10.5.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            binlog_savepoint.000001                        | 252-1014
            binlog_transaction.000001                      | 98-198 198-299 299-580 580-680 680-781 781-1107 1107-1204 1204-1302 1302-1626
            binlog_transaction_with_GTID.000001            | 151-297 297-603 603-766
            binlog_transaction_with_anonymous_GTID.000001  | 153-316 316-590
            binlog_transaction_with_GTID_TAG.000001        | 245-541
            rpl_atomic_ddl_rollback_view.000001            | 154-405 405-560
            transaction_compression.000001                 | 197-431
            bug40482-bin.000001                            | ''
            update-full-row.binlog                         | 106-570
            ver_5_1_23.001                                 | 106-220 220-334 334-425 425-516 516-626 626-708 708-1044 1044-1183 1183-1331 1331-1480 1480-150383
            ver_5_1-wl2325_s.001                           | 102-438 438-577 577-725 725-874 874-149777
            bug33029-slave-relay-bin.000001                | 236-326 326-415 415-529 529-643 643-1010 1010-1285 1285-1468 1468-1646 1646-1773 1773-1900 1900-2027 2027-2154 2154-2281 2281-2408 2408-2535 2535-2662 2662-2789 2789-2916 2916-3014 3014-3112 3112-3210 3210-3308 3308-3387 3387-3514 3514-3616 3616-3718 3718-3816 3816-3914
            mariadb-bin.000001                             | 330-702 702-1074
            """)
    void fixtureGroups(String name, String expected) throws IOException {
        assertThat(String.join(" ", groups(Fixtures.file(name)))).isEqualTo(expected);
    }

    /**
     * The walk allocates nothing: after warm-up, a pass over a binlog that feeds every event to
     * the classifier allocates no more than a pass that only frames the events (the same cursor,
     * whose views exist after the first pass).
     */
    @Test
    void classifyingAllocatesNothing() throws IOException {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve("statement.000001"))) {
            TransactionBoundary t = new TransactionBoundary();
            EventCursor c = f.cursor();
            Allocations.assertNoMoreThan("a pass with the classifier", () -> pass(c, t), "framing", () -> pass(c, null), 3000);
        }
    }

    private static long pass(EventCursor c, TransactionBoundary t) {
        c.seek(BinlogFile.MAGIC_LENGTH);
        long n = 0;
        while (c.next()) {
            n += t == null ? c.position() : t.next(c).ordinal() + t.start();
        }
        return n;
    }
}
