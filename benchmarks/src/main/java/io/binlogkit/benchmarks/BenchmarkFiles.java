package io.binlogkit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the benchmarks find their input: a generated ~1 GiB binlog kept outside the repository. */
public final class BenchmarkFiles {
    /** Default made by {@code testdata/make-big-binlog.sh}. */
    public static final Path DEFAULT = Path.of(System.getProperty("user.home"), ".cache", "binlogkit", "big-row.000001");

    private BenchmarkFiles() {
    }

    /** The file named by {@code -Dbinlogkit.bench.file} or {@code $BINLOGKIT_BENCH_FILE}, else {@link #DEFAULT}. */
    public static Path bigBinlog() {
        String p = System.getProperty("binlogkit.bench.file", System.getenv("BINLOGKIT_BENCH_FILE"));
        Path file = p == null || p.isEmpty() ? DEFAULT : Path.of(p);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("benchmark input " + file
                    + " not found: run testdata/make-big-binlog.sh (or set BINLOGKIT_BENCH_FILE)");
        }
        return file;
    }
}
