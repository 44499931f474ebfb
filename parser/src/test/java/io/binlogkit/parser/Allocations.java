package io.binlogkit.parser;

import org.junit.jupiter.api.Assumptions;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Allocation checks of the zero-allocation walks, with the JVM's per-thread allocation counter. */
final class Allocations {
    private Allocations() {
    }

    /**
     * After {@code warmUp} runs of both passes (so the JIT has compiled them and lazily made views
     * exist), one {@code measured} pass allocates no more bytes than one {@code baseline} pass.
     * Each pass returns a value derived from what it read, so that the JIT cannot drop the work.
     * Skipped where the JVM does not count allocated bytes per thread.
     */
    static void assertNoMoreThan(String measuredWhat, LongSupplier measured, String baselineWhat, LongSupplier baseline,
                                 int warmUp) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long sink = 0;
        for (int i = 0; i < warmUp; i++) {
            sink += measured.getAsLong() + baseline.getAsLong();
        }
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        sink += baseline.getAsLong();
        long base = threads.getThreadAllocatedBytes(id) - before;
        before = threads.getThreadAllocatedBytes(id);
        sink += measured.getAsLong();
        long bytes = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sink).isPositive();
        assertThat(bytes).as("bytes allocated by %s (%s alone: %d)", measuredWhat, baselineWhat, base)
                .isLessThanOrEqualTo(base);
    }
}
