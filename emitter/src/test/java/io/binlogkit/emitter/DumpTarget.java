package io.binlogkit.emitter;

import io.binlogkit.parser.BinlogFile;
import io.binlogkit.parser.BinlogFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The fuzz target shared by {@link DumpFuzzTest} (Jazzer) and {@link DumpMutationTest} (seeded
 * mutations): bytes become a binlog file (in native memory, as the command maps a real file), which
 * is dumped the way {@code binlog dump} does it, in one of the {@link Mode}s.
 *
 * <p>The only exceptions allowed out are the typed ones a command turns into a clear message:
 * {@link BinlogFormatException} and its subtypes (exit code 1), and the
 * {@link UnsupportedOperationException} the printers throw for what they refuse (a file written by
 * MySQL, an event MySQL's printer does not know: exit code 5), when binlogkit's code throws it.
 * Anything else ({@code IndexOutOfBoundsException}, {@code NullPointerException},
 * {@code NegativeArraySizeException}, {@code OutOfMemoryError}, …) is rethrown, and a dump that does
 * not end within {@link #TIMEOUT_SECONDS} fails: they are findings.
 */
final class DumpTarget {
    /** The file name the input is dumped under (printed in messages only). */
    static final Path NAME = Path.of("fuzz-bin.000001");

    /** How the input is dumped. */
    enum Mode {
        /** {@code binlog dump FILE}: BINLOG blocks, row counts. */
        DEFAULT,
        /** {@code binlog dump --base64-output=decode-rows -v FILE}. */
        VERBOSE,
        /** {@code binlog dump --base64-output=decode-rows -vv FILE}. */
        VERY_VERBOSE,
        /** {@code binlog dump --format json FILE}. */
        JSON
    }

    private static Path loadDir;
    private static List<byte[]> testdata;

    private DumpTarget() {
    }

    /**
     * Dumps {@code input} in {@code mode}; returns normally for a typed error, rethrows anything else,
     * and fails with an {@link AssertionError} when the dump does not end within
     * {@link #TIMEOUT_SECONDS} (an endless loop: the stuck thread is abandoned).
     */
    static void dumpAllowingTypedErrors(byte[] input, Mode mode) {
        try {
            withTimeout(input, mode);
        } catch (BinlogFormatException e) {
            // the typed format error: what the command prints as "error: FILE at offset N: …" (exit 1)
        } catch (UnsupportedOperationException e) {
            if (!thrownByBinlogkit(e)) {
                throw e;
            }
            // a refusal the command prints as "not supported" (exit 5)
        }
    }

    /**
     * Seconds one dump may take. The inputs are at most tens of kilobytes and take milliseconds; the
     * first dump of each mode in a JVM gets {@link #FIRST_TIMEOUT_SECONDS}, as it loads (and, under
     * Jazzer, instruments) the classes.
     */
    static final int TIMEOUT_SECONDS = 10;
    static final int FIRST_TIMEOUT_SECONDS = 120;
    private static final Set<Mode> warm = EnumSet.noneOf(Mode.class);
    /** Guards {@link #worker} and {@link #warm}; not the class, which the worker thread locks. */
    private static final Object WORKER_LOCK = new Object();
    private static ExecutorService worker;

    /**
     * {@link #dump} on a worker thread, waited for with a timeout. Not JUnit's {@code @Timeout}: under
     * Jazzer that would also limit the whole fuzzing run, not one input.
     */
    private static void withTimeout(byte[] input, Mode mode) {
        synchronized (WORKER_LOCK) {
            withTimeoutLocked(input, mode);
        }
    }

    private static void withTimeoutLocked(byte[] input, Mode mode) {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dump-fuzz-target");
                t.setDaemon(true);
                return t;
            });
        }
        int limit = warm.contains(mode) ? TIMEOUT_SECONDS : FIRST_TIMEOUT_SECONDS;
        Future<?> f = worker.submit(() -> dump(input, mode));
        try {
            f.get(limit, TimeUnit.SECONDS);
            warm.add(mode);
        } catch (ExecutionException e) {
            warm.add(mode);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = null; // the stuck thread may never stop: the next input gets a new one
            throw new AssertionError("the " + mode + " dump of a " + input.length + "-byte input did not end within "
                    + limit + " s (an endless loop?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code e} was thrown by binlogkit's own code (a refusal), not by a JDK or library call. */
    static boolean thrownByBinlogkit(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return st.length > 0 && st[0].getClassName().startsWith("io.binlogkit.");
    }

    /** Dumps {@code input} in {@code mode} to a discarding stream, as {@code binlog dump} would. */
    static void dump(byte[] input, Mode mode) {
        Path load = loadDir();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, input.length));
            MemorySegment.copy(input, 0, seg, ValueLayout.JAVA_BYTE, 0, input.length);
            try (BinlogFile file = BinlogFile.of(NAME, seg.asSlice(0, input.length))) {
                dump(file, mode, load);
            }
        } finally {
            clear(load);
        }
    }

    private static void dump(BinlogFile file, Mode mode, Path load) {
        DumpOptions.Builder b = DumpOptions.builder().zone(ZoneOffset.UTC).localLoadDir(load);
        switch (mode) {
            case DEFAULT, JSON -> { }
            case VERBOSE -> b.base64Output(Base64Output.DECODE_ROWS).verbosity(1);
            case VERY_VERBOSE -> b.base64Output(Base64Output.DECODE_ROWS).verbosity(2);
        }
        DumpOptions options = b.build();
        ByteSink sink = new ByteSink(OutputStream.nullOutputStream());
        // DumpCommand: the decoding renderer for -v and for JSON, the counting one otherwise.
        RowsRenderer renderer = mode == Mode.DEFAULT ? RowsRenderer.countingOnly() : RowsRenderer.decoding(options);
        if (mode == Mode.JSON) {
            JsonEventWriter w = new JsonEventWriter(options, sink, renderer);
            w.dump(file, true, true);
            w.end();
        } else if (MysqlTextPrinter.writtenByMysql(file)) {
            // DumpCommand: a first file written by MySQL is printed as MySQL's mysqlbinlog does.
            MysqlTextPrinter p = new MysqlTextPrinter(options, sink, w -> { });
            p.begin();
            p.dump(file, true, true);
            p.end();
        } else {
            MysqlbinlogPrinter p = new MysqlbinlogPrinter(options, sink, renderer, w -> { });
            p.begin();
            p.dump(file, true, true);
            p.end();
        }
        sink.flush();
    }

    /** The binlogs of {@code testdata/binlogs} (every file that starts with the binlog magic), sorted by name. */
    static synchronized List<byte[]> testdataBinlogs() {
        if (testdata == null) {
            List<byte[]> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(GoldenBinlogs.repo().resolve("testdata/binlogs"))) {
                for (Path p : s.sorted().toList()) {
                    byte[] b = Files.readAllBytes(p);
                    if (b.length >= 4 && (b[0] & 0xff) == 0xfe && b[1] == 'b' && b[2] == 'i' && b[3] == 'n') {
                        out.add(b);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no binlog in testdata/binlogs");
            }
            testdata = List.copyOf(out);
        }
        return testdata;
    }

    /** One LOAD DATA directory per JVM, emptied after every input (so that names do not pile up). */
    private static synchronized Path loadDir() {
        if (loadDir == null) {
            try {
                loadDir = Files.createTempDirectory("bk-fuzz-load");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loadDir.toFile().deleteOnExit();
        }
        return loadDir;
    }

    private static void clear(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
