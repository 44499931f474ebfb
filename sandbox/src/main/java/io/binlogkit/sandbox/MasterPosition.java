package io.binlogkit.sandbox;

/**
 * A position in a master's binary log as replication uses it: the file name (no directory) and the
 * byte offset of the next event to apply.
 */
public record MasterPosition(String file, long position) implements Comparable<MasterPosition> {
    public MasterPosition {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("binlog file name is empty");
        }
        if (position < 4) {
            throw new IllegalArgumentException("binlog position " + position + " is before the first event (4)");
        }
    }

    /** Binlog names share a base and a zero-padded sequence number, so text order is log order. */
    @Override
    public int compareTo(MasterPosition o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Long.compare(position, o.position);
    }

    @Override
    public String toString() {
        return file + ":" + position;
    }
}
