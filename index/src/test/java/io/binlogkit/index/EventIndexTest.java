package io.binlogkit.index;

import io.binlogkit.index.EventSearcher.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Indexes the committed test binlogs and searches them; positions are those of SHOW BINLOG EVENTS
 * in {@code testdata/expected/*.events.tsv}.
 */
class EventIndexTest {
    static final Path BINLOGS = Path.of(System.getProperty("binlogkit.repo", "..")).resolve("testdata/binlogs");

    static long index(Path indexDir, Path... files) throws IOException {
        long docs = 0;
        try (EventIndexer ix = EventIndexer.open(indexDir)) {
            for (Path f : files) {
                docs += ix.index(f).documents();
            }
        }
        return docs;
    }

    static List<Hit> search(Path indexDir, String query) throws IOException {
        try (EventSearcher s = EventSearcher.open(indexDir)) {
            return s.search(query, 1000);
        }
    }

    @Test
    void statementIsFoundAtItsPositionWithTransactionContext(@TempDir Path dir) throws IOException {
        index(dir, BINLOGS.resolve("statement.000001"), BINLOGS.resolve("row.000001"));
        // statement.000001 942 Query ... use `bk_stmt`; INSERT INTO t_auto (v) VALUES ('first'), ('second')
        List<Hit> hits = search(dir, "\"insert into t_auto\" AND first");
        assertThat(hits).hasSize(1);
        Hit h = hits.getFirst();
        assertThat(h.file()).isEqualTo("statement.000001");
        assertThat(h.pos()).isEqualTo(942);
        assertThat(h.endPos()).isEqualTo(1063);
        assertThat(h.eventType()).isEqualTo("Query");
        assertThat(h.gtid()).isEqualTo("0-1-4");
        assertThat(h.xid()).isEqualTo(8);
        assertThat(h.database()).isEqualTo("bk_stmt");
        assertThat(h.table()).isEmpty();
        assertThat(h.operation()).isEqualTo("insert");
        assertThat(h.serverId()).isEqualTo(1);
        assertThat(h.text()).isEqualTo("INSERT INTO t_auto (v) VALUES ('first'), ('second')");
    }

    @Test
    void annotateRowsAndRowsEventsCarryTableAndOperation(@TempDir Path dir) throws IOException {
        index(dir, BINLOGS.resolve("statement.000001"), BINLOGS.resolve("row.000001"));
        // row.000001 27587 Annotate_rows DELETE FROM all_types WHERE id IN (1, 4); 28442 Delete_rows_v1
        List<Hit> text = search(dir, "delete from all_types");
        assertThat(text).extracting(Hit::file, Hit::pos, Hit::eventType, Hit::table, Hit::gtid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("row.000001", 27587L, "Annotate_rows",
                        "all_types", "0-1-8"));
        List<Hit> rows = search(dir, "table:all_types AND operation:delete");
        assertThat(rows).extracting(Hit::pos).containsExactly(27587L, 28442L);
        assertThat(rows.get(1).eventType()).isEqualTo("Delete_rows_v1");
        assertThat(rows.get(1).database()).isEqualTo("bk_row");
        assertThat(search(dir, "table:nopk AND operation:delete AND event_type:Delete_rows_v1"))
                .extracting(Hit::pos).containsExactly(46795L);
        assertThat(search(dir, "pos:1997")).extracting(Hit::file, Hit::eventType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("row.000001", "Annotate_rows"));
        assertThat(search(dir, "file:statement.000001 AND operation:delete")).extracting(Hit::pos).contains(3816L);
    }

    @Test
    void hitsComeInBinlogOrder(@TempDir Path dir) throws IOException {
        index(dir, BINLOGS.resolve("statement.000001"));
        List<Hit> hits = search(dir, "file:statement.000001");
        assertThat(hits).hasSizeGreaterThan(10);
        for (int i = 1; i < hits.size(); i++) {
            Hit a = hits.get(i - 1);
            Hit b = hits.get(i);
            assertThat(a.timestamp() < b.timestamp() || (a.timestamp() == b.timestamp() && a.pos() < b.pos()))
                    .as("%s before %s", a, b).isTrue();
        }
    }

    @Test
    void reindexingTheSameFilesAddsNothing(@TempDir Path dir) throws IOException {
        long first = index(dir, BINLOGS.resolve("statement.000001"), BINLOGS.resolve("row.000001"));
        assertThat(first).isPositive();
        try (EventIndexer ix = EventIndexer.open(dir)) {
            EventIndexer.FileResult r = ix.index(BINLOGS.resolve("row.000001"));
            assertThat(r.skipped()).isTrue();
            assertThat(r.documents()).isZero();
        }
        try (EventSearcher s = EventSearcher.open(dir)) {
            assertThat(s.events()).isEqualTo(first);
        }
    }

    @Test
    void aGrownFileAddsExactlyTheNewEvents(@TempDir Path tmp) throws IOException {
        Path full = BINLOGS.resolve("statement.000001");
        Path fresh = tmp.resolve("fresh");
        long all = index(fresh, full);

        Path copyDir = Files.createDirectories(tmp.resolve("growing"));
        Path copy = copyDir.resolve("statement.000001");
        copyPrefix(full, copy, 1094); // up to the end of the Xid at 1063 (COMMIT /* xid=8 */)
        Path grown = tmp.resolve("grown");
        long before = index(grown, copy);
        assertThat(search(grown, "file:statement.000001")).extracting(Hit::pos).containsExactly(370L, 527L, 685L, 942L);
        copyPrefix(full, copy, Files.size(full));
        long added = index(grown, copy);
        assertThat(before + added).isEqualTo(all);
        assertThat(search(grown, "*:*")).isEqualTo(search(fresh, "*:*"));
    }

    @Test
    void aTransactionCutInTheMiddleOfAnInUseFileIsAddedWhenComplete(@TempDir Path tmp) throws IOException {
        Path full = BINLOGS.resolve("inuse.000001");
        Path fresh = tmp.resolve("fresh");
        long all = index(fresh, full);
        Path copy = Files.createDirectories(tmp.resolve("growing")).resolve("inuse.000001");
        copyPrefix(full, copy, Files.size(full) / 2);
        Path grown = tmp.resolve("grown");
        long before = index(grown, copy);
        copyPrefix(full, copy, Files.size(full));
        long added = index(grown, copy);
        assertThat(before + added).isEqualTo(all);
        assertThat(search(grown, "*:*")).isEqualTo(search(fresh, "*:*"));
    }

    @Test
    void badQueriesAndMissingIndexesFailClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> EventSearcher.open(dir.resolve("none"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> EventSearcher.open(dir)).isInstanceOf(NoSuchFileException.class);
        index(dir, BINLOGS.resolve("statement.000001"));
        assertThatThrownBy(() -> search(dir, "text:(unclosed")).isInstanceOf(InvalidQueryException.class)
                .message().doesNotContain("\n");
        assertThatThrownBy(() -> search(dir, "pos:abc")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("pos");
    }

    @Test
    void operationIsGuessedFromTheFirstKeyword() {
        assertThat(Operation.ofStatement("  /* c */ insert into t values (1)")).isEqualTo("insert");
        assertThat(Operation.ofStatement("REPLACE INTO t VALUES (1)")).isEqualTo("insert");
        assertThat(Operation.ofStatement("-- x\nUPDATE t SET a = 1")).isEqualTo("update");
        assertThat(Operation.ofStatement("delete from t")).isEqualTo("delete");
        assertThat(Operation.ofStatement("DROP TABLE t")).isEqualTo("ddl");
        assertThat(Operation.ofStatement("SET @a = 1")).isEqualTo("query");
        assertThat(Operation.ofStatement("")).isEqualTo("query");
    }

    /**
     * A MySQL 5.1 transaction with a savepoint ({@code ../shared/fixtures}, skipped when absent):
     * {@code ROLLBACK TO} is a statement inside the transaction, indexed with its xid like the others.
     */
    @Test
    void aRollbackToSavepointIsAStatementOfItsTransaction(@TempDir Path dir) throws IOException {
        Path fixture = BINLOGS.resolve("../../../shared/fixtures/rust_mysql_common/binlog_savepoint.000001").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(fixture), fixture + " is absent; skipping");
        assertThat(index(dir, fixture)).isEqualTo(7);
        // the ROLLBACK TO itself, and the INSERT of "after rollback to" that follows it
        assertThat(search(dir, "\"rollback to\"")).extracting(Hit::pos, Hit::xid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(702L, 28L),
                        org.assertj.core.groups.Tuple.tuple(788L, 28L));
    }

    static void copyPrefix(Path from, Path to, long length) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            out.write(in.readNBytes((int) length));
        }
    }
}
