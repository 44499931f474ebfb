package io.binlogkit.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * Wrapping the views of a walk allocates nothing: after warm-up, a pass that wraps every Table_map,
 * rows, Query and GTID event (their checks run: column metadata, optional metadata with column
 * names, status variables) allocates no more than a pass that only frames the events. Catches
 * checks that build their error message before they know they fail.
 */
class ViewAllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"row.000001", "compressed.000001", "gtid-domains.000001", "statement.000001", "row-minimal.000001"})
    void wrappingViewsAllocatesNothing(String name) throws IOException {
        try (BinlogFile f = BinlogFile.open(Fixtures.testdata().resolve(name))) {
            EventCursor c = f.cursor();
            Allocations.assertNoMoreThan("a pass that wraps the views", () -> pass(c, true), "framing", () -> pass(c, false), 2000);
        }
    }

    private static long pass(EventCursor c, boolean wrap) {
        c.seek(BinlogFile.MAGIC_LENGTH);
        long n = 0;
        while (c.next()) {
            n += c.position();
            if (!wrap) {
                continue;
            }
            EventType t = c.type();
            if (t == EventType.TABLE_MAP) {
                TableMapEventView m = c.tableMap();
                n += m.columnCount() + (m.hasSignedness() ? 1 : 0) + (m.hasOptionalMetadata(TableMapEventView.OPT_COLUMN_NAME) ? 1 : 0);
            } else if (t.isRows()) {
                n += c.rows().tableId();
            } else if (t == EventType.QUERY) {
                n += c.query().threadId();
            } else if (t == EventType.MARIADB_GTID) {
                n += c.mariaGtid().sequence();
            }
        }
        return n;
    }
}
