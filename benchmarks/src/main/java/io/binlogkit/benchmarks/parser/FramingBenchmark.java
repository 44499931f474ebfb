package io.binlogkit.benchmarks.parser;

import io.binlogkit.benchmarks.BenchmarkFiles;
import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Frames every event of the big binlog, with and without CRC32 verification, next to the physical
 * baseline: a sequential scan that reads every 8 bytes of the same mapping. Throughput in bytes per
 * second is {@code file size / time per operation}; the run prints the file size so that the report
 * can convert (see benchmarks/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class FramingBenchmark {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BinlogFile file;
    private Arena arena;
    private MemorySegment raw;

    @Setup(Level.Trial)
    public void open() throws IOException {
        file = BinlogFile.open(BenchmarkFiles.bigBinlog());
        arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            raw = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
        System.out.printf("%n# input %s: %d bytes%n", file.path(), file.size());
    }

    @TearDown(Level.Trial)
    public void close() {
        file.close();
        arena.close();
    }

    /** Physical baseline: read every long of the mapping once. */
    @Benchmark
    public long rawScan() {
        long sum = 0;
        long n = raw.byteSize() & ~7L;
        for (long i = 0; i < n; i += 8) {
            sum += raw.get(LONG, i);
        }
        return sum;
    }

    /** Frames every event (length and bounds check), no checksum verification. */
    @Benchmark
    public long framing(Blackhole bh) {
        EventCursor c = file.cursor().verifyChecksums(false);
        long events = 0;
        while (c.next()) {
            events++;
            bh.consume(c.typeCode());
        }
        return events;
    }

    /** Frames every event and verifies its CRC32. */
    @Benchmark
    public long framingCrc32(Blackhole bh) {
        EventCursor c = file.cursor().verifyChecksums(true);
        long events = 0;
        while (c.next()) {
            events++;
            bh.consume(c.typeCode());
        }
        return events;
    }
}
