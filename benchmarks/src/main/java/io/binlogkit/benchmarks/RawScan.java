package io.binlogkit.benchmarks;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The physical baseline every benchmark is compared with: read every byte of a mapping once, as
 * fast as plain Java can. Four independent accumulators over 32-byte strides break the dependency
 * chain of a single running sum, so the loop is bound by memory bandwidth rather than by the
 * latency of one add per 8 bytes (measured in benchmarks/README.md).
 */
public final class RawScan {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RawScan() {
    }

    /** Sum of every little-endian long of {@code seg} (the tail of fewer than 8 bytes is read as bytes). */
    public static long sum(MemorySegment seg) {
        long n = seg.byteSize();
        long blocks = n & ~31L;
        long a = 0;
        long b = 0;
        long c = 0;
        long d = 0;
        for (long i = 0; i < blocks; i += 32) {
            a += seg.get(LONG, i);
            b += seg.get(LONG, i + 8);
            c += seg.get(LONG, i + 16);
            d += seg.get(LONG, i + 24);
        }
        long sum = a + b + c + d;
        for (long i = blocks; i < n; i++) {
            sum += seg.get(ValueLayout.JAVA_BYTE, i);
        }
        return sum;
    }
}
