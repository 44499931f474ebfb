package io.binlogkit.emitter;

/**
 * {@code --base64-output}: whether events that cannot be printed as SQL (format description, table
 * maps, row events) are printed as {@code BINLOG '…'} statements. The names and meanings are those of
 * {@code mariadb-binlog}; its deprecated {@code always} is not offered (MariaDB 10.11 removed it).
 */
public enum Base64Output {
    /** Never print {@code BINLOG} statements; row events show only their header comments. */
    NEVER,
    /** The default: {@code BINLOG} statements for the format description and row events. */
    AUTO,
    /** No {@code BINLOG} statements; with {@code -v} row events are decoded into {@code ###} comments. */
    DECODE_ROWS;

    /** Parses the option value, case-insensitively ({@code never}, {@code auto}, {@code decode-rows}). */
    public static Base64Output parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "never" -> NEVER;
            case "auto" -> AUTO;
            case "decode-rows", "decode_rows" -> DECODE_ROWS;
            default -> throw new IllegalArgumentException(
                    "--base64-output must be one of never, auto, decode-rows, not '" + value + "'");
        };
    }
}
