package io.binlogkit.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results: every benchmark operation walks the whole input file and adds the file's
 * size and event count here, so that JMH prints {@code <benchmark>:bytes} in bytes/s and
 * {@code <benchmark>:events} in events/s next to the primary ops/s (Throughput mode).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FileCounters {
    /** Bytes of input walked. */
    public long bytes;
    /** Events of input walked (the raw scan counts the file's events too: what a reader at that speed would do). */
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        events = 0;
    }

    public void add(long fileBytes, long fileEvents) {
        bytes += fileBytes;
        events += fileEvents;
    }
}
