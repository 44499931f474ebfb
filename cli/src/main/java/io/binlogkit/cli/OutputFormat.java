package io.binlogkit.cli;

/** How tabular commands print: aligned table for people, TSV like {@code mariadb -B}, or JSON lines. */
enum OutputFormat {
    TABLE, TSV, JSON
}
