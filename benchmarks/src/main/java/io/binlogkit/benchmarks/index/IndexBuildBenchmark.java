package io.binlogkit.benchmarks.index;

import io.binlogkit.benchmarks.FileCounters;
import io.binlogkit.benchmarks.MappedFileBenchmark;
import io.binlogkit.index.EventIndexer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code binlog index} of the big binlog into a fresh, empty index directory per operation (one
 * document per Annotate_rows / Query / rows event, committed and closed), next to the physical
 * baseline {@link MappedFileBenchmark#rawScan} of the same file in the same run. One operation takes
 * seconds, so an iteration of 1 s is one operation; {@code :bytes} and {@code :events} are input per
 * second, {@link #lastDocuments} says how many documents one operation added. The index directories
 * are deleted after each iteration, outside the measured time.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class IndexBuildBenchmark extends MappedFileBenchmark {
    /** Documents added by the last operation (a cross-check that it did its work). */
    public long lastDocuments;
    private Path indexRoot;

    @Setup(Level.Iteration)
    public void createIndexRoot() throws IOException {
        indexRoot = Files.createTempDirectory("binlogkit-index-bench");
    }

    @TearDown(Level.Iteration)
    public void deleteIndexRoot() throws IOException {
        try (Stream<Path> s = Files.walk(indexRoot)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public long indexBuild(FileCounters counters) throws IOException {
        try (EventIndexer ix = EventIndexer.open(Files.createTempDirectory(indexRoot, "ix"))) {
            lastDocuments = ix.index(file.path()).documents();
        }
        counters.add(fileBytes, fileEvents);
        return lastDocuments;
    }
}
