package io.binlogkit.benchmarks.parser;

import io.binlogkit.benchmarks.FileCounters;
import io.binlogkit.benchmarks.MappedFileBenchmark;
import io.binlogkit.parser.EventCursor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frames every event of the big binlog, with and without CRC32 verification, next to the physical
 * baseline {@link MappedFileBenchmark#rawScan} (every byte of the same file, same run). Secondary
 * results {@code :bytes} and {@code :events} are per second.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class FramingBenchmark extends MappedFileBenchmark {

    /** Frames every event (length and bounds check), no checksum verification. */
    @Benchmark
    public long framing(FileCounters counters, Blackhole bh) {
        return walk(file.cursor().verifyChecksums(false), counters, bh);
    }

    /** Frames every event and verifies its CRC32 (the default of every command). */
    @Benchmark
    public long framingCrc32(FileCounters counters, Blackhole bh) {
        return walk(file.cursor().verifyChecksums(true), counters, bh);
    }

    private long walk(EventCursor c, FileCounters counters, Blackhole bh) {
        long events = 0;
        while (c.next()) {
            events++;
            bh.consume(c.typeCode());
        }
        counters.add(fileBytes, events);
        return events;
    }
}
