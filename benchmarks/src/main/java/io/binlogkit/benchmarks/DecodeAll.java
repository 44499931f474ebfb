package io.binlogkit.benchmarks;

import io.binlogkit.benchmarks.parser.FullDecoder;
import io.binlogkit.parser.BinlogFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * binlogkit's full decode of every row value as a fresh process ({@link FullDecoder}), for
 * {@code benchmarks/compare.sh} and the memory test: prints events, rows, values and the checksum
 * of the values. {@code --per-column} reads them with the per-column accessors instead of
 * {@code RowImage.decodeInto} (same values, same checksum).
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp 'benchmarks/target/classes:benchmarks/target/lib/*' io.binlogkit.benchmarks.DecodeAll [--per-column] FILE...</pre>
 */
public final class DecodeAll {
    private DecodeAll() {
    }

    public static void main(String[] args) throws IOException {
        boolean perColumn = args.length > 0 && args[0].equals("--per-column");
        int first = perColumn ? 1 : 0;
        if (args.length == first) {
            System.err.println("usage: DecodeAll [--per-column] BINLOG_FILE...");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        FullDecoder d = perColumn ? FullDecoder.perColumn() : FullDecoder.bulk();
        for (int i = first; i < args.length; i++) {
            try (BinlogFile f = BinlogFile.open(Path.of(args[i]))) {
                d.decode(f);
            }
        }
        System.out.printf("binlogkit: events=%d rows_events=%d rows=%d values=%d nulls=%d checksum=%016x in-jvm=%.3fs%n",
                d.events(), d.rowsEvents(), d.rows(), d.values(), d.nulls(), d.checksum(),
                (System.nanoTime() - t0) / 1e9);
    }
}
