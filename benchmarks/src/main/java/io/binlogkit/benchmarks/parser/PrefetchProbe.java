package io.binlogkit.benchmarks.parser;

import io.binlogkit.benchmarks.BenchmarkFiles;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Measures what pre-faulting strategy makes the first walk over a <em>fresh</em> mapping fastest:
 * each round maps the file anew (so no page-table entries exist), applies a strategy, and frames
 * every event by its length with CRC32 of every event, as {@code EventCursor} does. The file is in
 * the page cache (warm) unless the caller drops it, so what is measured is the cost of minor page
 * faults, not disk reads. Strategies, interleaved round by round:
 * <ul>
 *   <li>{@code none}: demand faults only (the kernel maps up to fault_around_bytes per fault);</li>
 *   <li>{@code load8M}: {@code MemorySegment.load()} of 8 MiB windows ahead of the walk (the parser's
 *       current prefetch: madvise(WILLNEED) then touching every page);</li>
 *   <li>{@code willneed8M}: madvise(MADV_WILLNEED) of 8 MiB windows ahead (readahead only, no mapping);</li>
 *   <li>{@code sequential}: madvise(MADV_SEQUENTIAL) of the whole mapping once;</li>
 *   <li>{@code populate8M}: madvise(MADV_POPULATE_READ, Linux 5.14+) of 8 MiB windows ahead: the
 *       kernel fills the page-table entries in one call, without a fault per page;</li>
 *   <li>{@code populateAll}: MADV_POPULATE_READ of the whole file once, before the walk.</li>
 * </ul>
 * With {@code cold} (root only) the page cache is dropped ({@code /proc/sys/vm/drop_caches}) before
 * every round, so the walk reads the disk.
 * Usage: {@code java --enable-native-access=ALL-UNNAMED -cp ... io.binlogkit.benchmarks.parser.PrefetchProbe [ROUNDS [cold]]}
 */
public final class PrefetchProbe {
    private static final int MADV_SEQUENTIAL = 2;
    private static final int MADV_WILLNEED = 3;
    private static final int MADV_POPULATE_READ = 22;
    private static final long WINDOW = 8L << 20;
    private static final MethodHandle MADVISE = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("madvise").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

    private PrefetchProbe() {
    }

    static int madvise(MemorySegment seg, long from, long n, int advice) {
        try {
            return (int) MADVISE.invokeExact(MemorySegment.ofAddress(seg.address() + from), n, advice);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Frames events by their length field and CRCs each; {@code ahead} is called before a window is entered. */
    static long walk(MemorySegment seg, String strategy) {
        long end = seg.byteSize();
        long pos = 4;
        long prefetched = 0;
        CRC32 crc = new CRC32();
        ByteBuffer all = null;
        long sum = 0;
        while (pos + 19 <= end) {
            if (pos + 19 > prefetched) {
                long n = Math.min(WINDOW, end - pos);
                switch (strategy) {
                    case "load8M" -> seg.asSlice(pos, n).load();
                    case "willneed8M" -> madvise(seg, pos & ~4095L, n, MADV_WILLNEED);
                    case "populate8M" -> madvise(seg, pos & ~4095L, n, MADV_POPULATE_READ);
                    default -> { }
                }
                prefetched = pos + n;
            }
            long len = Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED, pos + 9));
            if (len < 19 || pos + len > end) {
                throw new IllegalStateException("bad event length " + len + " at " + pos);
            }
            ByteBuffer b = seg.asSlice(pos, len - 4).asByteBuffer();
            crc.reset();
            crc.update(b);
            sum += crc.getValue();
            pos += len;
        }
        return sum;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean cold = args.length > 1 && args[1].equals("cold");
        Path file = BenchmarkFiles.bigBinlog();
        String[] strategies = {"none", "load8M", "willneed8M", "sequential", "populate8M", "populateAll"};
        long[][] ms = new long[strategies.length][rounds];
        // one untimed pass to compile the walk
        try (Arena a = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), a);
            for (int i = 0; i < 3; i++) {
                walk(seg, "none");
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < strategies.length; s++) {
                if (cold) {
                    java.nio.file.Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
                }
                try (Arena a = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    long t0 = System.nanoTime();
                    MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), a);
                    if (strategies[s].equals("sequential")) {
                        madvise(seg, 0, seg.byteSize(), MADV_SEQUENTIAL);
                    } else if (strategies[s].equals("populateAll")) {
                        int rc = madvise(seg, 0, seg.byteSize(), MADV_POPULATE_READ);
                        if (rc != 0) {
                            System.out.println("MADV_POPULATE_READ not supported (rc " + rc + ")");
                        }
                    }
                    walk(seg, strategies[s]);
                    ms[s][r] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
        }
        System.out.printf("%s, %d bytes, %d rounds, page cache %s, fresh mapping per round (map + strategy + framing + CRC32):%n",
                file, file.toFile().length(), rounds, cold ? "dropped before every round (cold)" : "warm");
        for (int s = 0; s < strategies.length; s++) {
            long[] v = ms[s].clone();
            Arrays.sort(v);
            System.out.printf("  %-12s min %5d ms  median %5d ms  all %s%n", strategies[s], v[0], v[rounds / 2],
                    Arrays.toString(ms[s]));
        }
    }
}
