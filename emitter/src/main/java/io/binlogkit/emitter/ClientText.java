package io.binlogkit.emitter;

/**
 * Text pieces that MariaDB's {@code mariadb-binlog} and MySQL's {@code mysqlbinlog} print the same
 * way, from their common ancestor in {@code log_event.cc}; both printers use these.
 */
final class ClientText {
    private ClientText() {
    }

    /** {@code pretty_print_str}: a single-quoted string with C-style escapes. */
    static void prettyQuoted(ByteSink out, byte[] s) {
        out.byte_('\'');
        for (byte b : s) {
            switch (b) {
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\t' -> out.ascii("\\t");
                case '\'' -> out.ascii("\\'");
                case 0 -> out.ascii("\\0");
                default -> out.byte_(b);
            }
        }
        out.byte_('\'');
    }

    /**
     * {@code print_set_option}: {@code name=0|1} when the option's bit changed, after a comma when
     * {@code comma[0]} says an earlier option was printed (and sets it).
     */
    static void setOption(ByteSink out, long changed, long option, long flags, String name, boolean[] comma) {
        if ((changed & option) != 0) {
            if (comma[0]) {
                out.ascii(", ");
            }
            out.ascii(name).byte_('=').dec((flags & option) != 0 ? 1 : 0);
            comma[0] = true;
        }
    }
}
