package io.binlogkit.emitter;

import io.binlogkit.parser.RowsEventView;
import io.binlogkit.parser.TableMapEventView;

/**
 * What {@link MysqlbinlogPrinter} and {@link JsonEventWriter} need from a row decoder: the plug-in
 * point for {@code -v}/{@code -vv} ({@code ###} pseudo-SQL) and JSON rows, the row count of
 * {@code # Number of rows: N}, and the table maps. The printer calls {@link #tableMap} for every
 * table map it prints (as {@code mariadb-binlog} fills its {@code m_table_map}), then
 * {@link #countRows} and {@link #printVerbose} for the row events of that table. The renderer keeps
 * the one table-id map of the dump and clears it in {@link #reset()}.
 *
 * <p>{@link #countingOnly()} is the implementation used without {@code -v}: it counts rows exactly as
 * {@code mariadb-binlog} does, quirks included, and cannot print values.
 */
public interface RowsRenderer {
    /** Forgets every table map (a new file starts). */
    void reset();

    /** A table map was printed; later row events with its table id use it. */
    void tableMap(TableMapEventView map);

    /** The table map given for {@code tableId} since the last {@link #reset()}, or null. */
    TableMapEventView table(long tableId);

    /**
     * The rows of {@code rows} as {@code Rows_log_event::count_row_events} in MariaDB's
     * {@code sql/log_event_client.cc} counts them; 0 when the table map is unknown.
     */
    long countRows(RowsEventView rows);

    /**
     * Appends what {@code Rows_log_event::print_verbose} prints for {@code rows}: {@code ### INSERT
     * INTO …} and the {@code ###   @N=value} lines, with {@code /* type meta=… *&#47;} comments when
     * {@code verbosity > 1}.
     *
     * @return the rows printed (with {@code -v} they make {@code # Number of rows: N}, not
     *         {@link #countRows})
     * @throws UnsupportedOperationException when this renderer cannot decode values
     */
    long printVerbose(RowsEventView rows, int verbosity, ByteSink out);

    /**
     * {@link #printVerbose} of the event as {@code --flashback} inverts it: writes print as deletes
     * and deletes as writes, an update's images swap, and the rows come last first.
     *
     * @throws UnsupportedOperationException when this renderer cannot decode values
     */
    default long printVerboseInverted(RowsEventView rows, int verbosity, ByteSink out) {
        throw new UnsupportedOperationException("decoding row values needs the parser's row decoder");
    }

    /** Whether {@link #printVerbose} is implemented. */
    default boolean canPrintVerbose() {
        return false;
    }

    /** Whether {@link #writeJson} is implemented. */
    default boolean canWriteJson() {
        return false;
    }

    /**
     * Writes the rows of {@code rows} as one JSON value (for {@code --format json}): an array of
     * {@code {"before": {...}, "after": {...}}} objects keyed by column name (or {@code @1}, {@code @2}
     * … when the table map carries no names), values typed.
     *
     * @throws UnsupportedOperationException when this renderer cannot decode values
     */
    default void writeJson(RowsEventView rows, com.fasterxml.jackson.core.JsonGenerator json) throws java.io.IOException {
        throw new UnsupportedOperationException("decoding row values for JSON needs the parser's row decoder");
    }

    /** A renderer that counts rows like {@code mariadb-binlog} and decodes no values. */
    static RowsRenderer countingOnly() {
        return new MariadbRowPrinter(java.util.Map.of(), false);
    }

    /**
     * The row decoder: prints {@code -v}/{@code -vv} as {@code mariadb-binlog} 10.11 does and writes
     * typed JSON rows. Its {@link #countRows} counts every row (as {@code print_verbose} does);
     * without {@code -v}, use {@link #countingOnly()} for the official tool's count.
     *
     * @param options the dump's options ({@code --rewrite-db} renames databases in {@code ###} lines)
     */
    static RowsRenderer decoding(DumpOptions options) {
        return new MariadbRowPrinter(options.rewriteDb(), true);
    }
}
