package io.binlogkit.pitr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binlog and relay log file names: {@code BASE.NNNNNN}, the sequence number zero-padded to at least six
 * digits (MariaDB's {@code find_uniq_filename} formats it with {@code %06lu}), so that within one base
 * text order is log order up to 999999.
 */
final class BinlogNames {
    private static final Pattern NAME = Pattern.compile("(.+)\\.(\\d{6,})");

    private BinlogNames() {
    }

    static boolean matches(String file) {
        return NAME.matcher(file).matches();
    }

    /** The base of {@code file}, or {@code null} when it is not a binlog name. */
    static String baseOrNull(String file) {
        Matcher m = NAME.matcher(file);
        return m.matches() ? m.group(1) : null;
    }

    /** The sequence number of {@code file}, or -1 when it is not a binlog name. */
    static long sequence(String file) {
        Matcher m = NAME.matcher(file);
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }

    /** {@code BASE.NNNNNN}. */
    static String name(String base, long sequence) {
        return base + "." + String.format("%06d", sequence);
    }
}
