package io.binlogkit.parser;

/**
 * A place in a server's binary logs as servers and tools name it ({@code SHOW MASTER STATUS},
 * {@code CHANGE MASTER TO}, {@code xtrabackup_binlog_info}, {@code FILE:POS} on a command line): the file
 * name (no directory) and the byte offset of an event, the next one to apply or replay. Binlog names share
 * a base and a zero-padded sequence number, so text order is log order. The constructor and {@link #parse}
 * refuse what is none with an {@link IllegalArgumentException} whose message is one line for a person.
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition> {
    public BinlogPosition {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("binlog file name is empty");
        }
        if (file.contains("/")) {
            throw new IllegalArgumentException("not a binlog file name: '" + file + "'");
        }
        if (pos < BinlogFile.MAGIC_LENGTH) {
            throw new IllegalArgumentException("binlog position " + pos + " is before the first event ("
                    + BinlogFile.MAGIC_LENGTH + ")");
        }
    }

    /** Parses {@code FILE:POS}, the form {@link #toString()} writes. */
    public static BinlogPosition parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected FILE:POS (e.g. mariadb-bin.000042:1234), not '" + text
                    + "'");
        }
        long pos;
        try {
            pos = Long.parseLong(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected FILE:POS with a numeric position, not '" + text + "'");
        }
        return new BinlogPosition(text.substring(0, colon), pos);
    }

    @Override
    public int compareTo(BinlogPosition o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Long.compare(pos, o.pos);
    }

    /** {@code FILE:POS}. */
    @Override
    public String toString() {
        return file + ":" + pos;
    }
}
