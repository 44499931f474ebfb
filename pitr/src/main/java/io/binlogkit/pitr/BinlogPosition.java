package io.binlogkit.pitr;

/**
 * A place in a server's binary logs: the file name (no directory) and the byte offset of an event.
 * Binlog names share a base and a zero-padded sequence number, so text order is log order.
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition> {
    public BinlogPosition {
        if (file == null || file.isEmpty() || file.contains("/")) {
            throw PitrException.usage("not a binlog file name: '" + file + "'");
        }
        if (pos < 4) {
            throw PitrException.usage("binlog position " + pos + " is before the first event (4)");
        }
    }

    /** Parses {@code FILE:POS}. */
    public static BinlogPosition parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw PitrException.usage("expected FILE:POS (e.g. mariadb-bin.000042:1234), not '" + text + "'");
        }
        try {
            return new BinlogPosition(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw PitrException.usage("expected FILE:POS with a numeric position, not '" + text + "'");
        }
    }

    @Override
    public int compareTo(BinlogPosition o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Long.compare(pos, o.pos);
    }

    @Override
    public String toString() {
        return file + ":" + pos;
    }
}
