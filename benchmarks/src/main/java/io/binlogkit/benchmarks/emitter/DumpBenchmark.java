package io.binlogkit.benchmarks.emitter;

import io.binlogkit.benchmarks.FileCounters;
import io.binlogkit.benchmarks.MappedFileBenchmark;
import io.binlogkit.emitter.Base64Output;
import io.binlogkit.emitter.ByteSink;
import io.binlogkit.emitter.DumpOptions;
import io.binlogkit.emitter.MysqlbinlogPrinter;
import io.binlogkit.emitter.RowsRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.OutputStream;
import java.time.ZoneOffset;

/**
 * {@code binlog dump} of the big binlog into a null sink: the default output (BINLOG base64 blocks)
 * and {@code --base64-output=decode-rows -v} ({@code ###} rows decoded by the parser's row cursor),
 * next to the physical baseline {@link MappedFileBenchmark#rawScan} of the same file in the same run.
 * Secondary results {@code :bytes} and {@code :events} are of input per second; {@link #lastOutput}
 * says how much text one operation made.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class DumpBenchmark extends MappedFileBenchmark {
    /** Bytes of text of the last operation (a cross-check that the variants did their work). */
    public long lastOutput;

    @Benchmark
    public long dumpDefault(FileCounters counters) {
        return dump(DumpOptions.builder().zone(ZoneOffset.UTC).build(), counters);
    }

    @Benchmark
    public long dumpDecodeRowsVerbose(FileCounters counters) {
        return dump(DumpOptions.builder().zone(ZoneOffset.UTC).base64Output(Base64Output.DECODE_ROWS)
                .verbosity(1).build(), counters);
    }

    private long dump(DumpOptions options, FileCounters counters) {
        ByteSink sink = new ByteSink(OutputStream.nullOutputStream());
        RowsRenderer renderer = options.verbosity() > 0 ? RowsRenderer.decoding(options) : RowsRenderer.countingOnly();
        MysqlbinlogPrinter p = new MysqlbinlogPrinter(options, sink, renderer, w -> { });
        p.begin();
        try {
            p.dump(file.path(), true, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.end();
        sink.flush();
        counters.add(fileBytes, fileEvents);
        lastOutput = sink.total();
        return lastOutput;
    }
}
