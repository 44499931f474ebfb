package io.binlogkit.benchmarks;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.EventCursor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Base of every benchmark over the big binlog: opens it once per trial, maps it a second time for
 * the physical baseline {@link #rawScan}, and counts its events, so that each benchmark class reports
 * the raw sequential scan of the same file in the same run (JMH runs inherited benchmarks too).
 * Subclasses annotate themselves with {@code @State(Scope.Benchmark)}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class MappedFileBenchmark {
    protected BinlogFile file;
    protected long fileBytes;
    protected long fileEvents;
    private Arena arena;
    private MemorySegment raw;

    @Setup(Level.Trial)
    public void openFile() throws IOException {
        file = BinlogFile.open(BenchmarkFiles.bigBinlog());
        arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            raw = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
        EventCursor c = file.cursor().verifyChecksums(false);
        long n = 0;
        while (c.next()) {
            n++;
        }
        fileBytes = file.size();
        fileEvents = n;
        System.out.printf("%n# input %s: %d bytes, %d events%n", file.path(), fileBytes, fileEvents);
    }

    @TearDown(Level.Trial)
    public void closeFile() {
        file.close();
        arena.close();
    }

    /** Physical baseline: read every byte of a second mapping of the same file once ({@link RawScan}). */
    @Benchmark
    public long rawScan(FileCounters counters) {
        counters.add(fileBytes, fileEvents);
        return RawScan.sum(raw);
    }
}
