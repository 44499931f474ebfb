package io.binlogkit.benchmarks;

import io.binlogkit.benchmarks.parser.FullDecoder;
import io.binlogkit.parser.BinlogFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * binlogkit's full decode of every row value as a fresh process ({@link FullDecoder}), for
 * {@code benchmarks/compare.sh} and the memory test: prints events, rows, values and the checksum
 * of the values.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp 'benchmarks/target/classes:benchmarks/target/lib/*' io.binlogkit.benchmarks.DecodeAll FILE...</pre>
 */
public final class DecodeAll {
    private DecodeAll() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: DecodeAll BINLOG_FILE...");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        FullDecoder d = new FullDecoder();
        for (String a : args) {
            try (BinlogFile f = BinlogFile.open(Path.of(a))) {
                d.decode(f);
            }
        }
        System.out.printf("binlogkit: events=%d rows_events=%d rows=%d values=%d nulls=%d checksum=%016x in-jvm=%.3fs%n",
                d.events(), d.rowsEvents(), d.rows(), d.values(), d.nulls(), d.checksum(),
                (System.nanoTime() - t0) / 1e9);
    }
}
