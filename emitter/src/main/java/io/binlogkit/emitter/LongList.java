package io.binlogkit.emitter;

import java.util.Arrays;

/** A growable list of primitive longs (event offsets of a statement being printed). */
final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
        if (values.length > 1024) {
            values = new long[16];
        }
    }
}
