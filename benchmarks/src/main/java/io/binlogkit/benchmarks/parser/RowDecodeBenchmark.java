package io.binlogkit.benchmarks.parser;

import io.binlogkit.benchmarks.FileCounters;
import io.binlogkit.benchmarks.MappedFileBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full decode of every row value of the big binlog as primitives ({@link FullDecoder}: framing,
 * CRC32, table maps, every column of every row image), in bulk and column by column, next to the
 * raw scan of the same file
 * ({@link MappedFileBenchmark#rawScan}). Secondary results {@code :bytes} and {@code :events} are
 * per second.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class RowDecodeBenchmark extends MappedFileBenchmark {
    private final FullDecoder bulk = FullDecoder.bulk();
    private final FullDecoder perColumn = FullDecoder.perColumn();

    /** Every row value through {@code RowImage.decodeInto} on a lazy cursor, folded into a checksum consumed by the Blackhole. */
    @Benchmark
    public void decodeAll(FileCounters counters, Blackhole bh) {
        run(bulk, counters, bh);
    }

    /** The same values through the per-column accessors on an eager cursor (the same checksum). */
    @Benchmark
    public void decodeAllPerColumn(FileCounters counters, Blackhole bh) {
        run(perColumn, counters, bh);
    }

    private void run(FullDecoder decoder, FileCounters counters, Blackhole bh) {
        decoder.reset();
        decoder.decode(file);
        bh.consume(decoder.checksum());
        bh.consume(decoder.rows());
        counters.add(fileBytes, decoder.events());
    }
}
