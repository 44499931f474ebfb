package io.binlogkit.parser;

/**
 * Which size each column's values have for a walk that only measures row images
 * ({@link RowCursor#countRows}, {@link RowCursor#measure}): the true layout, or the layout as one
 * of {@code mariadb-binlog}'s row walks sees it, quirks included. A variant of {@link ColumnPlan}'s
 * sizes, worked out from the table map's types and metadata on first use and kept with it.
 *
 * <p>The {@code mariadb-binlog} variants are those of MariaDB 10.11's {@code sql/log_event_client.cc}.
 * They read the type and metadata as {@code table_def} holds them and size values with
 * {@code calc_field_event_length}, which knows fewer types than the server: a value it cannot size
 * makes its walk give up on the row. Beyond that they differ from {@link #SERVER} only on metadata
 * no server writes (FLOAT and DOUBLE are always 4 and 8 bytes, BIT takes {@code (bits + 7) / 8}
 * bytes of its two metadata fields, DECIMAL and the fractional temporals are not range-checked).
 */
public enum SizePlan {
    /**
     * The row images as the server wrote them: every type the row decoder reads, sized as
     * {@link RowImage} sizes it ({@code calc_field_size}); metadata it rejects ends the walk. The
     * true row count ({@code binlog stats}).
     */
    SERVER,
    /**
     * {@code Rows_log_event::count_row_events}, the {@code # Number of rows: N} of
     * {@code mariadb-binlog} without {@code -v}: fixed-size types, DECIMAL, BIT, ENUM, SET, the BLOB
     * type (252) by its 1..4-byte length prefix, VARCHAR / VAR_STRING / CHAR by a 1- or 2-byte
     * prefix. A non-NULL GEOMETRY, JSON, compressed BLOB or VARCHAR, TINY/MEDIUM/LONG_BLOB (249-251)
     * or any other type makes the count stop after the row it is in.
     */
    MARIADB_COUNT,
    /**
     * How {@code mariadb-binlog --flashback} measures the rows it reverses
     * ({@code change_to_flashback_event} through {@code print_verbose_one_row}, whose value printer
     * also knows GEOMETRY and the compressed columns): {@link #MARIADB_COUNT} with GEOMETRY, JSON
     * and compressed BLOB sized as BLOB, compressed VARCHAR as VARCHAR.
     */
    MARIADB_FLASHBACK;

    static final int COUNT = values().length;
}
